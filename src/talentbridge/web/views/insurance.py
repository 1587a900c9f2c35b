"""Insurance pages: contribution imports for agencies and funds; estimate, statement and claims for the insured."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from talentbridge.accounts.models import Role, User
from talentbridge.casework import services as casework
from talentbridge.core import clock, languages
from talentbridge.core.errors import ApplicationError, NotFound
from talentbridge.insurance import importing, selectors
from talentbridge.insurance.aggregation import personal_account_reference, wage_first_date
from talentbridge.insurance.awards import award_list, award_view, money_text
from talentbridge.insurance.estimates import ASSUMED_INPUTS
from talentbridge.insurance.models import ContributionImport
from talentbridge.insurance.retirement import REFORM_SOURCE
from talentbridge.insurance.services import (
    benefit_claim_file,
    benefit_claim_prepare,
    benefit_estimate,
    contribution_import_reconcile,
    contribution_import_retry,
    contribution_import_start,
    contribution_imports_reconcile,
    is_fund_staff,
    may_import,
    may_view_imports,
)
from talentbridge.policy import presenter
from talentbridge.policy.models import Determination
from talentbridge.rules import labels
from talentbridge.rules.system import rulebook
from talentbridge.web.errors import add_service_error, refused_status
from talentbridge.web.forms_insurance import ClaimForm, EstimateForm, ImportForm
from talentbridge.web.views.access import role_required


def _viewer(request: HttpRequest) -> User:
    """Importers (employers' and funds' staff) and administrators (read only) — as in the API."""
    user: User = request.user  # type: ignore[assignment]
    if not may_view_imports(user):
        raise PermissionDenied
    return user


def _chosen_files(request: HttpRequest) -> list[str]:
    """The names of the files sent with a refused form: a browser never keeps them, so the page names them."""
    return [str(upload.name) for field in request.FILES for upload in request.FILES.getlist(field)]


# What each column of a contribution file holds, for the import page (the columns are `importing.COLUMNS`);
# the codes `scheme` and `city` accept come from the vocabulary and reference data (`importing.values`).
COLUMN_HELP = {
    "person_email": gettext_lazy("The insured person's e-mail address, as on their account."),
    "scheme": gettext_lazy("The insurance scheme, written as one of these codes:"),
    "city": gettext_lazy("The city where the person is insured, written as one of these codes:"),
    "employer_name": gettext_lazy("The employer's name; an employer writes its own name as registered here."),
    "employer_code": gettext_lazy("The employer's unified social credit code."),
    "start_month": gettext_lazy("The first month of the period, written YYYY-MM (for example 2024-07)."),
    "end_month": gettext_lazy(
        "The last month of the period, written YYYY-MM (for example 2024-12); empty while the period lasts."
    ),
    "monthly_wage": gettext_lazy(
        "The monthly contribution wage in yuan (CNY), as a plain number such as 8000 or 8000.00; it must be "
        "between 60%% and 300%% of the average wage of its month."
    ),
}


def _column_help(user: User) -> list[dict[str, Any]]:
    """Each column of a file: its name, whether it must be filled, what it holds and the codes it accepts."""
    values = {
        "scheme": importing.scheme_choices(),
        "city": importing.city_choices(importing.importer_for(user)),
    }
    return [
        {
            "name": column,
            "required": column in importing.REQUIRED,
            "text": COLUMN_HELP[column] % {},  # each is a format ("%%" for a per cent sign)
            "values": values.get(column, []),
        }
        for column in importing.COLUMNS
    ]


def _import_link(record: ContributionImport) -> str:
    return reverse("web:insurance_import", args=[record.pk])


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def imports(request: HttpRequest) -> HttpResponse:
    """Upload a contribution file, follow its progress; the files sent before with their counts."""
    user = _viewer(request)
    can_import = may_import(user)
    if request.method == "POST" and not can_import:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                record, created = contribution_import_start(
                    user=user,
                    chunks=upload.chunks(),
                    original_name=upload.name or "",
                    link=_import_link,
                )
            except ApplicationError as error:
                for messages in (error.details or {"file": [str(error.message)]}).values():
                    for message in messages:
                        form.add_error("file", message)
                status = refused_status(error)
            else:
                if not created:
                    return redirect(f"{reverse('web:insurance_import', args=[record.pk])}?again=1")
                assert record.progress_id is not None
                return redirect("web:task_progress", task_id=record.progress_id)
        else:
            status = refused_status()
    files_again = _chosen_files(request) if status != 200 else []
    contribution_imports_reconcile(user=user)
    records = selectors.import_list(user=user)[:20]
    context = {
        "form": form,
        "files_again": files_again,
        "records": records,
        "can_import": can_import,
        "fund_staff": is_fund_staff(user),
        "columns": _column_help(user) if can_import else [],
        "max_rows": f"{importing.max_rows():,}",
        "max_rows_count": importing.max_rows(),
        "max_mb": importing.max_unpacked_bytes() // (1024 * 1024),
    }
    return render(request, "web/insurance/imports.html", context, status=status)


@login_required
@require_safe
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    """One file's report: counts, each rejected row with its reasons, and a retry when it failed."""
    user = _viewer(request)
    record = selectors.import_get(user=user, import_id=import_id)
    if record is None:
        raise Http404
    record = contribution_import_reconcile(record=record)
    context = {
        "record": record,
        "rejected": record.rejected_rows(),  # reasons in the page's language
        "again": request.GET.get("again") == "1",
        "finished": record.finished,
        "can_retry": record.retriable and record.uploaded_by_id == user.pk,
    }
    return render(request, "web/insurance/import_detail.html", context)


@login_required
@require_POST
def import_retry(request: HttpRequest, import_id: int) -> HttpResponse:
    """Run a failed import again; its progress page follows."""
    user = _viewer(request)
    try:
        record = contribution_import_retry(user=user, import_id=import_id, link=_import_link)
    except NotFound as error:
        raise Http404 from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("web:insurance_import", import_id=import_id)
    assert record.progress_id is not None
    return redirect("web:task_progress", task_id=record.progress_id)


def _figures(determination: Determination, language: str) -> list[dict[str, Any]]:
    return [presenter.output_view(output) for output in determination.explanation.get("outputs", [])]


def _value(variable: str, value: Any, shown: str) -> str:
    """An amount in yuan with its currency and grouping ("CNY 2,268.00"); any other value as the presenter shows it."""
    kernel_variable = rulebook().variables.get(variable)
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    if numeric and getattr(kernel_variable, "unit", None) == "currency-CNY":
        return money_text(value)
    return shown


def _condition_view(raw: dict[str, Any], view: dict[str, Any]) -> dict[str, Any]:
    """A reason that rests on an input the estimate assumes says so, instead of calling it the person's answer."""
    if not any(fact.get("variable") in ASSUMED_INPUTS for fact in raw.get("facts", [])):
        return view
    said = (
        _("%(condition)s: met, on the assumptions stated below.")
        if view["met"]
        else _("%(condition)s: not met, even on the assumptions stated below.")
    )
    return {**view, "text": said % {"condition": view["label"]}}


def _section(key: str, title: str, determination: Determination, language: str) -> dict[str, Any]:
    """One benefit: its figures (the answer), the conditions and values behind them once each (the reasons).

    The page shows these first and folds the full trace (every rule, parameter and source) below. What
    the estimate assumes without asking (`ASSUMED_INPUTS`) is listed as assumed, apart from the person's
    records and answers, and no reason presents it as an answer.
    """
    raw_outputs = determination.explanation.get("outputs", [])
    outputs: list[dict[str, Any]] = []
    reasons: dict[str, dict[str, Any]] = {}
    inputs: dict[str, dict[str, Any]] = {}
    assumed: dict[str, dict[str, Any]] = {}
    for raw, view in zip(raw_outputs, _figures(determination, language), strict=True):
        used_views = []
        for used, used_view in zip(raw.get("values_used", []), view.get("values_used", []), strict=True):
            is_assumed = used["variable"] in ASSUMED_INPUTS
            used_view = {
                **used_view,
                "variable": used["variable"],
                "value": _value(used["variable"], used["value"], used_view["value"]),
                "origin": _("assumed") if is_assumed else used_view["origin"],
            }
            used_views.append(used_view)
            (assumed if is_assumed else inputs).setdefault(str(used_view["label"]), used_view)
        outputs.append(
            {**view, "value": _value(raw["variable"], raw["value"], view["value"]), "values_used": used_views}
        )
        raw_conditions = ([raw["reason"]] if raw.get("reason") else []) + list(raw.get("conditions", []))
        view_conditions = ([view["reason"]] if view.get("reason") else []) + list(view.get("conditions", []))
        for raw_condition, condition in zip(raw_conditions, view_conditions, strict=True):
            if raw_condition["variable"] in ASSUMED_INPUTS:
                continue  # an assumption, listed as such below
            reasons.setdefault(
                str(condition.get("variable") or condition.get("label")), _condition_view(raw_condition, condition)
            )
    return {
        "key": key,
        "title": title,
        "determination": determination,
        "outputs": outputs,
        "reasons": sorted(reasons.values(), key=lambda condition: bool(condition.get("met"))),
        "inputs": list(inputs.values()),
        "assumed": list(assumed.values()),
    }


@login_required
@role_required(Role.APPLICANT)
@require_http_methods(["GET", "HEAD", "POST"])
def estimate(request: HttpRequest) -> HttpResponse:
    """Pension at a chosen retirement month, unemployment and work injury, from the person's own records."""
    user: User = request.user  # type: ignore[assignment]
    form = EstimateForm(request.POST or None)
    context: dict[str, Any] = {
        "form": form,
        "reform_source": labels.source_text(REFORM_SOURCE, languages.language_key()),
        "account_source": labels.source_text(personal_account_reference(), languages.language_key()),
    }
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = benefit_estimate(
                    person=user,
                    birth_month=data["birth_month"],
                    category=data["category"],
                    retirement_month=data.get("retirement_month"),
                    disability_grade=data["disability_grade"],
                    employer_arranges_work=data["employer_arranges_work"],
                )
            except ApplicationError as error:
                add_service_error(form, error)
                status = refused_status(error)
            else:
                language = languages.language_key()
                context["result"] = result
                context["sections"] = [
                    _section("pension", _("Pension"), result.pension, language),
                    _section("unemployment", _("Unemployment"), result.unemployment, language),
                    _section("work_injury", _("Work injury"), result.work_injury, language),
                ]
        else:
            status = refused_status()
    context["totals"] = selectors.scheme_rows(person=user)
    return render(request, "web/insurance/estimate.html", context, status=status)


@login_required
@require_safe
def awards(request: HttpRequest) -> HttpResponse:
    """Benefits awarded: a person's own; a fund's staff those of its city; administrators all."""
    user: User = request.user  # type: ignore[assignment]
    if not (user.role in {Role.APPLICANT, Role.ADMINISTRATOR} or is_fund_staff(user)):
        raise PermissionDenied
    page = Paginator(award_list(user=user), 25).get_page(request.GET.get("page"))
    context = {"page": page, "awards": [award_view(award) for award in page], "own": user.role == Role.APPLICANT}
    return render(request, "web/insurance/awards.html", context)


@login_required
@role_required(Role.APPLICANT)
@require_safe
def statement(request: HttpRequest) -> HttpResponse:
    """Contribution history with totals per scheme; printable."""
    user: User = request.user  # type: ignore[assignment]
    context = {
        "periods": selectors.period_list(person=user),
        "totals": selectors.scheme_rows(person=user),
        "awards": [award_view(award) for award in award_list(user=user).filter(person=user)],
        "overlaps": selectors.person_overlaps(person=user),
        "today": clock.today(),
        # The figure's own name ("pension calculation base W"), not the path of the parameter holding it.
        "wage_label": labels.variable_label("pension_calculation_base")[languages.language_key()],
        "wage_since": wage_first_date(),
    }
    return render(request, "web/insurance/statement.html", context)


def _show_errors(form: ClaimForm, error: ApplicationError) -> None:
    """The service's refusal on the form: each message at its field when the form has it; never a field's code.

    A field the form itself already refused keeps the form's message alone.
    """
    shown: set[str] = set()
    for field, said in (error.details or {}).items():
        # structured details (states, choices) are for machines
        said_here = [message for message in (said if isinstance(said, list) else [said]) if isinstance(message, str)]
        shown.update(said_here)
        if field in form.errors:
            continue
        for message in said_here:
            form.add_error(field if field in form.fields else None, message)
    said_by_fields = bool(shown) and error.message is type(error).default_message
    if str(error.message) not in shown and not said_by_fields:
        form.add_error(None, str(error.message))


@login_required
@role_required(Role.APPLICANT)
@require_http_methods(["GET", "HEAD", "POST"])
def claim_new(request: HttpRequest) -> HttpResponse:
    """Claim a benefit from the city's social insurance fund; the case is submitted at once.

    The same service as `POST /api/v1/insurance/claims` (`benefit_claim_file`): the fund and the case data,
    then the case opened, its documents attached and submitted, all or nothing. A form the page refuses is
    still shown the service's own faults (`benefit_claim_prepare`), all at once.
    """
    user: User = request.user  # type: ignore[assignment]
    form = ClaimForm(
        request.POST or None, request.FILES or None, initial={"benefit": request.GET.get("benefit", "unemployment")}
    )
    status = 200
    if request.method == "POST":
        valid = form.is_valid()
        try:
            if valid:
                file_case = functools.partial(casework.application_file, documents=form.documents())
                case = benefit_claim_file(applicant=user, file_case=file_case, **form.claim())
            else:
                benefit_claim_prepare(applicant=user, **form.claim())
        except ApplicationError as error:
            _show_errors(form, error)
            status = refused_status(error)
        else:
            if valid:
                # the same words as every other filing: the claim is submitted at once
                messages.success(
                    request, _("Your application %(reference)s has been submitted.") % {"reference": case.reference}
                )
                return redirect("web:case_detail", reference=case.reference)
            status = refused_status()
    # A browser never keeps a chosen file through a refused submit: the page names them to choose again.
    files_again = _chosen_files(request) if status != 200 else []
    return render(request, "web/insurance/claim.html", {"form": form, "files_again": files_again}, status=status)

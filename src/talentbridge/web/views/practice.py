"""Practice pages: pathway catalogue, eligibility check, apply, registrations, compensation, alerts, register."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from talentbridge.accounts.models import Role, User
from talentbridge.casework import services as casework
from talentbridge.casework.selectors import application_get, application_list
from talentbridge.core import clock
from talentbridge.core.errors import ApplicationError, NotFound
from talentbridge.policy.models import Determination
from talentbridge.practice import catalogue, checker, selectors
from talentbridge.practice import services as practice
from talentbridge.reference.models import City
from talentbridge.web.errors import add_service_error, refused_status
from talentbridge.web.forms_practice import (
    AlertForm,
    ApplyForm,
    CheckForm,
    CompensationReportForm,
    PathwayDayForm,
    PathwayFilterForm,
    ReasonForm,
    RegisterSearchForm,
)
from talentbridge.web.ratelimit import rate_limited
from talentbridge.web.views.access import role_required


@require_safe
def pathways(request: HttpRequest) -> HttpResponse:
    """Every pathway in force on a date, searchable by profession, place, mechanism and text."""
    form = PathwayFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    on = clock.today()
    status = 200
    if form.is_bound:
        # A filter that is no answer (a day that is no date) is refused at its field; the others still apply.
        status = 200 if form.is_valid() else 400
        data = form.cleaned_data
        on = data.get("on") or on
        filters = {
            "field_code": data.get("field") or None,
            "zone": data.get("zone") or None,
            "mechanism": data.get("mechanism") or None,
            "search": data.get("q") or None,
        }
    found = catalogue.pathway_list(on=on, **filters)
    return render(request, "web/practice/pathways.html", {"form": form, "pathways": found, "on": on}, status=status)


@require_safe
def pathway(request: HttpRequest, field: str, zone: str) -> HttpResponse:
    """One pathway's terms on a day (`?on=YYYY-MM-DD`, default today); a day that is no date is said so."""
    if field not in catalogue.FIELDS or zone not in catalogue.ZONES:
        raise Http404
    day = PathwayDayForm(request.GET)
    status = 200
    on = clock.today()
    if day.is_valid():
        on = day.cleaned_data["on"] or on
    else:
        status = 400
        messages.error(
            request,
            _("“%(value)s” is not a date: write it as YYYY-MM-DD. The terms shown are those in force today.")
            % {"value": request.GET.get("on", "")[:40]},
        )
    found = catalogue.pathway_get(field, zone, on)
    context = {"pathway": found, "field": field, "zone": zone, "on": on}
    return render(request, "web/practice/pathway.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("practice_check")  # a submitted check counts in the budget of its API twin; the bare form is free
def check(request: HttpRequest) -> HttpResponse:
    """Questions → eligible or not, with reasons rule by rule, sources, and what would change the answer."""
    result = None
    status = 200
    if request.method == "POST":
        form = CheckForm(request.POST)
        if form.is_valid():
            try:
                answers = checker.answers_from(form.answers_data(clock.today()))
                user = request.user if request.user.is_authenticated else None
                result = checker.check_run(answers=answers, user=user)
            except ApplicationError as error:
                add_service_error(form, error)
                status = refused_status(error)
        else:
            status = 400
    else:
        form = CheckForm(initial={"on": clock.today()})
    apply_form = None
    if result and result["eligible"]:
        answers = result["answers"]
        apply_form = _offer_zone_cities(
            ApplyForm(initial={"check": result["determination_id"]}, practice_field=answers.field), answers.zone
        )
    context = {"form": form, "result": result, "apply_form": apply_form}
    return render(request, "web/practice/check.html", context, status=status)


def _offer_zone_cities(form: ApplyForm, zone: str) -> ApplyForm:
    """Offer only the cities the check's zone allows: the rule every draft is held to (`city_choices`)."""
    allowed = practice.city_choices(payload={"zone": zone}) or []
    city_field = form.fields["city"]
    assert isinstance(city_field, forms.ChoiceField)
    city_field.choices = [(c.code, c.name) for c in City.objects.filter(code__in=allowed).order_by("code")]
    if len(allowed) == 1:
        form.initial.setdefault("city", allowed[0])
    return form


def _checked_field(check: str) -> str:
    """The field of the check an application is made from (to offer its professions); "" when there is none."""
    text = str(check).strip()
    wellformed = text.isascii() and text.isdigit() and len(text) < 19
    determination = Determination.objects.filter(pk=int(text)).first() if wellformed else None
    if determination is None or "practice_eligible" not in determination.outputs:
        return ""
    try:
        return checker.answers_of(determination).field
    except (KeyError, TypeError, ValueError):
        return ""


@login_required
@role_required(Role.APPLICANT)
@require_POST
def apply(request: HttpRequest) -> HttpResponse:
    """Open a practice-registration draft prefilled from an eligible check, at the authority the rules name."""
    user: User = request.user  # type: ignore[assignment]
    form = ApplyForm(request.POST, practice_field=_checked_field(request.POST.get("check", "")))
    if form.is_valid():
        try:
            case = practice.practice_apply(
                user=user,
                determination_id=form.cleaned_data["check"],
                city=form.cleaned_data["city"],
                licence_number=form.cleaned_data["licence_number"],
                profession=form.cleaned_data.get("profession") or "",
                open_case=casework.application_create,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Your draft application %(reference)s is ready: add your documents, then submit it.")
                % {"reference": case.reference},
            )
            return redirect("web:case_detail", reference=case.reference)
    # The check shown again beside the refusal is one the applicant may apply from (theirs, or made before
    # signing in); an id that is not a whole number was refused by the form and shows no check.
    check_id = form.cleaned_data.get("check") if hasattr(form, "cleaned_data") else None
    determination = (
        Determination.objects.filter(pk=check_id)
        .filter(Q(requested_by__isnull=True) | Q(requested_by=user), outputs__has_key="practice_eligible")
        .first()
        if check_id
        else None
    )
    result = checker.check_result(determination, explore=False) if determination else None
    check_form = CheckForm()
    if result:
        _offer_zone_cities(form, result["answers"].zone)
        # The answers of the check applied from, as they were given (not reset to the questions' defaults).
        check_form = CheckForm(initial=CheckForm.initial_of(result["answers"]))
    context = {"form": check_form, "result": result, "apply_form": form}
    return render(request, "web/practice/check.html", context, status=400)


REGISTRATIONS_PAGE_SIZE = 50


def _registrations_context(
    user: User, page_number: str | None, search: str = "", failed: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The list, found by number or name (`search`); `failed` re-shows a refused action with what was typed."""
    rows = selectors.registrations_of(user=user).order_by("-created_at", "-pk")
    search = search.strip()[:100]
    if search:
        rows = rows.filter(Q(number__icontains=search) | Q(full_name__icontains=search))
    page = Paginator(rows, REGISTRATIONS_PAGE_SIZE).get_page(page_number)
    context: dict[str, Any] = {
        "page": page,
        "registrations": page.object_list,
        "reason_form": ReasonForm(),
        "search": search,
        "search_query": urlencode({"q": search})[2:],
        "failed": failed or {},
    }
    if user.role == Role.APPLICANT:
        context["compensation_cases"] = [
            {"case": case, "measures": selectors.compensation_for(case_reference=case.reference)}
            for case in application_list(user=user, kind=practice.KIND, state="compensation_required")
        ]
        context["report_form"] = CompensationReportForm()
    return context


@login_required
@role_required(Role.APPLICANT, Role.REVIEWER, Role.ADMINISTRATOR)
@require_safe
def registrations(request: HttpRequest) -> HttpResponse:
    """A professional's registrations (renew, report compensation); an authority's (suspend, revoke)."""
    user: User = request.user  # type: ignore[assignment]
    context = _registrations_context(user, request.GET.get("page"), request.GET.get("q", ""))
    return render(request, "web/practice/registrations.html", context)


def _back_to_registrations(request: HttpRequest) -> HttpResponse:
    """To the list again, on the page the action was taken from (`?page=` of the form's address)."""
    page = request.GET.get("page", "")
    url = reverse("web:practice_registrations")
    return redirect(f"{url}?page={page}" if page.isdigit() and page.isascii() and int(page) > 1 else url)


@login_required
@role_required(Role.REVIEWER, Role.ADMINISTRATOR)
@require_POST
def registration_action(request: HttpRequest, registration_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    shown = selectors.registration_get(user=user, registration_id=registration_id)
    if shown is None:
        raise Http404  # another authority's (or no) registration: not found, whatever the form says
    form = ReasonForm(request.POST)
    refusals: list[str] = []
    if form.is_valid():
        action = {
            "suspend": practice.registration_suspend,
            "reinstate": practice.registration_reinstate,
            "revoke": practice.registration_revoke,
        }[form.cleaned_data["action"]]
        try:
            registration = action(registration_id=registration_id, actor=user, reason=form.cleaned_data["reason"])
        except NotFound as error:
            raise Http404 from error
        except ApplicationError as error:
            refusals.append(str(error.message))
        else:
            done = {
                "suspend": _("Registration %(number)s suspended."),
                "reinstate": _("Registration %(number)s reinstated."),
                "revoke": _("Registration %(number)s revoked."),
            }[form.cleaned_data["action"]]
            messages.success(request, done % {"number": registration.number})
            return _back_to_registrations(request)
    else:  # each refusal in words (the action is a hidden field: its refusal is said too)
        refusals.extend(dict.fromkeys(str(m) for errors in form.errors.values() for m in errors))
    # Refused: the list again, showing this registration with what was typed and the refusal naming it.
    for refusal in refusals:
        messages.error(
            request, _("Registration %(number)s: %(refusal)s") % {"number": shown.number, "refusal": refusal}
        )
    failed = {"id": shown.pk, "action": request.POST.get("action", ""), "reason": request.POST.get("reason", "")[:2000]}
    context = _registrations_context(user, None, shown.number, failed)
    return render(request, "web/practice/registrations.html", context, status=400)


@login_required
@role_required(Role.APPLICANT)
@require_POST
def renew(request: HttpRequest, registration_id: int) -> HttpResponse:
    """Open a renewal application for one's own registration, prefilled so that it can be submitted as it is
    (only a registration with a fixed term, in force or expired, can be renewed: the service refuses others)."""
    user: User = request.user  # type: ignore[assignment]
    try:
        case = practice.renewal_open(
            registration_id=registration_id, professional=user, open_case=casework.application_create
        )
    except NotFound as error:
        raise Http404 from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return _back_to_registrations(request)
    messages.success(
        request,
        _(
            "Your renewal application %(reference)s is ready with the details of your registration: attach the "
            "documents it needs, then submit it."
        )
        % {"reference": case.reference},
    )
    return redirect("web:case_detail", reference=case.reference)


@login_required
@role_required(Role.APPLICANT)
@require_POST
def compensation_report(request: HttpRequest, reference: str) -> HttpResponse:
    """The applicant reports the adaptation period or aptitude test completed."""
    user: User = request.user  # type: ignore[assignment]
    try:
        case = application_get(user=user, reference=reference)
    except NotFound as error:
        raise Http404 from error
    form = CompensationReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what you completed."))
        return redirect("web:practice_registrations")
    try:
        practice.compensation_report(
            case=case, actor=user, report=form.cleaned_data["report"], step=casework.application_transition
        )
    except NotFound as error:
        raise Http404 from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("web:practice_registrations")
    messages.success(
        request,
        _("Your report on application %(reference)s has been sent to the authority.") % {"reference": case.reference},
    )
    return redirect("web:case_detail", reference=case.reference)


@require_safe
def register(request: HttpRequest) -> HttpResponse:
    """The public register: current registrations by name, profession, place and status; nothing private."""
    form = RegisterSearchForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {k: v or None for k, v in form.cleaned_data.items()}
    page = Paginator(selectors.register_search(**filters), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)  # the page links keep the search and set their own page
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "web/practice/register.html", context, status=refused_status() if form.errors else 200)


@login_required
@role_required(Role.REVIEWER)
@require_http_methods(["GET", "HEAD", "POST"])
def alerts(request: HttpRequest) -> HttpResponse:
    """Alerts on professionals barred from practice: raise one, withdraw one's own, see everyone's."""
    user: User = request.user  # type: ignore[assignment]
    form = AlertForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                alert = practice.alert_raise(actor=user, **form.cleaned_data)
            except ApplicationError as error:
                add_service_error(form, error)
                status = refused_status(error)
            else:
                messages.success(
                    request, _("The alert on %(person)s has been raised.") % {"person": alert.person_identifier}
                )
                return redirect("web:practice_alerts")
        else:
            status = 400
    rows = selectors.alerts_visible_to(user=user)[:200]
    return render(request, "web/practice/alerts.html", {"form": form, "alerts": rows}, status=status)


@login_required
@role_required(Role.REVIEWER)
@require_POST
def alert_withdraw(request: HttpRequest, alert_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    try:
        alert = practice.alert_withdraw(actor=user, alert_id=alert_id)
    except NotFound as error:
        raise Http404 from error
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("The alert on %(person)s has been withdrawn.") % {"person": alert.person_identifier}
        )
    return redirect("web:practice_alerts")

"""Mobility pages: the public endorsement checker, attestations, applying, endorsements and their stays."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from talentbridge.accounts.models import Residence, Role, User
from talentbridge.casework import services as casework
from talentbridge.casework.models import Application
from talentbridge.casework.requirements import documents_required
from talentbridge.core.errors import ApplicationError, NotFound
from talentbridge.mobility import selectors, services
from talentbridge.mobility.checker import CheckAnswers, documents_needed
from talentbridge.mobility.checker import endorsement_check as run_check
from talentbridge.mobility.models import EmployerAttestation, Endorsement, StayRecord, TalentCategory
from talentbridge.mobility.stays import warning_day
from talentbridge.web.errors import add_service_error, refused_status
from talentbridge.web.forms_mobility import (
    APPLY_CATEGORIES,
    ATTESTATION_NOT_FOUND,
    HETAO_ROUTE,
    AttestationChoiceForm,
    AttestationDecisionForm,
    AttestationRequestForm,
    EndorsementApplyForm,
    EndorsementCheckForm,
    StayEntryForm,
    StayExitForm,
)
from talentbridge.web.ratelimit import rate_limited
from talentbridge.web.views.access import role_required

UPLOAD_ALIASES = {"file": "documents", "title": "documents"}
# Only a refusal needs reasons (`attestation_decision_record`); the talent reads them with their request.
REASONS_HINT = gettext_lazy("Needed only to refuse.")


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("mobility_check")  # a submitted check counts in the budget of its API twin; the bare form is free
def endorsement_check(request: HttpRequest) -> HttpResponse:
    """Anyone may check; each check is stored as a determination with the rule-set version."""
    form = EndorsementCheckForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answers = CheckAnswers(
            category=data["category"],
            holds_valid_eep=data["holds_valid_eep"],
            work_city=data["work_city"],
            works_in_hetao_shenzhen_park=data["works_in_hetao_shenzhen_park"],
            filed_with_hetao_park_management=data["filed_with_hetao_park_management"],
            on=data["on"],
        )
        try:
            result = run_check(answers=answers, user=request.user)  # type: ignore[arg-type]
        except ApplicationError as error:
            add_service_error(form, error)
    status = 400 if form.errors else 200
    return render(request, "web/mobility/check.html", {"form": form, "result": result}, status=status)


def _decision_form(attestation_id: int, data: Any = None) -> AttestationDecisionForm:
    """The decision form of one row of the queue: its own field ids, so that rows do not share them."""
    form = AttestationDecisionForm(data, auto_id=f"id_attestation_{attestation_id}_%s")
    form.fields["reasons"].help_text = REASONS_HINT
    return form


def _decision_message(attestation: EmployerAttestation, *, newly: bool) -> str:
    """What the decision did, naming the talent and the post."""
    named = {"name": attestation.talent.full_name, "post": attestation.job_title}
    if attestation.status == EmployerAttestation.Status.CONFIRMED:
        if newly:
            return _("You confirmed the attestation of %(name)s as %(post)s.") % named
        return _("The attestation of %(name)s as %(post)s was already confirmed; nothing was changed.") % named
    if newly:
        return _("You refused the attestation of %(name)s as %(post)s.") % named
    return _("The attestation of %(name)s as %(post)s was already refused; nothing was changed.") % named


@login_required
@role_required(Role.ORGANISATION_STAFF)
@require_http_methods(["GET", "HEAD", "POST"])
def attestations(request: HttpRequest) -> HttpResponse:
    """The organisation's queue of requested attestations; confirm, or refuse with reasons. Below it, the
    attestations already decided, the latest first.

    The attestation is named by each row's form; an id that is not a whole number, or not one of this
    organisation's attestations, decides nothing and says so. A decision sent twice (a second click, a
    form sent again) is recorded once; the second time says it was already taken.
    """
    staff: User = request.user  # type: ignore[assignment]
    form = AttestationDecisionForm(request.POST or None)
    chosen_id: int | None = None
    if request.method == "POST":
        chosen = AttestationChoiceForm(request.POST)
        if not chosen.is_valid():
            form.add_error(None, ATTESTATION_NOT_FOUND)
        else:
            chosen_id = chosen.cleaned_data["attestation"]
            form = _decision_form(chosen_id, request.POST)
            if form.is_valid():
                try:
                    attestation, newly = services.attestation_decision_record(
                        attestation_id=chosen_id,
                        staff=staff,
                        confirmed=form.cleaned_data["decision"] == "confirm",
                        reasons=form.cleaned_data["reasons"],
                    )
                except NotFound:
                    form.add_error(None, ATTESTATION_NOT_FOUND)
                except ApplicationError as error:
                    add_service_error(form, error)
                else:
                    report = messages.success if newly else messages.info
                    report(request, _decision_message(attestation, newly=newly))
                    return redirect("web:attestations")
    queue = selectors.attestations_queue(staff=staff)
    rows = [(a, form if a.pk == chosen_id else _decision_form(a.pk)) for a in queue]
    status = 400 if form.errors else 200
    context = {"form": form, "rows": rows, "decided": selectors.attestations_decided(staff=staff)}
    return render(request, "web/mobility/attestations.html", context, status=status)


# Residents of Hong Kong and Macao need no talent endorsement: its pages say so instead of offering a form
# (the services refuse them too).
SAR_RESIDENCES = frozenset({Residence.HONG_KONG, Residence.MACAO})


def _mainland_only(request: HttpRequest, user: User, heading: Any) -> HttpResponse | None:
    """The notice shown to a Hong Kong or Macao resident instead of a talent-endorsement form, else None."""
    if user.residence not in SAR_RESIDENCES:
        return None
    context = {"heading": heading, "residence": user.get_residence_display()}
    status = 200 if request.method in ("GET", "HEAD") else 403
    return render(request, "web/mobility/mainland_only.html", context, status=status)


@login_required
@role_required(Role.APPLICANT)
@require_http_methods(["GET", "HEAD", "POST"])
def attestation_request(request: HttpRequest) -> HttpResponse:
    """A talent asks their organisation to attest employment, post and title; their requests so far below."""
    user: User = request.user  # type: ignore[assignment]
    notice = _mainland_only(request, user, _("Request an employer attestation"))
    if notice is not None:
        return notice
    form = AttestationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.attestation_request(
                talent=user,
                organisation_id=data["organisation"].pk,
                job_title=data["job_title"],
                professional_title=data["professional_title"],
                employed_since=data["employed_since"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your request was sent to the organisation."))
            return redirect("web:attestation_request")
    context = {"form": form, "attestations": selectors.attestations_of_talent(talent=user)}
    return render(request, "web/mobility/attestation_request.html", context, status=400 if form.errors else 200)


APPLY_CATEGORY_CODES = frozenset(code for code, _label in APPLY_CATEGORIES)
# The link's yes/no answers (the checker's boxes send "on"; a link may say yes/true/1).
_YES = frozenset({"on", "yes", "true", "1"})


def _required_documents(category: str, payload: dict[str, Any] | None = None) -> list[tuple[str, str]]:
    """(code, name) of the documents an application in `category` must carry (the confirmed attestation on
    the platform stands for the paper one; Hetao Shenzhen Park staff in Shenzhen add the park's proof);
    none until a category is chosen."""
    if category not in APPLY_CATEGORY_CODES:
        return []
    payload = {**(payload or {}), "category": category, "employer_attestation": True}
    return [(d.code, d.label) for d in documents_required(kind=services.KIND, payload=payload)]


def _documents_for(category: str, works_in_hetao_shenzhen_park: bool) -> list[tuple[str, str]]:
    """The documents `category` asks for, given the Hetao Shenzhen Park answer (the form's `documents_for`)."""
    answer = "yes" if works_in_hetao_shenzhen_park else "no"
    return _required_documents(category, {"works_in_hetao_shenzhen_park": answer})


def _hetao_answers(data: Any) -> dict[str, str]:
    """The Hetao Shenzhen Park answers and work city of a request, as the case data states them."""
    return {
        "works_in_hetao_shenzhen_park": "yes" if str(data.get("works_in_hetao_shenzhen_park", "")) in _YES else "no",
        "filed_with_hetao_park_management": "yes"
        if str(data.get("filed_with_hetao_park_management", "")) in _YES
        else "no",
        "work_city": str(data.get("work_city") or ""),
    }


def _apply(user: User, form: EndorsementApplyForm) -> Application:
    """The one application service, with the form's files as the case's documents."""
    data = form.cleaned_data
    documents = [
        *[(upload, upload.name, "", code) for upload, code in form.typed_documents()],
        *[(upload, upload.name, upload.name) for upload in [*form.other_documents(), *data["documents"]]],
    ]
    return services.endorsement_apply(
        talent=user,
        category=data["category"],
        destination=data["destination"],
        work_city=data["work_city"],
        attestation_id=data["employer_attestation"],
        eep_number=data["eep_number"],
        office_code=data["authority"],
        works_in_hetao_shenzhen_park=data["works_in_hetao_shenzhen_park"],
        filed_with_hetao_park_management=data["filed_with_hetao_park_management"],
        file_case=functools.partial(casework.application_file, documents=documents),
    )


@login_required
@role_required(Role.APPLICANT)
@require_http_methods(["GET", "HEAD", "POST"])
def endorsement_apply(request: HttpRequest) -> HttpResponse:
    """Apply (prefilled from a check's category and city) with a confirmed attestation and the documents."""
    user: User = request.user  # type: ignore[assignment]
    notice = _mainland_only(request, user, _("Apply for a talent endorsement"))
    if notice is not None:
        return notice
    initial: dict[str, Any] = {
        key: request.GET[key] for key in ("category", "work_city", "destination") if key in request.GET
    }
    for key in ("works_in_hetao_shenzhen_park", "filed_with_hetao_park_management"):
        if key in request.GET:
            initial[key] = str(request.GET[key]) in _YES
    # A category the link names is kept as it is; one the form does not offer is refused, never replaced.
    unknown_category = "category" in initial and initial["category"] not in APPLY_CATEGORY_CODES
    if unknown_category:
        del initial["category"]
    # The documents listed are those of the category asked for (the first one until one is chosen); the form
    # asks for those of every category.
    initial.setdefault("category", TalentCategory.values[0])
    category = str(request.POST.get("category") or initial["category"])
    answers = _hetao_answers(request.POST if request.method == "POST" else request.GET)
    form = EndorsementApplyForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        attestations=list(selectors.attestations_of_talent(talent=user)),
        offices=selectors.exit_entry_office_choices(),
        documents_for=_documents_for,
        talent_id=user.pk,
    )
    status = 200
    if unknown_category and request.method != "POST":
        messages.error(
            request, _("The link named a talent category this form does not offer: choose your category below.")
        )
        status = 400
    if request.method == "POST":
        if form.is_valid():
            try:
                case = _apply(user, form)
            except ApplicationError as error:
                add_service_error(form, error, aliases=UPLOAD_ALIASES)
                status = refused_status(error)
            else:
                messages.success(
                    request, _("Your application %(reference)s has been submitted.") % {"reference": case.reference}
                )
                return redirect("web:case_detail", reference=case.reference)
        status = 400 if form.errors and status == 200 else status
    hetao_park = category == HETAO_ROUTE and answers["works_in_hetao_shenzhen_park"] == "yes"
    documents = documents_needed(category, hetao_park=hetao_park) if category in APPLY_CATEGORY_CODES else []
    to_attach = {code for code, _name in _required_documents(category, answers)}
    # A listed document with no upload field is one the platform already holds (the confirmed attestation).
    context = {
        "form": form,
        "documents": documents,
        "on_platform": [d["key"] for d in documents if d["key"] not in to_attach],
        # A refused submission saves nothing, and the browser empties every file field: say so.
        "files_not_kept": [str(upload.name) for field in request.FILES for upload in request.FILES.getlist(field)]
        if form.errors
        else [],
    }
    return render(request, "web/mobility/apply.html", context, status=status)


@login_required
@role_required(Role.APPLICANT)
@require_safe
def endorsements(request: HttpRequest) -> HttpResponse:
    """The holder's endorsements: in force with the days left, or why not (revoked, suspended, expired)."""
    rows = [
        selectors.endorsement_validity(e)
        for e in selectors.endorsements_of_holder(holder=request.user)  # type: ignore[arg-type]
    ]
    return render(request, "web/mobility/endorsements.html", {"rows": rows})


def _detail_context(endorsement: Endorsement, entry: StayEntryForm, exit_form: StayExitForm) -> dict[str, Any]:
    stays = selectors.stays_with_status(endorsement=endorsement)
    # A stay still open on another of the holder's endorsements blocks a new entry here: link to it.
    open_elsewhere = (
        StayRecord.objects.filter(endorsement__holder_id=endorsement.holder_id, exited_at__isnull=True)
        .exclude(endorsement_id=endorsement.pk)
        .select_related("endorsement")
        .first()
    )
    return {
        "endorsement": endorsement,
        "open_elsewhere": open_elsewhere.endorsement if open_elsewhere else None,
        "validity": selectors.endorsement_validity(endorsement),
        "stays": stays,
        "open_stay": next((s for s in stays if s.is_open), None),
        "warning_day": warning_day(),
        "entry_form": entry,
        "exit_form": exit_form,
    }


@login_required
@role_required(Role.APPLICANT)
@require_http_methods(["GET", "HEAD", "POST"])
def endorsement_detail(request: HttpRequest, endorsement_id: int) -> HttpResponse:
    """One endorsement: its stays with days used, the warning from the warning day, overstays; log entry/exit."""
    user: User = request.user  # type: ignore[assignment]
    endorsement = selectors.endorsement_of_holder(holder=user, endorsement_id=endorsement_id)
    if endorsement is None:
        raise Http404
    action = request.POST.get("action") if request.method == "POST" else None
    entry = StayEntryForm(request.POST if action == "entry" else None, destinations=endorsement.destinations())
    exit_form = StayExitForm(request.POST if action == "exit" else None)
    form = entry if action == "entry" else exit_form if action == "exit" else None
    if form is not None and form.is_valid():
        try:
            if form is entry:
                services.stay_entry_log(
                    holder=user,
                    endorsement_id=endorsement.pk,
                    destination=form.cleaned_data["destination"],
                    entered_at=form.cleaned_data["entered_at"],
                )
            else:
                services.stay_exit_log(
                    holder=user, endorsement_id=endorsement.pk, exited_at=form.cleaned_data["exited_at"]
                )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The stay was recorded."))
            return redirect("web:endorsement_detail", endorsement_id=endorsement.pk)
    status = 400 if form is not None and form.errors else 200
    if request.method == "POST" and form is None:
        messages.error(request, _("Choose what to record: an entry or an exit."))
        status = 400
    context = _detail_context(endorsement, entry, exit_form)
    return render(request, "web/mobility/endorsement_detail.html", context, status=status)

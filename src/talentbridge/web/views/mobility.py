"""Mobility pages: the public endorsement checker and the organisation's attestation queue."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from talentbridge.accounts.models import Role
from talentbridge.core.errors import ApplicationError
from talentbridge.mobility import selectors, services
from talentbridge.mobility.checker import CheckAnswers
from talentbridge.mobility.checker import endorsement_check as run_check
from talentbridge.web.errors import add_service_error
from talentbridge.web.forms_mobility import AttestationDecisionForm, EndorsementCheckForm
from talentbridge.web.views.access import role_required


@require_http_methods(["GET", "POST"])
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
            on=data["on"],
        )
        try:
            result = run_check(answers=answers, user=request.user)  # type: ignore[arg-type]
        except ApplicationError as error:
            add_service_error(form, error)
    status = 400 if form.errors else 200
    return render(request, "web/mobility/check.html", {"form": form, "result": result}, status=status)


@login_required
@role_required(Role.ORGANISATION_STAFF)
@require_http_methods(["GET", "POST"])
def attestations(request: HttpRequest) -> HttpResponse:
    """The organisation's queue of requested attestations; confirm or refuse, with reasons."""
    form = AttestationDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attestation_decide(
                attestation_id=int(request.POST.get("attestation", "0") or 0),
                staff=request.user,  # type: ignore[arg-type]
                confirmed=form.cleaned_data["decision"] == "confirm",
                reasons=form.cleaned_data["reasons"],
            )
            return redirect("web:attestations")
        except ApplicationError as error:
            add_service_error(form, error)
    queue = selectors.attestations_queue(staff=request.user)  # type: ignore[arg-type]
    status = 400 if form.errors else 200
    return render(request, "web/mobility/attestations.html", {"form": form, "queue": queue}, status=status)

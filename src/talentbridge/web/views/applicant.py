"""The applicant's face: their applications, where each kind starts, and the editing of a draft."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from talentbridge.accounts.models import Role, User
from talentbridge.casework import services
from talentbridge.casework.documents import document_upload
from talentbridge.casework.models import Application
from talentbridge.casework.selectors import application_get, application_list
from talentbridge.casework.workflow import get_workflow, registry
from talentbridge.core.errors import ApplicationError, NotFound
from talentbridge.web.casepage import document_choices
from talentbridge.web.deadlines import CountdownCalculator
from talentbridge.web.errors import add_service_error, refused_status
from talentbridge.web.forms import ApplicationForm
from talentbridge.web.views.access import role_required
from talentbridge.web.views.home import SERVICE_PAGES, service_cards

UPLOAD_ALIASES = {"file": "document", "title": "document_title"}


@login_required
@role_required(Role.APPLICANT)
def my_applications(request: HttpRequest) -> HttpResponse:
    cases = application_list(user=request.user).select_related("authority__jurisdiction")  # type: ignore[arg-type]
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    calculator = CountdownCalculator()
    for case in page:
        case.countdown = calculator.countdown(case.deadline, case.authority.jurisdiction.code)  # type: ignore[attr-defined]
    offers = service_cards(residence=request.user.residence)  # type: ignore[union-attr]
    return render(request, "web/applicant/list.html", {"page": page, "services": offers})


@login_required
@role_required(Role.APPLICANT)
@require_http_methods(["GET", "HEAD", "POST"])
def application_new(request: HttpRequest, kind: str) -> HttpResponse:
    """An application starts from its own service (the eligibility check, the endorsement, the claim)."""
    if kind not in registry() or kind not in SERVICE_PAGES:
        raise Http404
    return redirect(SERVICE_PAGES[kind][0])


def _attach(case: Application, user: User, form: ApplicationForm) -> None:
    upload = form.cleaned_data.get("document")
    if upload:
        document_upload(
            application_id=case.pk,
            actor=user,
            stream=upload,
            original_name=upload.name,
            title=form.cleaned_data.get("document_title") or "",
            document_type=form.cleaned_data.get("document_type") or "",
        )


@login_required
@role_required(Role.APPLICANT)
@require_http_methods(["GET", "HEAD", "POST"])
def application_edit(request: HttpRequest, reference: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    try:
        case = application_get(user=user, reference=reference)
    except NotFound as exc:
        raise Http404 from exc
    if case.state != "draft" or case.applicant_id != user.pk:
        return redirect("web:case_detail", reference=reference)
    workflow = get_workflow(case.kind)
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        workflow=workflow,
        initial=case.payload,
        payload=case.payload,
        document_types=document_choices(case),
    )
    submit = request.POST.get("action") == "submit"
    status = 200
    if request.method == "POST":
        if not submit:
            form.as_draft()
        if form.is_valid():
            try:
                with transaction.atomic():  # the edit and its document together
                    services.application_update_draft(
                        application_id=case.pk, actor=user, payload=form.payload(), expected_version=case.version
                    )
                    _attach(case, user, form)
            except ApplicationError as error:
                add_service_error(form, error, aliases=UPLOAD_ALIASES)
                status = refused_status(error)
            else:
                if not submit:
                    return redirect("web:case_detail", reference=reference)
                try:
                    services.application_transition(application_id=case.pk, actor=user, transition="submit")
                except ApplicationError as error:
                    # The draft is kept as edited; what submission still lacks is shown with it.
                    messages.info(request, _("Your draft has been saved."))
                    add_service_error(form, error, aliases=UPLOAD_ALIASES)
                    status = refused_status(error)
                    case = application_get(user=user, reference=reference)
                else:
                    return redirect("web:case_detail", reference=reference)
    status = 400 if form.errors and status == 200 else status
    context = {"form": form, "workflow": workflow, "case": case}
    return render(request, "web/applicant/form.html", context, status=status)

"""The case page and the actions taken on it by applicants, reviewers and verifying authorities."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from talentbridge.accounts.models import User
from talentbridge.casework import services
from talentbridge.casework.documents import document_upload
from talentbridge.casework.models import Application, Document
from talentbridge.casework.selectors import application_get
from talentbridge.casework.workflow import get_workflow
from talentbridge.core.errors import ApplicationError, Conflict, NotFound
from talentbridge.web.casepage import case_context, decision_form, document_choices, document_namer
from talentbridge.web.errors import add_service_error, refused_status
from talentbridge.web.forms import (
    ApplicantActionForm,
    DocumentRemoveForm,
    ReplyForm,
    UploadForm,
    VerificationAnswerForm,
    VersionedForm,
)
from talentbridge.web.labels import action_label

# Where each refusal of an upload is said: on the file field of the form that sent the file. A title the
# person did not type is made from the file's name, so its refusal is about the file too.
REPLY_UPLOAD_FIELDS = {"file": "document", "title": "document", "document_type": "document"}


def _upload_fields(form: UploadForm) -> dict[str, str]:
    """The upload form's fields for the service's: a title's refusal beside the file unless one was typed."""
    typed = str(form.data.get("title") or "").strip()
    return {} if typed else {"title": "file"}


def _case(request: HttpRequest, reference: str) -> Application:
    try:
        return application_get(user=request.user, reference=reference)  # type: ignore[arg-type]
    except NotFound as exc:
        raise Http404 from exc


def _page(
    request: HttpRequest, case: Application, key: str, form: Form, status: int, summary: str = ""
) -> HttpResponse:
    """The case page again after a refused action: its errors in one box, the form's own where it is shown."""
    context = case_context(request.user, case, {key: form})  # type: ignore[arg-type]
    shown = context.get(f"{key}_form") is form
    if key == "action":  # the applicant's buttons are only shown while one of them is open
        shown = shown and bool(context.get("can_submit") or context.get("can_withdraw"))
    if not shown or not form.errors:
        context["error_summary"] = summary or _("Please correct the errors below.")
    return render(request, "web/cases/detail.html", context, status=status)


def _at_version(form: Form, case: Application) -> None:
    """A refused form shown again keeps what was typed, and carries the version of the case now shown, so
    sending it again acts on the case as the person now sees it."""
    if form.is_bound and "expected_version" in form.fields:
        form.data = {**form.data, "expected_version": str(case.version)}


def _act(
    request: HttpRequest,
    case: Application,
    key: str,
    form: Form,
    action: Callable[[], Any],
    done: str | Callable[[Any], str],
    aliases: dict[str, str] | None = None,
    labels: dict[str, str] | None = None,
) -> HttpResponse:
    """Run a service call; on an `ApplicationError` show the page again with the error next to the field.

    `done` is the message saying what happened, or makes it from what the call returned."""
    if not form.is_valid():
        return _page(request, case, key, form, 400)
    try:
        with transaction.atomic():
            result = action()
    except ApplicationError as error:
        add_service_error(form, error, aliases=aliases, labels=labels)
        fresh = _case(request, case.reference)  # the case as it is now (another person may have moved it)
        _at_version(form, fresh)
        return _page(request, fresh, key, form, refused_status(error), str(error.message))
    messages.success(request, done(result) if callable(done) else done)
    return redirect("web:case_detail", reference=case.reference)


@login_required
@require_safe
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    return render(request, "web/cases/detail.html", case_context(request.user, case))  # type: ignore[arg-type]


@login_required
@require_POST
def case_decide(request: HttpRequest, reference: str) -> HttpResponse:
    """The reviewer's decision panel: one of the transitions the workflow allows them now."""
    user: User = request.user  # type: ignore[assignment]
    case = _case(request, reference)
    shown = VersionedForm(request.POST)
    if shown.is_valid() and shown.cleaned_data["expected_version"] != case.version:
        # The page was shown at another version: its choices may be gone, so say what happened and show
        # the case as it is now, with the decisions open now and what was typed kept.
        fresh = decision_form(user, case)
        typed = {name: request.POST[name] for name in ("reason", "verifier") if request.POST.get(name)}
        if typed.get("verifier") not in {code for code, _label in getattr(fresh.fields.get("verifier"), "choices", [])}:
            typed.pop("verifier", None)
        fresh.initial.update(typed)
        return _page(request, case, "decision", fresh, Conflict.http_status, str(Conflict.default_message))
    # The same choices as the page offers (casepage decides them for both), so a refused decision shows them again.
    form = decision_form(user, case, request.POST)

    def decide() -> None:
        data = form.cleaned_data
        common = {"application_id": case.pk, "expected_version": data["expected_version"]}
        if data["transition"] == "request_info":
            services.info_request_create(reviewer=user, message=data["reason"], **common)
        elif data["transition"] == "request_verification":
            services.verification_request(
                reviewer=user, authority_code=data.get("verifier") or "", question=data["reason"], **common
            )
        else:
            services.application_transition(actor=user, transition=data["transition"], reason=data["reason"], **common)

    done = _("Your decision on application %(reference)s is recorded: %(decision)s.") % {
        "reference": case.reference,
        "decision": action_label(str(request.POST.get("transition", ""))),
    }
    return _act(request, case, "decision", form, decide, done, {"authority": "verifier", "question": "reason"})


@login_required
@require_POST
def case_applicant_action(request: HttpRequest, reference: str) -> HttpResponse:
    """The applicant submits or withdraws."""
    case = _case(request, reference)
    form = ApplicantActionForm(request.POST)

    def act() -> None:
        services.application_transition(
            application_id=case.pk,
            actor=request.user,  # type: ignore[arg-type]
            transition=form.cleaned_data["transition"],
            expected_version=form.cleaned_data["expected_version"],
        )

    if request.POST.get("transition") == "submit":
        done = _("Your application %(reference)s has been submitted.") % {"reference": case.reference}
    else:
        done = _("Application %(reference)s withdrawn.") % {"reference": case.reference}
    labels = {spec.name: spec.localized_label() for spec in get_workflow(case.kind).payload}
    return _act(request, case, "action", form, act, done, labels=labels)


@login_required
@require_POST
def case_reply(request: HttpRequest, reference: str) -> HttpResponse:
    """The applicant answers a request for information, optionally with a document."""
    user: User = request.user  # type: ignore[assignment]
    case = _case(request, reference)
    form = ReplyForm(request.POST, request.FILES)

    def reply() -> None:
        upload = form.cleaned_data.get("document")
        if upload:
            document_upload(application_id=case.pk, actor=user, stream=upload, original_name=upload.name)
        services.info_request_reply(
            application_id=case.pk,
            applicant=user,
            reply=form.cleaned_data["reply"],
            expected_version=form.cleaned_data["expected_version"],
        )

    done = _("Your reply on application %(reference)s has been sent.") % {"reference": case.reference}
    return _act(request, case, "reply", form, reply, done, REPLY_UPLOAD_FIELDS)


@login_required
@require_POST
def case_upload(request: HttpRequest, reference: str) -> HttpResponse:
    """The applicant adds a document to the case."""
    user: User = request.user  # type: ignore[assignment]
    case = _case(request, reference)
    form = UploadForm(request.POST, request.FILES, document_types=document_choices(case))

    def upload() -> Document:
        file = form.cleaned_data["file"]
        return document_upload(
            application_id=case.pk,
            actor=user,
            stream=file,
            original_name=file.name,
            title=form.cleaned_data.get("title") or "",
            document_type=form.cleaned_data.get("document_type") or "",
        )

    def done(document: Document) -> str:
        name, _kind = document_namer(case)(document.document_type, document.title)
        return _("“%(title)s” has been added to application %(reference)s.") % {
            "title": name,
            "reference": case.reference,
        }

    return _act(request, case, "upload", form, upload, done, _upload_fields(form))


@login_required
@require_POST
def case_document_remove(request: HttpRequest, reference: str) -> HttpResponse:
    """The applicant takes a document out of their draft, once they have ticked the box to confirm it."""
    user: User = request.user  # type: ignore[assignment]
    case = _case(request, reference)
    form = DocumentRemoveForm(request.POST)
    if not form.is_valid():  # the form is one per document: its refusal is said at the top of the page
        summary = " ".join(dict.fromkeys(str(m) for errors in form.errors.values() for m in errors))
        return _page(request, case, "remove", form, 400, summary)

    def remove() -> Document:
        return services.document_remove(application_id=case.pk, document_id=form.cleaned_data["document"], actor=user)

    def done(document: Document) -> str:
        name, _kind = document_namer(case)(document.document_type, document.title)
        return _("“%(title)s” has been removed from application %(reference)s.") % {
            "title": name,
            "reference": case.reference,
        }

    return _act(request, case, "remove", form, remove, done)


@login_required
@require_POST
def case_verify(request: HttpRequest, reference: str) -> HttpResponse:
    """The verifying authority confirms or denies."""
    user: User = request.user  # type: ignore[assignment]
    case = _case(request, reference)
    form = VerificationAnswerForm(request.POST)

    def answer() -> None:
        services.verification_respond(
            application_id=case.pk,
            verifier=user,
            confirmed=form.cleaned_data["answer"] == "confirm",
            note=form.cleaned_data.get("note") or "",
            expected_version=form.cleaned_data["expected_version"],
        )

    step = "confirm_verification" if request.POST.get("answer") == "confirm" else "deny_verification"
    done = _("Your answer on application %(reference)s is recorded: %(answer)s.") % {
        "reference": case.reference,
        "answer": action_label(step),
    }
    return _act(request, case, "verification", form, answer, done, {"reason": "note"})

"""Writes on applications: create, edit, every workflow transition, and deadline processing."""

from __future__ import annotations

import datetime as dt
import importlib
import secrets
from collections.abc import Iterable
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from talentbridge.accounts.models import Role, User
from talentbridge.casework import access
from talentbridge.casework.models import Application, AuditEvent, Decision, InfoRequest, Verification
from talentbridge.casework.notifications import notify
from talentbridge.casework.payload import clean_payload
from talentbridge.casework.requirements import missing_documents, missing_documents_message
from talentbridge.casework.verifiers import verifying_authorities
from talentbridge.casework.workflow import Transition, Workflow, get_workflow, registry
from talentbridge.core import clock
from talentbridge.core.businessdays import add_business_days
from talentbridge.core.errors import Conflict, Forbidden, IllegalTransition, InvalidInput, NotFound, ReasonRequired
from talentbridge.core.models import localized_name
from talentbridge.core.text import clean_text
from talentbridge.reference.models import Authority
from talentbridge.reference.selectors import work_calendar_for

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def _new_reference(workflow: Workflow) -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{workflow.prefix}-{clock.today().year}-{code}"


def _workflow_or_error(kind: str) -> Workflow:
    if kind not in registry():
        raise InvalidInput(details={"kind": [_("Unknown application kind.")]})
    return get_workflow(kind)


def _authority_for(workflow: Workflow, authority_code: str, *, field: str = "authority") -> Authority:
    authority = Authority.objects.filter(code=authority_code).first()
    if authority is None or authority.kind not in workflow.authority_kinds:
        raise InvalidInput(details={field: [_("This authority does not decide this kind of application.")]})
    return authority


def _record(
    application: Application | None,
    *,
    actor: User | None,
    actor_role: str,
    action: str,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    rules_version: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        application=application,
        actor=actor,
        actor_role=actor_role,
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        rules_version=rules_version,
        data=data or {},
        at=clock.now(),
    )


def _deadline(workflow: Workflow, state: str, authority: Authority) -> dt.date | None:
    days = workflow.states[state].deadline_business_days
    if not days:
        return None
    return add_business_days(clock.today(), days, work_calendar_for(authority.jurisdiction.code))


def application_create(*, applicant: User, kind: str, authority_code: str, payload: dict[str, Any]) -> Application:
    """Open a draft application; the payload is checked against the workflow's declared fields.

    Called with what the service of each kind prepares, which routes it to its authority and sets the
    fields the platform owns: a practice registration from an eligible check or a renewal
    (`practice.services.apply_prefill`, `renewal_prefill`), an endorsement from its application
    (`mobility.services.endorsement_application_prepare`), a benefit claim from its fund
    (`insurance.services.benefit_claim_prepare`), the last two through `application_file`. No face lets an
    applicant name the authority or those fields.
    """
    if applicant.role != Role.APPLICANT:
        raise Forbidden(_("Only applicants can open applications."))
    workflow = _workflow_or_error(kind)
    authority = _authority_for(workflow, authority_code)
    cleaned = clean_payload(workflow, payload, partial=True)
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    application = Application.objects.create(
                        reference=_new_reference(workflow),
                        kind=kind,
                        applicant=applicant,
                        authority=authority,
                        state=workflow.initial,
                        payload=cleaned,
                        rules_version=workflow.rules_version,
                        state_entered_at=clock.now(),
                    )
                break
            except IntegrityError:  # a reference collision: draw another
                continue
        else:  # pragma: no cover - 32^8 references a year make this practically unreachable
            raise Conflict(_("Could not allocate a reference number; try again."))
        _record(
            application,
            actor=applicant,
            actor_role="applicant",
            action="created",
            to_state=workflow.initial,
            rules_version=workflow.rules_version,
        )
    return application


def application_file(
    *,
    applicant: User,
    kind: str,
    authority_code: str,
    payload: dict[str, Any],
    documents: Iterable[tuple[IO[bytes], str, str] | tuple[IO[bytes], str, str, str]] = (),
    submit: bool = True,
) -> Application:
    """Open an application, attach `documents` and submit it: all or nothing.

    Each document is (stream, file name, title) or (stream, file name, title, document type); the type
    is the code of the required document it is (see `requirements.documents_required`).
    """
    from talentbridge.casework.documents import document_upload

    with transaction.atomic():
        application = application_create(applicant=applicant, kind=kind, authority_code=authority_code, payload=payload)
        for stream, original_name, title, *typed in documents:
            document_upload(
                application_id=application.pk,
                actor=applicant,
                stream=stream,
                original_name=original_name,
                title=title,
                document_type=typed[0] if typed else "",
            )
        if submit:
            application = application_transition(application_id=application.pk, actor=applicant, transition="submit")
    return application


def application_update_draft(
    *, application_id: int, actor: User, payload: dict[str, Any], expected_version: int | None = None
) -> Application:
    """Change a draft's data; only its applicant may, and only while it is a draft."""
    with transaction.atomic():
        application = _locked(application_id, actor)
        if "applicant" not in access.case_roles(actor, application):
            raise Forbidden()
        if application.state != "draft":
            raise IllegalTransition(_("Only a draft can be edited."))
        _check_version(application, expected_version)
        workflow = get_workflow(application.kind)
        if not isinstance(payload, dict):
            raise InvalidInput(details={"payload": [_("The application data must be an object.")]})
        fixed = sorted(spec.name for spec in workflow.payload if spec.platform and spec.name in payload)
        if fixed:
            message = _("This is set by the platform from how the application was opened; it cannot be changed.")
            raise InvalidInput(details={name: [message] for name in fixed})
        merged = {**application.payload, **payload}
        # An explicit null (or empty text) clears a field.
        merged = {k: v for k, v in merged.items() if v is not None and not (isinstance(v, str) and not v.strip())}
        application.payload = clean_payload(workflow, merged, partial=True)
        application.version += 1
        application.save(update_fields=["payload", "version"])
        _record(application, actor=actor, actor_role="applicant", action="edited", data={"fields": sorted(payload)})
    return application


def _locked(application_id: int, actor: User | None) -> Application:
    application = (
        Application.objects.select_for_update()
        .select_related("authority__jurisdiction")
        .filter(pk=application_id)
        .first()
    )
    if application is None or (actor is not None and not access.can_view(actor, application)):
        raise NotFound()
    return application


def _check_version(application: Application, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != application.version:
        raise Conflict(details={"current_version": application.version, "current_state": application.state})


# Steps that record more than a state change go through their own service.
DEDICATED_STEPS = {
    "request_info": "info_request_create",
    "reply": "info_request_reply",
    "request_verification": "verification_request",
    "confirm_verification": "verification_respond",
    "deny_verification": "verification_respond",
}


def application_transition(
    *,
    application_id: int,
    actor: User | None,
    transition: str,
    reason: str = "",
    expected_version: int | None = None,
    data: dict[str, Any] | None = None,
) -> Application:
    """Take one workflow transition, under a row lock; exactly one of two concurrent deciders wins.

    `actor=None` is the platform itself (deadline actions). Every step writes an audit event;
    decisions also write a `Decision`; the people concerned get a notification. Steps that
    open a request or answer one have their own services (`DEDICATED_STEPS`).
    """
    if transition in DEDICATED_STEPS:
        raise InvalidInput(
            _("This step has its own action."),
            details={"transition": [_("Use the dedicated action for this step.")]},
        )
    return _transition(
        application_id=application_id,
        actor=actor,
        transition=transition,
        reason=reason,
        expected_version=expected_version,
        data=data,
    )


def _transition(
    *,
    application_id: int,
    actor: User | None,
    transition: str,
    reason: str = "",
    expected_version: int | None = None,
    data: dict[str, Any] | None = None,
) -> Application:
    reason = clean_text(reason, field="reason")
    with transaction.atomic():
        application = _locked(application_id, actor)
        workflow = get_workflow(application.kind)
        step = workflow.transitions.get(transition)
        if step is None:
            raise IllegalTransition(_("Unknown action."), details={"transition": transition})
        roles = access.case_roles(actor, application)
        capacity = next(iter(sorted(roles & step.by)), None)
        if capacity is None:
            raise Forbidden(_("You are not allowed to take this action on this case."))
        _check_version(application, expected_version)
        if application.state not in step.sources:
            raise IllegalTransition(
                details={"state": application.state, "allowed": [t.name for t in workflow.available(application.state)]}
            )
        if step.reason_required and not reason:
            raise ReasonRequired(details={"reason": [str(ReasonRequired.default_message)]})
        proposer = _check_four_eyes(application, step, actor)
        if application.state == workflow.initial and not workflow.is_final(step.target):
            _check_complete(workflow, application)
        return _apply(application, workflow, step, actor, capacity, reason, proposer, data or {})


def _check_complete(workflow: Workflow, application: Application) -> None:
    """Leaving the draft needs every required field and every required document; one notice lists all."""
    errors: dict[str, Any] = {}
    try:
        clean_payload(workflow, application.payload, partial=False)
    except InvalidInput as error:
        errors.update(error.details)
    missing = missing_documents(application)
    if missing:
        errors["documents"] = [missing_documents_message(missing)]
    if errors:
        message = errors["documents"][0] if list(errors) == ["documents"] else None
        raise InvalidInput(message, details=errors)


def proposer_of(application: Application) -> User | None:
    """Who brought the case into its current state (for four eyes: who proposed the decision)."""
    entering = (
        application.events.filter(to_state=application.state).select_related("actor").order_by("-at", "-id").first()
    )
    return entering.actor if entering else None


def _check_four_eyes(application: Application, step: Transition, actor: User | None) -> User | None:
    """With four eyes, the person who proposed the decision may not also take it."""
    if not step.four_eyes:
        return None
    proposer = proposer_of(application)
    if proposer is None or actor is None:  # no proposal on record: nobody may take the second step
        raise Forbidden(_("This decision needs a proposal by one reviewer and the approval of another."))
    if proposer.pk == actor.pk:
        raise Forbidden(_("A second reviewer must approve a decision you proposed."))
    return proposer


def _apply(
    application: Application,
    workflow: Workflow,
    step: Transition,
    actor: User | None,
    capacity: str,
    reason: str,
    proposer: User | None,
    data: dict[str, Any],
) -> Application:
    now = clock.now()
    previous = application.state
    application.state = step.target
    application.state_entered_at = now
    application.deadline = _deadline(workflow, step.target, application.authority)
    application.rules_version = workflow.rules_version
    application.version += 1
    if step.name == "submit":
        application.submitted_at = now
    if step.decision:
        application.decided_at = now
    application.save(
        update_fields=[
            "state",
            "state_entered_at",
            "deadline",
            "rules_version",
            "version",
            "submitted_at",
            "decided_at",
        ]
    )
    _record(
        application,
        actor=actor,
        actor_role=capacity,
        action=step.name,
        from_state=previous,
        to_state=step.target,
        reason=reason,
        rules_version=workflow.rules_version,
        data=data,
    )
    if step.decision:
        Decision.objects.create(
            application=application,
            outcome=step.decision,
            decided_by=actor,
            proposed_by=proposer,
            reason=reason,
            rules_version=workflow.rules_version,
            decided_at=now,
        )
    if step.effect:
        _run_effect(step.effect, application=application, actor=actor, reason=reason, data=data)
    _notify_after(application, step)
    return application


def _run_effect(path: str, **kwargs: Any) -> None:
    """Call the domain function a transition declares, inside the transition's transaction.

    Casework sits above the domains, so it may call them; naming the function in the workflow
    file keeps the procedure's consequences next to the procedure. A failure rolls the step back.
    """
    module_name, function_name = path.split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    function(**kwargs)


def _authority_staff(authority_id: int) -> list[User]:
    return list(User.objects.filter(role=Role.REVIEWER, authority_id=authority_id, is_active=True))


def _notify_after(application: Application, step: Transition) -> None:
    applicant = [application.applicant]
    staff = _authority_staff(application.authority_id)
    target = step.target
    if step.name == "submit":
        notify(recipients=applicant, application=application, event="submitted")
        notify(recipients=staff, application=application, event="new_case")
    elif step.name == "reply":
        notify(recipients=staff, application=application, event="resubmitted")
    elif step.name in {"confirm_verification", "deny_verification"}:
        notify(recipients=staff, application=application, event="verification_answered")
    elif target == "pending_second_approval":
        notify(recipients=staff, application=application, event="second_approval_needed")
    elif target in {"in_review", "info_requested", "approved", "refused", "expired", "revoked"}:
        notify(recipients=applicant, application=application, event=target)
    elif target == "withdrawn":
        notify(recipients=staff, application=application, event="withdrawn")


def info_request_create(
    *, application_id: int, reviewer: User, message: str, expected_version: int | None = None
) -> InfoRequest:
    """Ask the applicant for more information (one notice listing everything missing)."""
    with transaction.atomic():
        application = _transition(
            application_id=application_id,
            actor=reviewer,
            transition="request_info",
            reason=message,
            expected_version=expected_version,
        )
        return InfoRequest.objects.create(
            application=application,
            requested_by=reviewer,
            message=clean_text(message, field="reason"),
            requested_at=clock.now(),
        )


def info_request_reply(
    *, application_id: int, applicant: User, reply: str, expected_version: int | None = None
) -> InfoRequest:
    """Answer the open information request; the case goes back to the reviewer."""
    reply = clean_text(reply, field="reply")
    if not reply:
        raise InvalidInput(details={"reply": [_("Write a reply.")]})
    with transaction.atomic():
        application = _transition(
            application_id=application_id, actor=applicant, transition="reply", expected_version=expected_version
        )
        request = application.info_requests.filter(replied_at__isnull=True).order_by("-requested_at").first()
        if request is None:  # a workflow that reaches info_requested always opened one
            raise IllegalTransition(_("There is no open request for information."))
        request.reply, request.replied_by, request.replied_at = reply, applicant, clock.now()
        request.save(update_fields=["reply", "replied_by", "replied_at"])
        request.application = application
        return request


def verification_request(
    *, application_id: int, reviewer: User, authority_code: str, question: str = "", expected_version: int | None = None
) -> Verification:
    """Ask a second authority (e.g. the home registration body) to confirm something about the case."""
    with transaction.atomic():
        application = _locked(application_id, reviewer)
        if "reviewer" not in access.case_roles(reviewer, application):
            raise Forbidden(_("You are not allowed to take this action on this case."))
        able = list(verifying_authorities(application))
        authority = next((a for a in able if a.code == authority_code), None)
        if authority is None:
            raise InvalidInput(details={"authority": [_verifier_refusal(able)]})
        application = _transition(
            application_id=application_id,
            actor=reviewer,
            transition="request_verification",
            reason=question,
            expected_version=expected_version,
            data={"authority": authority.code},
        )
        verification = Verification.objects.create(
            application=application,
            authority=authority,
            requested_by=reviewer,
            question=clean_text(question, field="question"),
            requested_at=clock.now(),
        )
        notify(recipients=_authority_staff(authority.pk), application=application, event="verification_requested")
        return verification


def _verifier_refusal(able: list[Authority]) -> str:
    if not able:
        return _("No authority on the platform can verify this case; decide it on its documents.")
    names = pgettext("list separator", ", ").join(localized_name(a) for a in able)
    return _("Only %(authorities)s can verify this case.") % {"authorities": names}


def verification_respond(
    *, application_id: int, verifier: User, confirmed: bool, note: str = "", expected_version: int | None = None
) -> Verification:
    """The verifying authority confirms or denies; the case returns to its reviewer."""
    with transaction.atomic():
        application = _locked(application_id, verifier)
        pending = None
        authority_id: int | None = getattr(verifier, "authority_id", None)
        if authority_id is not None:
            pending = application.verifications.filter(authority_id=authority_id, outcome="pending").first()
        if pending is None:
            raise Forbidden(_("Your authority has no open verification on this case."))
        application = _transition(
            application_id=application_id,
            actor=verifier,
            transition="confirm_verification" if confirmed else "deny_verification",
            reason=note,
            expected_version=expected_version,
        )
        pending.application = application
        pending.outcome = Verification.Outcome.CONFIRMED if confirmed else Verification.Outcome.NOT_CONFIRMED
        pending.note, pending.responded_by, pending.responded_at = clean_text(note, field="note"), verifier, clock.now()
        pending.save(update_fields=["outcome", "note", "responded_by", "responded_at"])
        return pending


def deadlines_process(*, today: dt.date | None = None) -> dict[str, int]:
    """Apply the expiry action of every case whose deadline has passed (tacit approval, expiry)."""
    today = today or clock.today()
    done: dict[str, int] = {}
    for workflow in registry().values():
        for state in workflow.states.values():
            if not state.on_expiry:
                continue
            overdue = Application.objects.filter(kind=workflow.kind, state=state.name, deadline__lt=today)
            for application_id in overdue.values_list("pk", flat=True).iterator():
                try:
                    _transition(application_id=application_id, actor=None, transition=state.on_expiry)
                except (IllegalTransition, Conflict):
                    continue  # someone acted on it meanwhile
                done[state.on_expiry] = done.get(state.on_expiry, 0) + 1
    return done

"""Workflow transitions: check who may take a step, apply it under a row lock, record, decide, notify."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from talentbridge.accounts.models import User
from talentbridge.casework import access
from talentbridge.casework.models import Application, Decision
from talentbridge.casework.notifications import notify
from talentbridge.casework.payload import clean_payload
from talentbridge.casework.requirements import missing_documents, missing_documents_message
from talentbridge.casework.services.common import authority_staff, check_version, locked, record
from talentbridge.casework.services.four_eyes import check_four_eyes
from talentbridge.casework.workflow import Transition, Workflow, get_workflow
from talentbridge.core import clock
from talentbridge.core.businessdays import add_business_days
from talentbridge.core.errors import Forbidden, IllegalTransition, InvalidInput, ReasonRequired
from talentbridge.core.text import clean_text
from talentbridge.reference.models import Authority
from talentbridge.reference.selectors import work_calendar_for

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
    return transition_take(
        application_id=application_id,
        actor=actor,
        transition=transition,
        reason=reason,
        expected_version=expected_version,
        data=data,
    )


def transition_take(
    *,
    application_id: int,
    actor: User | None,
    transition: str,
    reason: str = "",
    expected_version: int | None = None,
    data: dict[str, Any] | None = None,
) -> Application:
    """Take any transition, the dedicated steps included (their services call this)."""
    reason = clean_text(reason, field="reason")
    with transaction.atomic():
        application = locked(application_id, actor)
        workflow = get_workflow(application.kind)
        step = workflow.transitions.get(transition)
        if step is None:
            raise IllegalTransition(_("Unknown action."), details={"transition": transition})
        roles = access.case_roles(actor, application)
        capacity = next(iter(sorted(roles & step.by)), None)
        if capacity is None:
            raise Forbidden(_("You are not allowed to take this action on this case."))
        check_version(application, expected_version)
        if application.state not in step.sources:
            raise IllegalTransition(
                details={"state": application.state, "allowed": [t.name for t in workflow.available(application.state)]}
            )
        if step.reason_required and not reason:
            raise ReasonRequired(details={"reason": [str(ReasonRequired.default_message)]})
        proposer = check_four_eyes(application, step, actor)
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


def _deadline(workflow: Workflow, state: str, authority: Authority) -> dt.date | None:
    days = workflow.states[state].deadline_business_days
    if not days:
        return None
    return add_business_days(clock.today(), days, work_calendar_for(authority.jurisdiction.code))


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
    record(
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


def _notify_after(application: Application, step: Transition) -> None:
    applicant = [application.applicant]
    staff = authority_staff(application.authority_id)
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

"""Every transition × every state × every actor: allowed exactly when the workflow says so."""

from __future__ import annotations

import pytest
from django.db import transaction

from talentbridge.casework import access, services
from talentbridge.casework.models import Application, AuditEvent, Decision
from talentbridge.casework.workflow import get_workflow, registry
from talentbridge.core.errors import Forbidden, IllegalTransition, InvalidInput, NotFound
from tests.casework.filing import attach_required_documents

CASES = [(kind, state) for kind, wf in sorted(registry().items()) for state in wf.states]


class _Rollback(Exception):
    pass


def _expected(cast, case, actor, step):
    """What the workflow declares for this actor taking this step now: None (allowed) or an error type."""
    if actor is not None and not access.can_view(actor, case):
        return NotFound
    roles = access.case_roles(actor, case)
    if not roles & step.by:
        return Forbidden
    if case.state not in step.sources:
        return IllegalTransition
    if step.four_eyes:
        proposer = case.events.filter(to_state=case.state).latest("at", "id").actor
        if proposer == actor:
            return Forbidden
    return None


def _attempt(cast, case, actor, name):
    """Take step `name` as `actor` through the service that owns it; return the case afterwards."""
    common = {"application_id": case.pk}
    if name == "request_info":
        services.info_request_create(reviewer=actor, message="Because.", **common)
    elif name == "reply":
        services.info_request_reply(applicant=actor, reply="Because.", **common)
    elif name == "request_verification":
        services.verification_request(
            reviewer=actor, authority_code=cast.verifying_authority, question="Is it valid?", **common
        )
    elif name in {"confirm_verification", "deny_verification"}:
        services.verification_respond(
            verifier=actor, confirmed=name == "confirm_verification", note="Because.", **common
        )
    else:
        services.application_transition(actor=actor, transition=name, reason="Because.", **common)
    return Application.objects.get(pk=case.pk)


@pytest.mark.parametrize(("kind", "state"), CASES)
def test_each_transition_is_allowed_exactly_as_declared(kind, state, make_cast, case_in):
    # given a case of `kind` walked to `state` through the real services
    cast = make_cast(kind)
    case = case_in(cast, state)
    if state == "draft":  # complete, so that only who may submit decides whether submission works
        attach_required_documents(case, cast.applicant)
    workflow = get_workflow(kind)
    before = (case.state, case.version, AuditEvent.objects.count(), Decision.objects.count())
    for name, step in workflow.transitions.items():
        for who, actor in cast.everyone().items():
            expected = _expected(cast, case, actor, step)
            # when the actor tries the step (rolled back afterwards so every try starts equal)
            try:
                with transaction.atomic():
                    result = _attempt(cast, case, actor, name)
                    outcome = None
                    assert result.state == step.target, (kind, state, name, who)
                    raise _Rollback
            except _Rollback:
                pass
            except (Forbidden, IllegalTransition, NotFound) as error:
                outcome = type(error)
            # then it succeeded or failed exactly as the workflow declares
            assert outcome is expected, f"{kind}: {who} taking {name} in {state}"
            # and nothing changed
            fresh = Application.objects.get(pk=case.pk)
            after = (fresh.state, fresh.version, AuditEvent.objects.count(), Decision.objects.count())
            assert after == before, f"{kind}: {who} taking {name} in {state} left changes"


def test_the_matrix_reaches_every_common_state():
    states = {state for _kind, state in CASES}
    assert {"draft", "submitted", "in_review", "info_requested", "resubmitted", "approved", "refused"} <= states
    assert {"withdrawn", "expired", "revoked", "verification", "pending_second_approval"} <= states


@pytest.mark.parametrize("step", sorted(services.DEDICATED_STEPS))
def test_steps_with_their_own_service_are_refused_by_the_generic_action(step, make_cast, case_in):
    cast = make_cast("practice_registration")
    case = case_in(cast, "in_review")
    with pytest.raises(InvalidInput) as error:
        services.application_transition(application_id=case.pk, actor=cast.reviewer, transition=step)
    assert list(error.value.details) == ["transition"]
    assert Application.objects.get(pk=case.pk).version == case.version

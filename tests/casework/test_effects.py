"""A transition's declared effect runs in the same transaction, and its failure undoes the step."""

from __future__ import annotations

import dataclasses

import pytest

from talentbridge.casework import services
from talentbridge.casework.models import Application, AuditEvent
from talentbridge.casework.services import transitions
from talentbridge.casework.workflow import get_workflow
from talentbridge.core import clock


@pytest.fixture
def approve_with_effect(monkeypatch):
    """talent_endorsement's `approve` declaring the effect talentbridge.core.clock:probe_effect."""
    workflow = get_workflow("talent_endorsement")
    step = dataclasses.replace(workflow.transitions["approve"], effect="talentbridge.core.clock:probe_effect")
    patched = dataclasses.replace(workflow, transitions={**workflow.transitions, "approve": step})
    # The transition engine looks its workflow up in its own module.
    monkeypatch.setattr(
        transitions, "get_workflow", lambda kind: patched if kind == "talent_endorsement" else get_workflow(kind)
    )
    calls: list[dict] = []

    def probe_effect(**kwargs):
        calls.append(kwargs)
        if kwargs["data"].get("fail"):
            raise RuntimeError("the domain refused")

    monkeypatch.setattr(clock, "probe_effect", probe_effect, raising=False)
    return calls


def test_effect_receives_the_case_actor_reason_and_data(approve_with_effect, make_cast, case_in):
    cast = make_cast("talent_endorsement")
    case = case_in(cast, "pending_second_approval")
    services.application_transition(
        application_id=case.pk, actor=cast.second_reviewer, transition="approve", reason="Fine.", data={"scope": "HK"}
    )
    [call] = approve_with_effect
    assert (call["application"].pk, call["actor"], call["reason"], call["data"]) == (
        case.pk,
        cast.second_reviewer,
        "Fine.",
        {"scope": "HK"},
    )
    assert call["application"].state == "approved"


def test_failing_effect_rolls_the_step_back(approve_with_effect, make_cast, case_in):
    cast = make_cast("talent_endorsement")
    case = case_in(cast, "pending_second_approval")
    events = AuditEvent.objects.count()
    with pytest.raises(RuntimeError):
        services.application_transition(
            application_id=case.pk, actor=cast.second_reviewer, transition="approve", data={"fail": True}
        )
    assert Application.objects.get(pk=case.pk).state == "pending_second_approval"
    assert AuditEvent.objects.count() == events

"""Decisions: reasons, four eyes, optimistic concurrency, records of who, when, why and which rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from talentbridge.casework import services
from talentbridge.casework.models import Application, AuditEvent, Decision
from talentbridge.casework.workflow import get_workflow
from talentbridge.core import clock
from talentbridge.core.errors import Conflict, Forbidden, ReasonRequired


def test_refusal_without_reason_is_rejected_and_changes_nothing(make_cast, case_in):
    cast = make_cast("talent_endorsement")
    case = case_in(cast, "in_review")
    events = AuditEvent.objects.count()
    with pytest.raises(ReasonRequired) as error:
        services.application_transition(application_id=case.pk, actor=cast.reviewer, transition="refuse", reason="  ")
    assert error.value.code == "reason_required"
    assert "reason" in error.value.details
    fresh = Application.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version) == ("in_review", case.version)
    assert AuditEvent.objects.count() == events
    assert not Decision.objects.exists()


def test_decision_records_who_when_why_and_rules_version(make_cast, case_in):
    cast = make_cast("talent_endorsement")
    case = case_in(cast, "in_review")
    moment = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 30))
    with clock.frozen_at(moment):
        services.application_transition(
            application_id=case.pk, actor=cast.reviewer, transition="refuse", reason="No associate-senior title."
        )
    decision = Decision.objects.get(application=case)
    assert decision.outcome == "refused"
    assert decision.decided_by == cast.reviewer
    assert decision.decided_at == moment
    assert decision.reason == "No associate-senior title."
    assert decision.rules_version == get_workflow("talent_endorsement").rules_version
    event = AuditEvent.objects.filter(application=case).latest("id")
    assert (event.action, event.actor, event.actor_role, event.from_state, event.to_state) == (
        "refuse",
        cast.reviewer,
        "reviewer",
        "in_review",
        "refused",
    )
    assert event.reason == "No associate-senior title." and event.rules_version == decision.rules_version
    assert Application.objects.get(pk=case.pk).decided_at == moment


def test_four_eyes_the_proposer_cannot_approve_but_a_colleague_can(make_cast, case_in):
    cast = make_cast("practice_registration")
    case = case_in(cast, "in_review")
    services.application_transition(application_id=case.pk, actor=cast.reviewer, transition="propose_approval")
    with pytest.raises(Forbidden):
        services.application_transition(application_id=case.pk, actor=cast.reviewer, transition="approve")
    assert Application.objects.get(pk=case.pk).state == "pending_second_approval"
    services.application_transition(application_id=case.pk, actor=cast.second_reviewer, transition="approve")
    decision = Decision.objects.get(application=case)
    assert (decision.decided_by, decision.proposed_by, decision.outcome) == (
        cast.second_reviewer,
        cast.reviewer,
        "approved",
    )


def test_stale_version_is_a_conflict_and_changes_nothing(make_cast, case_in):
    cast = make_cast("benefit_claim")
    case = case_in(cast, "in_review")
    seen_version = case.version
    services.info_request_create(application_id=case.pk, reviewer=cast.second_reviewer, message="Need payslips.")
    with pytest.raises(Conflict) as error:
        services.application_transition(
            application_id=case.pk, actor=cast.reviewer, transition="approve", expected_version=seen_version
        )
    assert error.value.details == {"current_version": seen_version + 1, "current_state": "info_requested"}
    assert Application.objects.get(pk=case.pk).state == "info_requested"
    assert not Decision.objects.exists()


def test_revocation_of_an_approval_needs_a_reason_and_is_a_decision(make_cast, case_in):
    cast = make_cast("benefit_claim")
    case = case_in(cast, "approved")
    with pytest.raises(ReasonRequired):
        services.application_transition(application_id=case.pk, actor=cast.reviewer, transition="revoke")
    services.application_transition(
        application_id=case.pk, actor=cast.reviewer, transition="revoke", reason="Contributions were falsified."
    )
    assert list(Decision.objects.filter(application=case).values_list("outcome", flat=True)) == ["approved", "revoked"]


def test_submit_checks_every_required_field(make_cast):
    cast = make_cast("practice_registration")
    draft = services.application_create(
        applicant=cast.applicant, kind=cast.kind, authority_code=cast.authority, payload={"profession": "architect"}
    )
    with pytest.raises(Exception) as error:
        services.application_transition(application_id=draft.pk, actor=cast.applicant, transition="submit")
    assert error.value.code == "invalid_input"
    # one notice: each missing field, and each of the pathway's documents by name
    assert set(error.value.details) == {"city", "licence_number", "years_of_practice", "documents"}
    assert error.value.details["documents"] == [
        "Before you submit, attach: Permanent identity card, Home registration or licence, "
        "Letter of good standing (no discipline), Letter from the mainland employer."
    ]
    assert Application.objects.get(pk=draft.pk).state == "draft"

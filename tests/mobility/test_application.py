"""The talent-endorsement case: submission needs a confirmed attestation and the right office; approval grants."""

from __future__ import annotations

import datetime as dt

import pytest

from talentbridge.casework import services as casework
from talentbridge.casework.models import Application
from talentbridge.casework.workflow import get_workflow
from talentbridge.core import clock
from talentbridge.core.errors import InvalidInput
from talentbridge.mobility import services
from talentbridge.mobility.models import Endorsement
from talentbridge.policy.services import rule_set_current
from talentbridge.rules.explain import explain
from tests.mobility.conftest import approve, attach_required_documents, endorsement_payload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"


def _draft(talent, attestation, authority="SHENZHEN-EXIT-ENTRY", **changes):
    """A draft carrying every document the platform asks for, so that submission tests the rest."""
    case = casework.application_create(
        applicant=talent,
        kind="talent_endorsement",
        authority_code=authority,
        payload=endorsement_payload(attestation, **changes),
    )
    attach_required_documents(case, talent)
    return case


def test_submission_with_an_unconfirmed_attestation_is_refused_and_nothing_changes(talent, institute):
    requested = services.attestation_request(
        talent=talent,
        organisation_id=institute.pk,
        job_title="Researcher",
        professional_title="senior",
        employed_since=dt.date(2021, 1, 1),
    )
    case = _draft(talent, requested)

    with pytest.raises(InvalidInput) as error:
        casework.application_transition(application_id=case.pk, actor=talent, transition="submit")

    waiting = f"{requested.organisation.name} has not decided on this attestation yet: it is still waiting."
    assert error.value.details == {"employer_attestation": [waiting]}
    assert Application.objects.get(pk=case.pk).state == "draft"


def test_someone_elses_attestation_cannot_be_used(make_user, confirmed):
    other = make_user("applicant", residence="GD")
    case = _draft(other, confirmed)

    with pytest.raises(InvalidInput) as error:
        casework.application_transition(application_id=case.pk, actor=other, transition="submit")

    assert error.value.details == {"employer_attestation": ["Choose one of your employer attestations."]}


def test_a_research_talent_must_apply_in_the_work_city(talent, confirmed):
    case = _draft(talent, confirmed, authority="GUANGZHOU-EXIT-ENTRY")

    with pytest.raises(InvalidInput) as error:
        casework.application_transition(application_id=case.pk, actor=talent, transition="submit")

    assert error.value.details == {"authority": ["Apply at the exit-entry office of the city where you work."]}


def test_an_outstanding_talent_may_apply_at_any_gba_office(talent, confirmed):
    case = _draft(talent, confirmed, authority="GUANGZHOU-EXIT-ENTRY", category="outstanding")

    case = casework.application_transition(application_id=case.pk, actor=talent, transition="submit")

    assert case.state == "submitted"


def test_approval_grants_the_endorsement_with_the_kernels_validity(endorsement, talent):
    today = clock.today()
    period = f"{today:%Y-%m}"
    kernel = explain(
        {"talent_category": {period: "research"}, "holds_valid_eep": {period: True}, "work_city": {period: "shenzhen"}},
        period,
        ["endorsement_validity_years", "endorsement_max_stay_days"],
    )
    years, stay = (o["value"] for o in kernel["outputs"])
    assert (years, stay) == (3, 30)
    assert endorsement.holder == talent
    assert (endorsement.category, endorsement.destination, endorsement.work_city) == ("research", "HK_MO", "shenzhen")
    assert endorsement.valid_from == today
    assert endorsement.valid_to == today.replace(year=today.year + 3) - dt.timedelta(days=1)
    assert endorsement.max_stay_days == 30
    assert endorsement.rule_set == rule_set_current()
    assert endorsement.determination.case_reference == endorsement.case_reference


def test_other_category_needs_the_talent_authoritys_confirmation(
    talent, confirmed, exit_entry, second_exit_entry, make_user
):
    refused = _draft(talent, confirmed, category="other")
    casework.application_transition(application_id=refused.pk, actor=talent, transition="submit")
    casework.application_transition(application_id=refused.pk, actor=exit_entry, transition="start_review")
    state_before_approval = (
        "pending_second_approval" if "propose_approval" in get_workflow(refused.kind).transitions else "in_review"
    )

    with pytest.raises(InvalidInput):
        approve(refused, exit_entry, second_exit_entry)
    assert Application.objects.get(pk=refused.pk).state == state_before_approval
    assert not Endorsement.objects.exists()

    case = _draft(talent, confirmed, category="other", eep_number="C87654321")
    casework.application_transition(application_id=case.pk, actor=talent, transition="submit")
    casework.application_transition(application_id=case.pk, actor=exit_entry, transition="start_review")
    hrss = make_user("reviewer", authority="SHENZHEN-HRSS")
    casework.verification_request(
        application_id=case.pk, reviewer=exit_entry, authority_code="SHENZHEN-HRSS", question="Is the post real?"
    )
    casework.verification_respond(application_id=case.pk, verifier=hrss, confirmed=True, note="Recognised.")
    approve(case, exit_entry, second_exit_entry)

    endorsement = Endorsement.objects.get(case_reference=case.reference)
    assert (endorsement.category, endorsement.valid_to - endorsement.valid_from) == (
        "other",
        endorsement.valid_from.replace(year=endorsement.valid_from.year + 1)
        - dt.timedelta(days=1)
        - endorsement.valid_from,
    )


def test_refusal_is_a_written_decision_and_grants_nothing(submitted, exit_entry):
    casework.application_transition(application_id=submitted.pk, actor=exit_entry, transition="start_review")
    case = casework.application_transition(
        application_id=submitted.pk, actor=exit_entry, transition="refuse", reason="The title is not 副高."
    )
    assert case.decisions.get().reason == "The title is not 副高."
    assert not Endorsement.objects.exists()


def test_missing_documents_are_listed_in_one_notice(submitted, exit_entry):
    casework.application_transition(application_id=submitted.pk, actor=exit_entry, transition="start_review")
    request = casework.info_request_create(
        application_id=submitted.pk, reviewer=exit_entry, message="Missing: 1. title certificate; 2. photo."
    )
    assert list(submitted.info_requests.values_list("message", flat=True)) == [request.message]


def _decided_on(day, talent, confirmed, exit_entry, second_exit_entry, **changes):
    """A legal-category case (1 year on its own) filed, reviewed and approved on `day`, at noon in the GBA."""
    with clock.frozen_at(dt.datetime(day.year, day.month, day.day, 4, 0, tzinfo=dt.UTC)):
        case = _draft(talent, confirmed, category="legal", **changes)
        casework.application_transition(application_id=case.pk, actor=talent, transition="submit")
        casework.application_transition(application_id=case.pk, actor=exit_entry, transition="start_review")
        approve(case, exit_entry, second_exit_entry)
    return Endorsement.objects.get(case_reference=case.reference)


HETAO_FILED = {"works_in_hetao_shenzhen_park": "yes", "filed_with_hetao_park_management": "yes"}


def test_hetao_park_staff_who_filed_get_three_years_when_approved_from_5_november_2025(
    talent, confirmed, exit_entry, second_exit_entry
):
    endorsement = _decided_on(dt.date(2025, 11, 5), talent, confirmed, exit_entry, second_exit_entry, **HETAO_FILED)

    assert (endorsement.valid_from, endorsement.valid_to) == (dt.date(2025, 11, 5), dt.date(2028, 11, 4))
    inputs = endorsement.determination.inputs
    assert inputs["decision_date"] == {"2025-11": "2025-11-05"}
    assert inputs["works_in_hetao_shenzhen_park"] == {"2025-11": True}
    assert inputs["filed_with_hetao_park_management"] == {"2025-11": True}
    assert endorsement.determination.outputs["endorsement_validity_years"] == 3


def test_hetao_park_staff_who_have_not_filed_get_only_their_categorys_validity(
    talent, confirmed, exit_entry, second_exit_entry
):
    endorsement = _decided_on(
        dt.date(2025, 11, 5),
        talent,
        confirmed,
        exit_entry,
        second_exit_entry,
        works_in_hetao_shenzhen_park="yes",
        filed_with_hetao_park_management="no",
    )

    assert (endorsement.valid_from, endorsement.valid_to) == (dt.date(2025, 11, 5), dt.date(2026, 11, 4))
    assert endorsement.determination.inputs["filed_with_hetao_park_management"] == {"2025-11": False}


def test_an_approval_on_4_november_2025_uses_that_days_rules_without_the_hetao_route(
    talent, confirmed, exit_entry, second_exit_entry
):
    endorsement = _decided_on(dt.date(2025, 11, 4), talent, confirmed, exit_entry, second_exit_entry, **HETAO_FILED)

    assert (endorsement.valid_from, endorsement.valid_to) == (dt.date(2025, 11, 4), dt.date(2026, 11, 3))
    assert endorsement.determination.inputs["decision_date"] == {"2025-11": "2025-11-04"}


def test_a_hetao_answer_other_than_yes_or_no_is_refused_and_no_case_is_made(talent, confirmed):
    with pytest.raises(InvalidInput) as error:
        _draft(talent, confirmed, filed_with_hetao_park_management="maybe")

    assert error.value.details == {"filed_with_hetao_park_management": ["Choose one of the listed options."]}
    assert not Application.objects.exists()

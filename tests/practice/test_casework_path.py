"""Practice cases through casework: approval grants a certified registration, compensation, confirmation, tacit approval."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from talentbridge.casework import services
from talentbridge.casework.models import Application
from talentbridge.core import clock
from talentbridge.core.errors import IllegalTransition
from talentbridge.credentials.services import certificate_verify
from talentbridge.practice.models import CompensationMeasure, Registration

pytestmark = pytest.mark.django_db


def _approve(case, reviewer, second_reviewer):
    services.application_transition(application_id=case.pk, actor=reviewer, transition="propose_approval")
    return services.application_transition(application_id=case.pk, actor=second_reviewer, transition="approve")


def test_approval_creates_an_active_registration_with_a_valid_certificate(
    practice_case, in_review, reviewer, second_reviewer, applicant
):
    case = in_review(practice_case())
    _approve(case, reviewer, second_reviewer)
    registration = Registration.objects.get(case_reference=case.reference)
    assert (registration.status, registration.field, registration.zone, registration.authority.code) == (
        "active",
        "architect",
        "nine_cities",
        "GD-DHURD",
    )
    assert registration.professional == applicant and registration.valid_until is None
    from talentbridge.credentials.models import Certificate

    token = Certificate.objects.get(pk=registration.certificate_id).jwt
    assert certificate_verify(token).status == "valid"


def test_doctor_registration_is_valid_for_the_kernels_three_years(practice_case, reviewer, make_user, applicant):
    from talentbridge.accounts.models import Role

    health = make_user(Role.REVIEWER, authority="GD-HEALTH")
    colleague = make_user(Role.REVIEWER, authority="GD-HEALTH")
    with clock.frozen_at(timezone.make_aware(dt.datetime(2026, 3, 2, 9))):
        case = practice_case(authority="GD-HEALTH", profession="physician", field="doctor")
        services.application_transition(application_id=case.pk, actor=health, transition="start_review")
        _approve(case, health, colleague)
    registration = Registration.objects.get(case_reference=case.reference)
    assert (registration.valid_from, registration.valid_until) == (dt.date(2026, 3, 2), dt.date(2029, 3, 1))


def test_revoking_the_case_revokes_registration_and_certificate(practice_case, in_review, reviewer, second_reviewer):
    case = in_review(practice_case())
    _approve(case, reviewer, second_reviewer)
    services.application_transition(application_id=case.pk, actor=reviewer, transition="revoke", reason="Fraud.")
    registration = Registration.objects.get(case_reference=case.reference)
    from talentbridge.credentials.models import Certificate

    assert registration.status == "revoked"
    assert certificate_verify(Certificate.objects.get(pk=registration.certificate_id).jwt).status == "revoked"


def test_compensation_path_aptitude_test_then_report_then_confirmation(
    practice_case, in_review, reviewer, second_reviewer, applicant
):
    case = in_review(practice_case())
    services.application_transition(
        application_id=case.pk,
        actor=reviewer,
        transition="require_aptitude_test",
        reason="Test on mainland building codes.",
        data={"months": 6},
    )
    measure = CompensationMeasure.objects.get(case_reference=case.reference)
    assert (measure.kind, measure.months, measure.description) == (
        "aptitude_test",
        6,
        "Test on mainland building codes.",
    )
    assert not Registration.objects.exists()
    services.application_transition(
        application_id=case.pk, actor=applicant, transition="report_compensation", reason="Passed on 1 May."
    )
    # four eyes: one reviewer proposes approval on the report, a colleague approves
    services.application_transition(application_id=case.pk, actor=reviewer, transition="propose_approval")
    assert not Registration.objects.filter(status="active").exists()
    services.application_transition(application_id=case.pk, actor=second_reviewer, transition="approve")
    measure.refresh_from_db()
    assert measure.report == "Passed on 1 May." and measure.confirmed_by == second_reviewer
    assert Application.objects.get(pk=case.pk).state == "approved"
    assert Registration.objects.get(case_reference=case.reference).status == "active"


def test_administrative_confirmation_gives_a_provisional_registration_confirmed_on_approval(
    practice_case, reviewer, second_reviewer
):
    with clock.frozen_at(timezone.make_aware(dt.datetime(2026, 3, 2, 9))):
        case = practice_case(zone="nansha", city="guangzhou")
        provisional = Registration.objects.get(case_reference=case.reference)
        assert (provisional.status, provisional.mechanism, provisional.valid_until) == (
            "provisional",
            "administrative_confirmation",
            dt.date(2026, 4, 2),
        )
        services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
        _approve(case, reviewer, second_reviewer)
    confirmed = Registration.objects.get(case_reference=case.reference)
    assert confirmed.pk == provisional.pk and confirmed.status == "active" and confirmed.certificate_id


def test_refusal_ends_the_provisional_registration(practice_case, reviewer):
    case = practice_case(zone="nansha", city="guangzhou")
    services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
    services.application_transition(application_id=case.pk, actor=reviewer, transition="refuse", reason="Forged.")
    assert Registration.objects.get(case_reference=case.reference).status == "lapsed"


def test_tacit_approval_only_where_the_pathway_provides_it(practice_case, make_user):
    from talentbridge.accounts.models import Role

    justice = make_user(Role.REVIEWER, authority="GD-DOJ")
    with clock.frozen_at(timezone.make_aware(dt.datetime(2026, 3, 2, 9))):
        lawyer = practice_case(authority="GD-DOJ", profession="lawyer", field="lawyer")
        services.application_transition(application_id=lawyer.pk, actor=justice, transition="start_review")
    with pytest.raises(IllegalTransition):
        services.application_transition(application_id=lawyer.pk, actor=None, transition="tacit_approve")
    assert Application.objects.get(pk=lawyer.pk).state == "in_review"
    assert services.deadlines_process(today=dt.date(2026, 12, 1)).get("tacit_approve", 0) == 0
    assert not Registration.objects.exists()


def test_tacit_approval_of_record_filing_is_marked(practice_case, in_review):
    case = in_review(practice_case())
    services.application_transition(application_id=case.pk, actor=None, transition="tacit_approve")
    assert Registration.objects.get(case_reference=case.reference).tacit is True

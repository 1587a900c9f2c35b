"""Registrations outside casework: suspension, revocation, expiry, renewal reminders; alerts; statistics; demo."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from talentbridge.accounts.models import Role
from talentbridge.casework import services as casework
from talentbridge.casework.models import Application
from talentbridge.core.errors import Forbidden, IllegalTransition, InvalidInput, NotFound, ReasonRequired
from talentbridge.practice import selectors, services
from talentbridge.practice.demo import demo_registrations_load
from talentbridge.practice.models import PracticeAlert, Registration
from talentbridge.reference.models import Authority
from tests.mobility.conftest import attach_required_documents

pytestmark = pytest.mark.django_db


def _grant(user, *, on=None, field="architect", authority="GD-DHURD", reference="PR-X", **payload):
    return services.registration_grant(
        professional=user,
        payload={"profession": "architect", "city": "shenzhen", "licence_number": "L-1", "field": field, **payload},
        authority=Authority.objects.get(code=authority),
        case_reference=reference,
        on=on,
    )


def test_suspend_needs_a_reason_and_the_registering_authority(applicant, reviewer, make_user):
    registration = _grant(applicant)
    with pytest.raises(ReasonRequired):
        services.registration_suspend(registration_id=registration.pk, actor=reviewer, reason="")
    with pytest.raises(NotFound):
        services.registration_suspend(
            registration_id=registration.pk, actor=make_user(Role.REVIEWER, authority="GD-DOJ"), reason="x"
        )
    with pytest.raises(Forbidden):
        services.registration_suspend(registration_id=registration.pk, actor=applicant, reason="x")
    assert Registration.objects.get(pk=registration.pk).status == "active"
    services.registration_suspend(registration_id=registration.pk, actor=reviewer, reason="Inquiry.")
    with pytest.raises(IllegalTransition):
        services.registration_suspend(registration_id=registration.pk, actor=reviewer, reason="Again.")
    services.registration_reinstate(registration_id=registration.pk, actor=reviewer, reason="Cleared.")
    assert Registration.objects.get(pk=registration.pk).status == "active"


def test_renewal_reminder_is_sent_once_and_expiry_is_recorded(applicant):
    registration = _grant(
        applicant, on=dt.date(2023, 5, 1), field="doctor", authority="GD-HEALTH", profession="physician"
    )
    assert registration.valid_until == dt.date(2026, 4, 30)
    assert services.renewal_reminders_send(today=dt.date(2026, 1, 1)) == 0  # more than 90 days ahead
    with pytest.MonkeyPatch.context():
        sent = services.renewal_reminders_send(today=dt.date(2026, 2, 15))
    assert sent == 1
    assert services.renewal_reminders_send(today=dt.date(2026, 2, 16)) == 0
    assert Registration.objects.get(pk=registration.pk).reminder_sent_at is not None
    call_command("practice_send_renewal_reminders", today=dt.date(2026, 5, 1))
    assert Registration.objects.get(pk=registration.pk).status == "expired"


def test_reminder_email_goes_out_after_commit(applicant, django_capture_on_commit_callbacks):
    _grant(applicant, on=dt.date(2023, 5, 1), field="doctor", authority="GD-HEALTH", profession="physician")
    with django_capture_on_commit_callbacks(execute=True):
        services.renewal_reminders_send(today=dt.date(2026, 2, 15))
    [message] = mail.outbox
    assert message.to == [applicant.email] and "2026-04-30" in message.body


def test_a_renewal_is_in_force_at_once_and_its_term_runs_on_from_the_renewed_one(applicant):
    old = _grant(applicant, on=dt.date(2023, 5, 1), field="doctor", authority="GD-HEALTH", profession="physician")
    authority, payload = services.renewal_prefill(registration_id=old.pk, professional=applicant)
    new = services.registration_grant(
        professional=applicant,
        payload=payload,
        authority=Authority.objects.get(code=authority),
        case_reference="PR-RENEW",
        on=dt.date(2026, 3, 1),
    )
    assert (new.renews, new.valid_from, new.valid_until, new.status) == (
        old,
        dt.date(2026, 3, 1),
        dt.date(2029, 4, 30),
        "active",
    )


def test_alerts_are_seen_by_other_authorities_on_matching_people(reviewer, make_user, applicant):
    other = make_user(Role.REVIEWER, authority="GD-DOJ")
    alert = services.alert_raise(actor=other, person_identifier=f" {applicant.email.upper()} ", reason="Barred.")
    assert alert.person_identifier == applicant.email
    assert selectors.alerts_matching(user=reviewer, identifiers=[applicant.email], field="architect") == [alert]
    assert selectors.alerts_matching(user=other, identifiers=[applicant.email]) == []  # its own
    assert selectors.alerts_matching(user=applicant, identifiers=[applicant.email]) == []
    with pytest.raises(Forbidden):
        services.alert_withdraw(actor=reviewer, alert_id=alert.pk)
    services.alert_withdraw(actor=other, alert_id=alert.pk)
    assert selectors.alerts_matching(user=reviewer, identifiers=[applicant.email]) == []


def test_alert_input_is_checked_and_applicants_cannot_raise(reviewer, applicant):
    with pytest.raises(InvalidInput) as error:
        services.alert_raise(
            actor=reviewer, person_identifier=" ", field="astronaut", reason="", expires_on=dt.date(2000, 1, 1)
        )
    assert set(error.value.details) == {"person_identifier", "field", "reason", "expires_on"}
    with pytest.raises(Forbidden):
        services.alert_raise(actor=applicant, person_identifier="x", reason="y")
    assert not PracticeAlert.objects.exists()


def test_register_search_hides_private_data_and_ended_registrations(applicant):
    active = _grant(applicant, reference="PR-A")
    revoked = _grant(applicant, reference="PR-B", field="doctor", authority="GD-HEALTH", profession="physician")
    services.registration_revoke(registration_id=revoked.pk, actor=None, reason="Struck off.")
    rows = list(selectors.register_search(name=applicant.full_name[:4]))
    assert [r.number for r in rows] == [active.number]
    assert set(selectors.PUBLIC_FIELDS).isdisjoint({"licence_number", "status_reason", "case_reference"})


def test_statistics(applicant, make_user, practice_case, reviewer, settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    _grant(applicant, on=dt.date(2025, 1, 10), reference="PR-1")
    _grant(make_user(Role.APPLICANT), on=dt.date(2025, 2, 3), field="doctor", authority="GD-HEALTH", reference="PR-2")
    case = practice_case(submit=False)
    attach_required_documents(case, applicant)
    casework.application_transition(application_id=case.pk, actor=applicant, transition="submit")
    cases = Application.objects.filter(kind="practice_registration")
    assert selectors.registrations_by(dimension="field") == {"architect": 1, "doctor": 1}
    assert selectors.registrations_by(dimension="month") == {"2025-01": 1, "2025-02": 1}
    assert selectors.registrations_by(dimension="home_jurisdiction") == {"hong_kong": 2}
    assert selectors.applications_by_state(cases) == {"submitted": 1}
    assert selectors.median_processing_days(cases) is None
    assert selectors.tacit_approvals() == 0
    assert selectors.professionals_registered(on=dt.date(2025, 3, 1)) == 2


def test_demo_registrations_are_idempotent_with_expired_and_one_revoked(reference):
    assert demo_registrations_load(count=40, seed=7) == 40
    assert demo_registrations_load(count=40, seed=7) == 0
    statuses = set(Registration.objects.values_list("status", flat=True))
    assert Registration.objects.filter(status="revoked").count() == 1
    assert {"active", "revoked"} <= statuses
    assert len(set(Registration.objects.values_list("field", flat=True))) > 3

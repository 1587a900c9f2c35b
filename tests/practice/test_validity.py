"""One validity rule for registrations: a renewed registration is superseded, and a suspended, expired, revoked
or superseded one never counts or acts as valid (register, statistics, reminders, renewal, certificates)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from talentbridge.accounts.models import Role
from talentbridge.core import clock
from talentbridge.core.errors import IllegalTransition
from talentbridge.credentials import services as credentials
from talentbridge.credentials.models import Certificate
from talentbridge.practice import selectors, services
from talentbridge.practice.models import Registration, RegistrationStatus, Standing
from talentbridge.reference.models import Authority
from tests.practice.registrations import doctor_registration

pytestmark = pytest.mark.django_db

TODAY = clock.today()


def _doctor(user, *, reference="PR-DOC", on=None, **payload):
    return doctor_registration(user, reference=reference, on=on, **payload)


def _architect(user, *, reference="PR-ARC"):
    """Architects register without a fixed term."""
    return services.registration_grant(
        professional=user,
        payload={"profession": "architect", "city": "shenzhen", "licence_number": "ARB-1"},
        authority=Authority.objects.get(code="GD-DHURD"),
        case_reference=reference,
    )


def _renew(registration, user, reference="PR-RENEW", on=None):
    authority, payload = services.renewal_prefill(registration_id=registration.pk, professional=user)
    return services.registration_grant(
        professional=user,
        payload=payload,
        authority=Authority.objects.get(code=authority),
        case_reference=reference,
        on=on,
    )


def test_the_queryset_and_the_model_method_give_the_same_answer_for_every_status_and_day(applicant):
    registration = _doctor(applicant)
    first = registration.valid_from
    for status, until in itertools.product(RegistrationStatus.values, (first + dt.timedelta(days=30), None)):
        Registration.objects.filter(pk=registration.pk).update(status=status, valid_until=until)
        registration.refresh_from_db()
        for day in (first - dt.timedelta(days=1), first, first + dt.timedelta(days=30), first + dt.timedelta(days=31)):
            rows = Registration.objects.filter(pk=registration.pk)
            standing = registration.standing(day)
            assert rows.in_force(day).exists() is (standing == Standing.IN_FORCE), (status, until, day)
            assert rows.provisional(day).exists() is (standing == Standing.PROVISIONAL), (status, until, day)
            assert rows.suspended(day).exists() is (standing == Standing.SUSPENDED), (status, until, day)
            assert rows.current(day).exists() is (standing in selectors.REGISTER_STANDINGS.values()), (status, day)
            assert registration.is_in_force(day) is (
                status == "active" and first <= day and (until is None or day <= until)
            ), (status, until, day)


def test_renewal_supersedes_the_old_registration_and_its_certificate(applicant):
    old = _doctor(applicant, on=TODAY - dt.timedelta(days=1050))
    old_jwt = Certificate.objects.get(pk=old.certificate_id).jwt

    new = _renew(old, applicant)

    old.refresh_from_db()
    assert (old.status, old.status_reason) == ("superseded", f"Replaced by registration {new.number}.")
    assert selectors.registration_validity(old).standing == Standing.SUPERSEDED
    assert (new.renews, new.status, new.valid_from) == (old, "active", TODAY)
    assert new.valid_until == dt.date(old.valid_until.year + 3, old.valid_until.month, old.valid_until.day)
    assert credentials.certificate_verify(old_jwt).status == "superseded"
    assert credentials.certificate_verify(Certificate.objects.get(pk=new.certificate_id).jwt).status == "valid"
    assert [r.number for r in selectors.register_search(name=applicant.full_name)] == [new.number]
    assert selectors.professionals_registered() == 1
    assert selectors.registrations_by(dimension="field") == {"doctor": 1}


def test_an_expired_registration_can_be_renewed_from_today(applicant):
    old = _doctor(applicant, on=TODAY - dt.timedelta(days=1200))
    services.registrations_expire()
    old.refresh_from_db()
    assert old.status == "expired"

    new = _renew(old, applicant)

    old.refresh_from_db()
    assert old.status == "superseded"
    assert (new.valid_from, new.valid_until) == (TODAY, TODAY.replace(year=TODAY.year + 3) - dt.timedelta(days=1))


def test_a_registration_already_renewed_cannot_be_renewed_again_and_nothing_is_written(applicant):
    old = _doctor(applicant, on=TODAY - dt.timedelta(days=1050))
    authority, payload = services.renewal_prefill(registration_id=old.pk, professional=applicant)
    _renew(old, applicant)
    before = list(Registration.objects.values_list("pk", "status"))

    with pytest.raises(IllegalTransition) as error:
        services.registration_grant(
            professional=applicant,
            payload=payload,
            authority=Authority.objects.get(code=authority),
            case_reference="PR-TWICE",
        )

    assert str(error.value.message) == "Only an active or expired registration can be renewed."
    assert list(Registration.objects.values_list("pk", "status")) == before


def test_a_registration_without_a_fixed_term_cannot_be_renewed(applicant):
    registration = _architect(applicant)
    assert registration.valid_until is None
    assert selectors.registration_validity(registration).renewable is False

    with pytest.raises(IllegalTransition) as error:
        services.renewal_prefill(registration_id=registration.pk, professional=applicant)
    assert str(error.value.message) == "A registration without a fixed term does not need renewing."

    payload = {"profession": "architect", "city": "shenzhen", "licence_number": "ARB-1"}
    with pytest.raises(IllegalTransition):
        services.registration_grant(
            professional=applicant,
            payload={**payload, "renewal_of": registration.number},
            authority=Authority.objects.get(code="GD-DHURD"),
            case_reference="PR-ARC-RENEW",
        )
    assert list(Registration.objects.values_list("number", "status")) == [(registration.number, "active")]


@pytest.mark.parametrize("action", ["suspend", "revoke"])
def test_a_suspended_or_revoked_registration_cannot_be_renewed(applicant, reviewer, action):
    registration = _doctor(applicant)
    getattr(services, f"registration_{action}")(registration_id=registration.pk, actor=None, reason="Inquiry.")

    with pytest.raises(IllegalTransition):
        services.renewal_prefill(registration_id=registration.pk, professional=applicant)


def test_the_renewal_draft_is_complete(applicant):
    registration = _doctor(applicant, on=TODAY - dt.timedelta(days=1050))

    authority, payload = services.renewal_prefill(registration_id=registration.pk, professional=applicant)

    assert authority == "GD-HEALTH"
    assert payload == {
        "profession": "physician",
        "field": "doctor",
        "zone": "nine_cities",
        "city": "shenzhen",
        "home_jurisdiction": "hong_kong",
        "licence_number": "MC-1",
        "years_of_practice": 8,  # 6 when granted, plus two whole years since
        "renewal_of": registration.number,
    }


def test_a_new_grant_for_the_same_field_and_zone_supersedes_the_one_in_force(applicant):
    first = _doctor(applicant, reference="PR-1")
    second = _doctor(applicant, reference="PR-2")

    first.refresh_from_db()
    assert (first.status, second.status) == ("superseded", "active")
    assert [r.number for r in selectors.register_search()] == [second.number]


def test_a_suspended_registration_is_listed_as_suspended_but_never_counted_or_reminded(applicant):
    registration = _doctor(applicant, on=TODAY - dt.timedelta(days=1050))  # ends within the notice period
    services.registration_suspend(registration_id=registration.pk, actor=None, reason="Inquiry.")

    assert [r.number for r in selectors.register_search()] == [registration.number]
    assert [r.number for r in selectors.register_search(status="suspended")] == [registration.number]
    assert list(selectors.register_search(status="active")) == []
    assert selectors.professionals_registered() == 0
    assert selectors.registrations_by(dimension="zone") == {}
    assert services.renewal_reminders_send() == 0


def test_a_registration_past_its_last_day_is_expired_before_the_daily_run(applicant):
    registration = _doctor(applicant, on=TODAY - dt.timedelta(days=1200))
    assert registration.status == "active"  # the daily expiry run has not marked it yet

    assert selectors.registration_validity(registration).standing == Standing.EXPIRED
    assert list(selectors.register_search()) == []
    assert list(selectors.register_search(status="active")) == []
    assert selectors.professionals_registered() == 0
    assert selectors.registrations_by(dimension="field") == {}
    assert services.renewal_reminders_send() == 0


def test_reminders_go_to_registrations_in_force_only(applicant, make_user):
    due = _doctor(applicant, on=TODAY - dt.timedelta(days=1050), reference="PR-DUE")  # ends in about 45 days
    other = make_user(Role.APPLICANT)
    renewed = _doctor(other, on=TODAY - dt.timedelta(days=1050), reference="PR-OLD")
    _renew(renewed, other)

    assert services.renewal_reminders_send() == 1
    assert list(Registration.objects.filter(reminder_sent_at__isnull=False).values_list("pk", flat=True)) == [due.pk]


def test_the_register_status_filter_finds_nothing_for_ended_statuses(applicant):
    registration = _doctor(applicant)
    services.registration_revoke(registration_id=registration.pk, actor=None, reason="Struck off.")

    assert list(selectors.register_search(status="revoked")) == []
    assert list(selectors.register_search(status="superseded")) == []


def test_alerts_in_force_are_the_same_by_query_and_by_method(reviewer):
    from talentbridge.practice.models import PracticeAlert

    alert = services.alert_raise(
        actor=reviewer, person_identifier="x@example.org", reason="Barred.", expires_on=TODAY + dt.timedelta(days=1)
    )
    for expires_on, withdrawn in itertools.product((None, TODAY, TODAY - dt.timedelta(days=1)), (None, clock.now())):
        PracticeAlert.objects.filter(pk=alert.pk).update(expires_on=expires_on, withdrawn_at=withdrawn)
        alert.refresh_from_db()
        assert alert.is_active(TODAY) is selectors.alerts_active(on=TODAY).filter(pk=alert.pk).exists()


def test_the_migration_supersedes_registrations_renewed_before_the_rule(applicant):
    from importlib import import_module

    from django.apps import apps

    old = _doctor(applicant, on=TODAY - dt.timedelta(days=1050), reference="PR-A")
    new = _doctor(applicant, reference="PR-B")
    # As the old code left them: both active, the new one naming the one it renews.
    Registration.objects.filter(pk=old.pk).update(status="active", status_reason="")
    Registration.objects.filter(pk=new.pk).update(renews=old)
    Certificate.objects.filter(pk=old.certificate_id).update(revoked_at=None)

    import_module("talentbridge.practice.migrations.0003_renewed_registrations_superseded").supersede(apps, None)

    assert dict(Registration.objects.values_list("number", "status")) == {
        old.number: "superseded",
        new.number: "active",
    }
    assert Certificate.objects.get(pk=old.certificate_id).revoked_at is not None


def test_a_reminder_is_mailed_after_commit_in_the_professionals_language(
    applicant, django_capture_on_commit_callbacks, mailoutbox
):
    applicant.preferred_language = "zh-hant"
    applicant.save(update_fields=["preferred_language"])
    due = _doctor(applicant, on=TODAY - dt.timedelta(days=1050), reference="PR-DUE")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.renewal_reminders_send() == 1
        assert mailoutbox == []  # nothing leaves before the reminder is recorded
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [applicant.email] and due.number in mail.body
    assert "Renew your registration" not in mail.subject and "registration" not in mail.body  # Traditional Chinese


def test_a_registration_renews_only_in_the_last_days_of_its_term_so_terms_never_pile_up(applicant):
    from talentbridge.practice.models import RENEWAL_WINDOW_DAYS

    fresh = _doctor(applicant, reference="PR-FRESH")  # three years ahead
    assert fresh.is_in_force(TODAY) and not fresh.is_renewable(TODAY)
    with pytest.raises(IllegalTransition, match="can be renewed from"):
        services.renewal_prefill(registration_id=fresh.pk, professional=applicant)
    assert fresh.renewable_from() == fresh.valid_until - dt.timedelta(days=RENEWAL_WINDOW_DAYS)
    assert fresh.is_renewable(fresh.renewable_from()) and not fresh.is_renewable(
        fresh.renewable_from() - dt.timedelta(days=1)
    )

    # Renewed in its last days, the new term runs on from the old end: one term, never two.
    ending = _doctor(applicant, on=TODAY - dt.timedelta(days=1050), reference="PR-ENDING", city="guangzhou")
    renewal = _renew(ending, applicant, reference="PR-RENEWED")
    assert renewal.valid_until - TODAY < dt.timedelta(days=3 * 366 + RENEWAL_WINDOW_DAYS)
    assert not renewal.is_renewable(TODAY)  # a fresh renewal cannot be renewed again at once

"""One validity rule for endorsements: a revoked, suspended or expired endorsement never acts as valid."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from talentbridge.casework import services as casework
from talentbridge.core import clock
from talentbridge.core.errors import InvalidInput
from talentbridge.mobility import selectors, services
from talentbridge.mobility.effects import endorsement_revocation
from talentbridge.mobility.models import Endorsement, EndorsementStatus, Standing, StayRecord
from talentbridge.mobility.stays import validity_days_left

pytestmark = pytest.mark.django_db


def ago(days: int) -> dt.datetime:
    return clock.now() - dt.timedelta(days=days)


@pytest.fixture
def in_force(endorsement):
    """An endorsement granted 100 days ago, still in force."""
    Endorsement.objects.filter(pk=endorsement.pk).update(valid_from=clock.today() - dt.timedelta(days=100))
    endorsement.refresh_from_db()
    return endorsement


def _set(endorsement, **fields):
    Endorsement.objects.filter(pk=endorsement.pk).update(**fields)
    endorsement.refresh_from_db()
    return endorsement


def test_the_queryset_and_the_model_method_give_the_same_answer_for_every_status_and_day(endorsement):
    first, last = endorsement.valid_from, endorsement.valid_to
    days = [first - dt.timedelta(days=1), first, last, last + dt.timedelta(days=1)]
    for status, day in itertools.product(EndorsementStatus.values, days):
        _set(endorsement, status=status)
        in_force_by_query = Endorsement.objects.in_force(day).filter(pk=endorsement.pk).exists()
        assert endorsement.is_in_force(day) is in_force_by_query, (status, day)
        assert in_force_by_query is (status == "granted" and first <= day <= last), (status, day)


@pytest.mark.parametrize(
    ("changes", "standing"),
    [
        ({"status": "revoked"}, Standing.REVOKED),
        ({"status": "suspended"}, Standing.SUSPENDED),
        ({"valid_to_days_ago": 1}, Standing.EXPIRED),
        ({"valid_from_in_days": 3}, Standing.NOT_YET_VALID),
    ],
)
def test_an_endorsement_not_in_force_has_no_days_left_and_is_not_counted(endorsement, changes, standing):
    today = clock.today()
    if "valid_to_days_ago" in changes:
        _set(endorsement, valid_from=today - dt.timedelta(days=400), valid_to=today - dt.timedelta(days=1))
    elif "valid_from_in_days" in changes:
        _set(endorsement, valid_from=today + dt.timedelta(days=3))
    else:
        _set(endorsement, **changes)

    validity = selectors.endorsement_validity(endorsement)

    assert (validity.standing, validity.in_force, validity.days_left) == (standing, False, None)
    assert validity_days_left(endorsement) is None
    assert list(selectors.endorsements_in_force()) == []
    assert selectors.endorsements_in_force_by_category() == {}


def test_an_endorsement_in_force_counts_its_days_left(endorsement):
    validity = selectors.endorsement_validity(endorsement)
    days = (endorsement.valid_to - clock.today()).days + 1
    assert (validity.standing, validity.in_force, validity.days_left, validity.label) == (
        Standing.IN_FORCE,
        True,
        days,
        "In force",
    )
    assert selectors.endorsements_in_force_by_category() == {"research": 1}


def test_the_revocation_effect_revokes_the_endorsement_of_the_case(in_force, submitted):
    endorsement_revocation(application=submitted, actor=None, reason="Employment ended.", data={})

    in_force.refresh_from_db()
    assert (in_force.status, in_force.status_reason) == ("revoked", "Employment ended.")
    assert in_force.status_changed_at is not None
    assert selectors.endorsement_validity(in_force).standing == Standing.REVOKED


def test_revoking_the_case_revokes_the_endorsement(endorsement, submitted, exit_entry):
    casework.application_transition(
        application_id=submitted.pk, actor=exit_entry, transition="revoke", reason="Employment ended."
    )

    endorsement.refresh_from_db()
    assert endorsement.status == "revoked"
    assert list(selectors.endorsements_in_force()) == []


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("revoked", "This endorsement has been revoked: no stay can be recorded on it."),
        ("suspended", "This endorsement is suspended: no stay can be recorded on it while it is suspended."),
    ],
)
def test_no_entry_on_a_revoked_or_suspended_endorsement_and_nothing_is_saved(in_force, talent, status, message):
    _set(in_force, status=status)

    with pytest.raises(InvalidInput) as error:
        services.stay_entry_log(holder=talent, endorsement_id=in_force.pk, destination="HK", entered_at=ago(2))

    assert (str(error.value.message), error.value.details) == (message, {"endorsement": [message]})
    assert not StayRecord.objects.exists()


def test_the_holder_logs_no_entry_on_an_expired_endorsement_and_nothing_is_saved(in_force, talent):
    today = clock.today()
    _set(in_force, valid_from=today - dt.timedelta(days=400), valid_to=today - dt.timedelta(days=1))

    with pytest.raises(InvalidInput) as error:
        # even an entry dated while it was still in force
        services.stay_entry_log(holder=talent, endorsement_id=in_force.pk, destination="HK", entered_at=ago(5))

    assert list(error.value.details) == ["endorsement"]
    assert error.value.details["endorsement"][0].startswith("This endorsement expired on ")
    assert not StayRecord.objects.exists()


def test_border_records_of_an_entry_on_a_revoked_endorsement_import_nothing(in_force, exit_entry):
    _set(in_force, status="revoked")
    ref = in_force.case_reference
    csv_text = f"endorsement,destination,direction,at\n{ref},HK,entry,{ago(3).isoformat()}\n"

    with pytest.raises(InvalidInput) as error:
        services.stays_import_border_records(user=exit_entry, csv_text=csv_text)

    assert error.value.details == {"line 2": ["This endorsement has been revoked: no stay can be recorded on it."]}
    assert not StayRecord.objects.exists()


def test_an_open_stay_can_still_be_closed_after_revocation(in_force, talent, submitted):
    services.stay_entry_log(holder=talent, endorsement_id=in_force.pk, destination="HK", entered_at=ago(3))
    endorsement_revocation(application=submitted, actor=None, reason="Employment ended.", data={})

    stay = services.stay_exit_log(holder=talent, endorsement_id=in_force.pk, exited_at=ago(1))

    assert stay.exited_at is not None


def test_the_migration_revokes_the_endorsements_of_revoked_cases(endorsement, submitted):
    from importlib import import_module

    from django.apps import apps

    from talentbridge.casework.models import Application

    Application.objects.filter(pk=submitted.pk).update(state="revoked")  # as the old code left it

    import_module("talentbridge.mobility.migrations.0003_revoked_cases_revoke_endorsements").revoke(apps, None)

    endorsement.refresh_from_db()
    assert endorsement.status == "revoked"

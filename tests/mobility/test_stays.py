"""Stays: days used, the warning from day 25, overstays, and bad records refused with nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, InvalidInput
from talentbridge.mobility import selectors, services
from talentbridge.mobility.demo import demo_endorsements_load
from talentbridge.mobility.models import Endorsement, StayRecord

pytestmark = pytest.mark.django_db


def ago(days: int) -> dt.datetime:
    return clock.now() - dt.timedelta(days=days)


@pytest.fixture
def granted_long_ago(endorsement):
    Endorsement.objects.filter(pk=endorsement.pk).update(valid_from=clock.today() - dt.timedelta(days=100))
    endorsement.refresh_from_db()
    return endorsement


def test_day_26_of_an_open_stay_warns(granted_long_ago, talent):
    services.stay_entry_log(holder=talent, endorsement_id=granted_long_ago.pk, destination="HK", entered_at=ago(25))

    [status] = selectors.stays_with_status(endorsement=granted_long_ago)

    assert (status.days_used, status.warning, status.overstay, status.days_left) == (26, True, False, 4)


def test_day_24_does_not_warn_and_day_31_is_an_overstay(granted_long_ago, talent):
    services.stay_entry_log(holder=talent, endorsement_id=granted_long_ago.pk, destination="MO", entered_at=ago(23))
    [status] = selectors.stays_with_status(endorsement=granted_long_ago)
    assert (status.days_used, status.warning) == (24, False)

    [later] = selectors.stays_with_status(endorsement=granted_long_ago, today=clock.today() + dt.timedelta(days=7))
    assert (later.days_used, later.warning, later.overstay) == (31, False, True)
    assert [s.days_used for s in selectors.overstays(today=clock.today() + dt.timedelta(days=7))] == [31]


def test_exit_closes_the_open_stay(granted_long_ago, talent):
    services.stay_entry_log(holder=talent, endorsement_id=granted_long_ago.pk, destination="HK", entered_at=ago(5))
    stay = services.stay_exit_log(holder=talent, exited_at=ago(1))
    [status] = selectors.stays_with_status(endorsement=granted_long_ago)
    assert (stay.exited_at is not None, status.days_used, status.is_open) == (True, 5, False)


@pytest.mark.parametrize(
    ("given", "entry", "message"),
    [
        ([], ("HK", -1), "The entry may not be in the future."),
        ([("HK", 10, None)], ("HK", 2), "A stay is still open: log its exit first."),
        ([("HK", 10, 5)], ("HK", 7), "This entry overlaps or precedes a stay already recorded."),
        ([], ("HK", 200), "The entry is outside the endorsement's validity"),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_saved(granted_long_ago, talent, given, entry, message):
    for destination, entered, exited in given:
        StayRecord.objects.create(
            endorsement=granted_long_ago,
            destination=destination,
            entered_at=ago(entered),
            exited_at=ago(exited) if exited is not None else None,
        )
    before = list(StayRecord.objects.values_list("pk", "exited_at"))

    with pytest.raises(InvalidInput) as error:
        services.stay_entry_log(
            holder=talent, endorsement_id=granted_long_ago.pk, destination=entry[0], entered_at=ago(entry[1])
        )

    assert error.value.details["entered_at"][0].startswith(message)
    assert list(StayRecord.objects.values_list("pk", "exited_at")) == before


def test_exit_before_entry_is_refused(granted_long_ago, talent):
    services.stay_entry_log(holder=talent, endorsement_id=granted_long_ago.pk, destination="HK", entered_at=ago(3))
    with pytest.raises(InvalidInput) as error:
        services.stay_exit_log(holder=talent, exited_at=ago(4))
    assert error.value.details == {"exited_at": ["The exit may not be before the entry."]}
    assert StayRecord.objects.get().exited_at is None


def test_exit_without_an_open_stay_is_refused(granted_long_ago, talent):
    with pytest.raises(InvalidInput) as error:
        services.stay_exit_log(holder=talent, exited_at=ago(1))
    assert error.value.details == {"exited_at": ["There is no open stay to close."]}


def test_border_records_import_all_or_nothing(granted_long_ago, exit_entry, talent):
    ref = granted_long_ago.case_reference
    good = f"endorsement,destination,direction,at\n{ref},HK,entry,{ago(9).isoformat()}\n{ref},HK,exit,{ago(7).isoformat()}\n"
    assert services.stays_import_border_records(user=exit_entry, csv_text=good) == {"entries": 1, "exits": 1}

    bad = f"endorsement,destination,direction,at\n{ref},HK,entry,{ago(5).isoformat()}\n{ref},HK,exit,{ago(6).isoformat()}\n"
    with pytest.raises(InvalidInput) as error:
        services.stays_import_border_records(user=exit_entry, csv_text=bad)
    assert error.value.details == {"line 3": ["The exit may not be before the entry."]}
    assert StayRecord.objects.count() == 1


def test_only_exit_entry_staff_import(talent):
    with pytest.raises(Forbidden):
        services.stays_import_border_records(user=talent, csv_text="endorsement,destination,direction,at\n")


def test_attestation_decision_needs_reasons_and_the_organisations_staff(talent, institute, employer_staff, make_user):
    from talentbridge.core.errors import NotFound

    requested = services.attestation_request(
        talent=talent,
        organisation_id=institute.pk,
        job_title="Engineer",
        professional_title="associate_senior",
        employed_since=dt.date(2022, 3, 1),
    )
    with pytest.raises(InvalidInput):
        services.attestation_decide(attestation_id=requested.pk, staff=employer_staff, confirmed=False, reasons=" ")
    with pytest.raises(NotFound):
        services.attestation_decide(
            attestation_id=requested.pk, staff=make_user("organisation_staff"), confirmed=True, reasons="Yes."
        )
    requested.refresh_from_db()
    assert requested.status == "requested"
    assert [a.pk for a in selectors.attestations_queue(staff=employer_staff)] == [requested.pk]


def test_statistics(endorsement):
    month = timezone.localtime(endorsement.granted_at).date().replace(day=1)
    rows = selectors.endorsements_approved_by_category_and_month()
    assert [(r["category"], r["count"]) for r in rows] == [("research", 1)]
    assert rows[0]["month"].replace(day=1) == month or rows[0]["month"].day == 1
    assert list(selectors.endorsements_in_force()) == [endorsement]


def test_demo_is_idempotent(talent):
    assert demo_endorsements_load(seed=1) == 3
    assert demo_endorsements_load(seed=1) == 0
    near = [s for e in Endorsement.objects.all() for s in selectors.stays_with_status(endorsement=e) if s.warning]
    assert len(near) == 1


def test_an_exit_named_on_another_endorsement_closes_nothing(granted_long_ago, talent, make_user):
    services.stay_entry_log(holder=talent, endorsement_id=granted_long_ago.pk, destination="HK", entered_at=ago(5))
    other = Endorsement.objects.create(
        holder=talent,
        case_reference="TE-OTHER",
        category="research",
        destination="MO",
        work_city="shenzhen",
        valid_from=granted_long_ago.valid_from,
        valid_to=granted_long_ago.valid_to,
        max_stay_days=30,
        rule_set=granted_long_ago.rule_set,
        granted_at=clock.now(),
    )

    with pytest.raises(InvalidInput) as error:
        services.stay_exit_log(holder=talent, endorsement_id=other.pk, exited_at=ago(1))

    assert error.value.details == {"exited_at": ["There is no open stay to close."]}
    assert StayRecord.objects.get().exited_at is None


def test_an_exit_on_someone_elses_endorsement_is_not_found(granted_long_ago, make_user):
    from talentbridge.core.errors import NotFound

    with pytest.raises(NotFound):
        services.stay_exit_log(holder=make_user("applicant"), endorsement_id=granted_long_ago.pk, exited_at=ago(1))

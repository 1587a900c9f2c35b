"""Filing a talent endorsement: a well-formed Exit-Entry Permit number, and no second endorsement for a
destination while one is in force."""

from __future__ import annotations

import datetime as dt

import pytest

from talentbridge.core import clock
from talentbridge.core.errors import InvalidInput
from talentbridge.mobility import services
from talentbridge.mobility.models import Endorsement, EndorsementStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh(talent, institute, employer_staff):
    """A second confirmed attestation (the endorsement's own still backs its approved case)."""
    attestation = services.attestation_request(
        talent=talent,
        organisation_id=institute.pk,
        job_title="Group leader",
        professional_title="associate_senior",
        employed_since=dt.date(2020, 9, 1),
    )
    return services.attestation_decide(
        attestation_id=attestation.pk, staff=employer_staff, confirmed=True, reasons="Employed full time."
    )


def _prepare(talent, attestation, **changes):
    arguments = {
        "talent": talent,
        "category": "research",
        "destination": "HK",
        "work_city": "shenzhen",
        "attestation_id": attestation.pk,
        "eep_number": "C12345678",
        **changes,
    }
    return services.endorsement_application_prepare(**arguments)


@pytest.mark.parametrize("number", ["!!!", "C1234", "C1234567890123", "C1234-5678", "Ｃ12345678"])
def test_a_malformed_exit_entry_permit_number_is_refused(talent, confirmed, number):
    with pytest.raises(InvalidInput) as error:
        _prepare(talent, confirmed, eep_number=number)
    assert error.value.details == {
        "eep_number": ["Enter the Exit-Entry Permit number as on the permit: 8 to 12 letters and digits."]
    }


def test_a_well_formed_number_is_kept_in_capitals_without_spaces(talent, confirmed):
    assert _prepare(talent, confirmed, eep_number=" c 1234 5678 ")[1]["eep_number"] == "C12345678"


def test_a_second_endorsement_for_a_destination_in_force_is_refused(talent, fresh, endorsement):
    # The fixture's endorsement is for Hong Kong and Macao: Hong Kong alone is covered by it.
    assert endorsement.is_in_force(clock.today())
    with pytest.raises(InvalidInput) as error:
        _prepare(talent, fresh, destination="HK")
    assert list(error.value.details) == ["destination"]
    (message,) = error.value.details["destination"]
    assert endorsement.case_reference in message
    assert f"{endorsement.valid_to:%Y}" in message


def test_an_endorsement_no_longer_in_force_does_not_block(talent, fresh, endorsement):
    Endorsement.objects.filter(pk=endorsement.pk).update(status=EndorsementStatus.REVOKED)
    _office, payload = _prepare(talent, fresh, destination="HK")
    assert payload["destination"] == "HK"


def test_an_endorsement_for_another_destination_does_not_block(talent, fresh, endorsement):
    Endorsement.objects.filter(pk=endorsement.pk).update(destination="MO")
    assert _prepare(talent, fresh, destination="HK")[1]["destination"] == "HK"
    with pytest.raises(InvalidInput):
        _prepare(talent, fresh, destination="MO")

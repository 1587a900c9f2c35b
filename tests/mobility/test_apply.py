"""Preparing an application: the office the rules name, the case data from the confirmed attestation."""

from __future__ import annotations

import pytest

from talentbridge.accounts.models import Role
from talentbridge.core.errors import Forbidden, InvalidInput
from talentbridge.mobility import services

pytestmark = pytest.mark.django_db


def _prepare(talent, attestation, **changes):
    arguments = {
        "talent": talent,
        "category": "research",
        "destination": "HK",
        "work_city": "shenzhen",
        "attestation_id": attestation.pk,
        "eep_number": " c1234 5678 ",
        **changes,
    }
    return services.endorsement_application_prepare(**arguments)


def test_the_work_citys_office_is_chosen_and_the_employer_comes_from_the_attestation(talent, confirmed):
    office, payload = _prepare(talent, confirmed)

    assert office == "SHENZHEN-EXIT-ENTRY"
    assert payload == {
        "category": "research",
        "destination": "HK",
        "employer": "Shenzhen Bay Laboratory",
        "eep_number": "C12345678",
        "work_city": "shenzhen",
        "employer_attestation": confirmed.pk,
        "works_in_hetao_shenzhen_park": "no",
        "filed_with_hetao_park_management": "no",
    }


def test_hetao_park_staff_carry_their_filing_into_the_case(talent, confirmed):
    _, payload = _prepare(talent, confirmed, works_in_hetao_shenzhen_park=True, filed_with_hetao_park_management=True)

    assert (payload["works_in_hetao_shenzhen_park"], payload["filed_with_hetao_park_management"]) == ("yes", "yes")


def test_outstanding_talents_may_name_any_gba_office_others_may_not(talent, confirmed):
    assert _prepare(talent, confirmed, category="outstanding", office_code="JIANGMEN-EXIT-ENTRY")[0] == (
        "JIANGMEN-EXIT-ENTRY"
    )
    with pytest.raises(InvalidInput) as error:
        _prepare(talent, confirmed, office_code="JIANGMEN-EXIT-ENTRY")
    assert error.value.details == {"authority": ["Apply at the exit-entry office of the city where you work."]}


def test_every_independent_fault_is_reported_on_its_field(talent):
    with pytest.raises(InvalidInput) as error:
        services.endorsement_application_prepare(
            talent=talent,
            category="chef",
            destination="TW",
            work_city="beijing",
            attestation_id="7",
            eep_number=" ",
        )
    assert error.value.details == {
        "category": ["Choose one of the listed options."],
        "destination": ["Choose one of the listed options."],
        "work_city": ["Choose one of the nine mainland GBA cities."],
        "eep_number": ["This field is required."],
        "employer_attestation": ["Choose one of your employer attestations."],
    }


def test_only_mainland_applicants_may_apply(make_user, confirmed):
    with pytest.raises(Forbidden):
        _prepare(make_user(Role.APPLICANT, residence="HK"), confirmed)

"""Over HTTP: a practice case's profession stays within its field and its city within its zone (edit and apply)."""

from __future__ import annotations

import pytest

from talentbridge.casework import services
from talentbridge.casework.models import Application

from .conftest import assert_error

pytestmark = pytest.mark.django_db(transaction=True)

QIANHAI_ARCHITECT = {
    "field": "architect",
    "zone": "qianhai",
    "home_jurisdiction": "hong_kong",
    "years_of_practice": 6,
    "holds_home_licence": True,
    "is_permanent_resident": True,
    "is_chinese_citizen": True,
    "has_disciplinary_record": False,
}


def test_a_draft_edit_to_a_profession_outside_the_field_is_refused(client_for, applicant, snapshot):
    """Regression: PATCH turned a Qianhai architect's draft into a dentist's in Dongguan."""
    case = services.application_create(
        applicant=applicant,
        kind="practice_registration",
        authority_code="GD-DHURD",
        payload={"profession": "architect", "field": "architect", "zone": "qianhai", "city": "shenzhen"},
    )
    client = client_for(applicant)
    before = snapshot()

    response = client.patch(
        f"/applications/{case.reference}",
        json={"payload": {"profession": "dentist", "city": "dongguan"}, "expected_version": 1},
    )

    body = assert_error(response, 422, "invalid_input")
    assert body["details"] == {
        "profession": ["Choose a profession of this application's field of practice."],
        "city": ["Choose a city where this application's zone allows practice."],
    }
    assert snapshot() == before


def test_apply_from_a_zone_check_names_the_zones_city(client_for, anonymous, applicant, snapshot):
    check = anonymous.post("/practice/check", json={**QIANHAI_ARCHITECT, "on": "2025-06-01"}).json()
    assert check["eligible"] is True, check
    client = client_for(applicant)
    before = snapshot()

    refused = client.post(
        "/practice/apply", json={"check": check["determination_id"], "city": "dongguan", "licence_number": "HK-1"}
    )

    body = assert_error(refused, 422, "invalid_input")
    assert body["details"] == {"city": ["Choose a city where this application's zone allows practice."]}
    assert snapshot() == before
    opened = client.post("/practice/apply", json={"check": check["determination_id"], "licence_number": "HK-1"})
    assert opened.status_code == 201, opened.text
    assert Application.objects.get(reference=opened.json()["reference"]).payload["city"] == "shenzhen"

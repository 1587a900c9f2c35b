"""A practice case's profession belongs to its field and its city to its zone: on opening, editing and submitting.

Regression: a draft of an architect under the Qianhai pathway could be changed to "Dentist" and to
"City of practice: Dongguan" and saved (and submitted); the draft editor offered all 23 professions.
"""

from __future__ import annotations

from typing import Any

import pytest

from talentbridge.casework import services
from talentbridge.casework.models import Application, AuditEvent
from talentbridge.casework.workflow import get_workflow
from talentbridge.core.errors import InvalidInput
from talentbridge.web.forms import ApplicationForm
from tests.casework.filing import attach_required_documents

pytestmark = pytest.mark.django_db

QIANHAI_ARCHITECT: dict[str, Any] = {
    "profession": "architect",
    "field": "architect",
    "zone": "qianhai",
    "home_jurisdiction": "hong_kong",
    "city": "shenzhen",
    "licence_number": "ARB-1001",
    "years_of_practice": 6,
}
PROFESSION_ERROR = "Choose a profession of this application's field of practice."
CITY_ERROR = "Choose a city where this application's zone allows practice."


def _draft(applicant, **payload: Any) -> Application:
    return services.application_create(
        applicant=applicant,
        kind="practice_registration",
        authority_code="GD-DHURD",
        payload={**QIANHAI_ARCHITECT, **payload},
    )


def _unchanged(case: Application) -> None:
    fresh = Application.objects.get(pk=case.pk)
    assert (fresh.payload, fresh.version, fresh.state) == (case.payload, case.version, case.state)
    assert not AuditEvent.objects.filter(application=case, action="edited").exists()


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"profession": "dentist"}, {"profession": [PROFESSION_ERROR]}),
        ({"profession": "structural_engineer"}, {"profession": [PROFESSION_ERROR]}),
        ({"city": "dongguan"}, {"city": [CITY_ERROR]}),
        ({"profession": "dentist", "city": "guangzhou"}, {"profession": [PROFESSION_ERROR], "city": [CITY_ERROR]}),
    ],
)
def test_an_edit_outside_the_field_or_zone_is_refused_and_saves_nothing(applicant, change, errors):
    case = _draft(applicant)

    with pytest.raises(InvalidInput) as refused:
        services.application_update_draft(application_id=case.pk, actor=applicant, payload=change)

    assert refused.value.details == errors
    _unchanged(case)


def test_an_edit_within_the_field_and_zone_is_saved(applicant):
    case = _draft(applicant)

    services.application_update_draft(
        application_id=case.pk, actor=applicant, payload={"profession": "landscape_architect"}
    )

    assert Application.objects.get(pk=case.pk).payload["profession"] == "landscape_architect"


def test_opening_a_case_outside_its_zone_is_refused_and_creates_nothing(applicant):
    with pytest.raises(InvalidInput) as refused:
        _draft(applicant, city="dongguan", profession="dentist")

    assert refused.value.details == {"profession": [PROFESSION_ERROR], "city": [CITY_ERROR]}
    assert not Application.objects.exists()


def test_the_nine_cities_allow_each_of_the_nine(applicant):
    case = _draft(applicant, zone="nine_cities", city="dongguan")

    assert case.payload["city"] == "dongguan"


def test_submitting_a_draft_that_breaks_the_rule_is_refused_and_leaves_it_a_draft(applicant):
    """A draft saved before the rule (or by any other way in) cannot leave the draft state."""
    case = _draft(applicant)
    attach_required_documents(case, applicant)
    Application.objects.filter(pk=case.pk).update(payload={**case.payload, "profession": "dentist", "city": "dongguan"})

    with pytest.raises(InvalidInput) as refused:
        services.application_transition(application_id=case.pk, actor=applicant, transition="submit")

    assert refused.value.details == {"profession": [PROFESSION_ERROR], "city": [CITY_ERROR]}
    assert Application.objects.get(pk=case.pk).state == "draft"
    assert not AuditEvent.objects.filter(application=case, action="submit").exists()


def test_the_draft_editor_offers_only_the_fields_professions_and_the_zones_city(applicant):
    case = _draft(applicant)

    form = ApplicationForm(workflow=get_workflow(case.kind), payload=case.payload)

    assert [code for code, _label in form.fields["profession"].choices if code] == ["architect", "landscape_architect"]
    assert [code for code, _label in form.fields["city"].choices if code] == ["shenzhen"]

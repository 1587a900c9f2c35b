"""The practice apply form and the draft editor offer only what the rules accept: the zone's city, the field's
professions; a forged choice is refused with nothing saved.

Regression: a Qianhai application offered and accepted "City of practice: Dongguan", and the draft editor
offered all 23 professions (an architect's case was saved as a dentist's).
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from talentbridge.casework.models import Application
from talentbridge.policy.models import Determination

pytestmark = pytest.mark.django_db

QIANHAI_ARCHITECT = {
    "field": "architect",
    "zone": "qianhai",
    "home_jurisdiction": "hong_kong",
    "holds_home_licence": "yes",
    "years_of_practice": "6",
    "is_permanent_resident": "yes",
    "is_chinese_citizen": "yes",
    "has_disciplinary_record": "no",
    "on": "2025-06-01",
}


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select, name
    return [value for value in re.findall(r'<option value="([^"]*)"', select.group(0)) if value]


def test_the_apply_form_offers_and_accepts_only_the_zones_city(reference, applicant, signed_in):
    client = signed_in(applicant)
    page = client.post(reverse("web:practice_check"), QIANHAI_ARCHITECT).content.decode()
    assert _options(page, "city") == ["shenzhen"]
    determination = Determination.objects.get()

    refused = client.post(
        reverse("web:practice_apply"), {"check": determination.pk, "city": "dongguan", "licence_number": "HK-1"}
    )

    assert refused.status_code == 400
    assert not Application.objects.exists()
    assert _options(refused.content.decode(), "city") == ["shenzhen"]


def test_the_draft_editor_offers_and_accepts_only_the_fields_professions(reference, applicant, signed_in):
    client = signed_in(applicant)
    client.post(reverse("web:practice_check"), QIANHAI_ARCHITECT)
    check = Determination.objects.get()
    client.post(
        reverse("web:practice_apply"),
        {"check": check.pk, "city": "shenzhen", "licence_number": "HK-1", "profession": "architect"},
    )
    case = Application.objects.get()
    url = reverse("web:application_edit", args=[case.reference])

    form = client.get(url).content.decode()
    assert _options(form, "profession") == ["architect", "landscape_architect"]
    assert _options(form, "city") == ["shenzhen"]

    refused = client.post(url, {"profession": "dentist", "city": "dongguan", "licence_number": "HK-1"})

    assert refused.status_code == 400
    case.refresh_from_db()
    # The refused edit changed nothing: the profession chosen at apply time stands.
    assert (case.payload.get("profession"), case.payload["city"], case.version) == ("architect", "shenzhen", 1)

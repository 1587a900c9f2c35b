"""Mobility pages: the public checker shows exactly the kernel's answer; the attestation queue is role-gated."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from talentbridge.accounts.models import Organisation, Role
from talentbridge.mobility import services
from talentbridge.mobility.models import EmployerAttestation
from talentbridge.policy.models import Determination
from talentbridge.reference.models import City
from talentbridge.rules.explain import explain

pytestmark = pytest.mark.django_db


def _text(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}">(.*?)</(dd|ul)>', html, re.S)
    assert match, element_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


@pytest.mark.parametrize(
    ("category", "eep", "city", "hetao", "on"),
    [
        ("research", True, "shenzhen", False, "2025-06-10"),
        ("outstanding", True, "zhuhai", False, "2024-01-15"),
        ("legal", False, "guangzhou", False, "2025-06-10"),
        ("none", True, "shenzhen", True, "2025-12-01"),
        ("health", True, "foshan", False, "2022-12-31"),
    ],
)
def test_checker_shows_the_kernels_answer_and_stores_it(client, reference, category, eep, city, hetao, on):
    data = {"category": category, "work_city": city, "on": on}
    if eep:
        data["holds_valid_eep"] = "on"
    if hetao:
        data["works_in_hetao_shenzhen_park"] = "on"

    html = client.post(reverse("web:endorsement_check"), data).content.decode()

    period = on[:7]
    kernel = explain(
        {
            "talent_category": {period: category},
            "holds_valid_eep": {period: eep},
            "work_city": {period: city},
            "works_in_hetao_shenzhen_park": {period: hetao},
        },
        period,
        ["endorsement_eligible", "endorsement_validity_years", "endorsement_max_stay_days"],
    )
    eligible, years, stay = (o["value"] for o in kernel["outputs"])
    assert _text(html, "result-eligible") == ("Yes" if eligible else "No")
    assert _text(html, "result-validity") == str(years)
    assert _text(html, "result-max-stay") == str(stay)
    for line in kernel["text"]["en"]:
        assert line.strip().replace("'", "&#x27;") in html
    stored = Determination.objects.get()
    assert stored.outputs == {
        "endorsement_eligible": eligible,
        "endorsement_validity_years": years,
        "endorsement_max_stay_days": stay,
    }
    if eligible:
        offices = re.findall(r'data-code="([A-Z-]+)"', html)
        assert offices == ([f"{city.upper()}-EXIT-ENTRY"] if category != "outstanding" else sorted(offices))
        assert len(offices) == (1 if category != "outstanding" else 9)


def test_checker_shows_the_coverage_date(client, reference):
    html = client.post(
        reverse("web:endorsement_check"),
        {"category": "research", "holds_valid_eep": "on", "work_city": "jiangmen", "on": "2025-01-01"},
    ).content.decode()
    assert _text(html, "result-covered-from") == "20 Feb 2023"


def test_attestation_queue_confirms_with_reasons(signed_in, make_user):
    org = Organisation.objects.create(
        name="Jinan University", kind=Organisation.Kind.UNIVERSITY, city=City.objects.get(code="guangzhou")
    )
    staff = make_user(Role.ORGANISATION_STAFF, organisation=org)
    talent = make_user(Role.APPLICANT, residence="GD")
    attestation = services.attestation_request(
        talent=talent,
        organisation_id=org.pk,
        job_title="Professor",
        professional_title="senior",
        employed_since=dt.date(2015, 9, 1),
    )
    client = signed_in(staff)
    assert f'data-attestation="{attestation.pk}"' in client.get(reverse("web:attestations")).content.decode()

    refused = client.post(reverse("web:attestations"), {"attestation": attestation.pk, "decision": "confirm"})
    assert refused.status_code == 400
    attestation.refresh_from_db()
    assert attestation.status == "requested"

    done = client.post(
        reverse("web:attestations"), {"attestation": attestation.pk, "decision": "confirm", "reasons": "Tenured."}
    )
    assert done.status_code == 302
    attestation.refresh_from_db()
    assert (attestation.status, attestation.decided_by, attestation.reasons) == ("confirmed", staff, "Tenured.")


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.REVIEWER])
def test_attestation_queue_is_for_organisation_staff_only(signed_in, make_user, role):
    extra = {"authority": "SHENZHEN-EXIT-ENTRY"} if role == Role.REVIEWER else {}
    assert signed_in(make_user(role, **extra)).get(reverse("web:attestations")).status_code == 403
    assert EmployerAttestation.objects.count() == 0

"""Hetao Shenzhen Park staff (no talent category) apply from the checker's link: the route kept as checked,
its answers ticked, its documents asked for; a category the form does not offer is refused, never replaced."""

# ruff: noqa: F811
from __future__ import annotations

import html as html_lib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from talentbridge.casework.models import Application
from talentbridge.core import clock

# The mobility fixtures, shared with tests/mobility (ruff sees each use as a redefinition: F811 is off here).
from tests.mobility.conftest import confirmed, employer_staff, institute, talent  # noqa: F401
from tests.web.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

HETAO_CHECK = {
    "category": "none",
    "holds_valid_eep": "on",
    "work_city": "shenzhen",
    "works_in_hetao_shenzhen_park": "on",
    "filed_with_hetao_park_management": "on",
}


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _apply_link(client) -> str:
    page = client.post(reverse("web:endorsement_check"), {**HETAO_CHECK, "on": clock.today().isoformat()})
    page = page.content.decode()
    assert 'id="apply-link"' in page, "the checker finds Hetao park staff eligible"
    match = re.search(r'id="apply-link" href="([^"]+)"', page)
    assert match
    return html_lib.unescape(match.group(1))


def test_the_checkers_link_opens_the_hetao_route_prefilled_with_its_documents(signed_in, talent, confirmed):
    client = signed_in(talent)
    link = _apply_link(client)
    response = client.get(link)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["category"] == "none"
    assert form.initial["works_in_hetao_shenzhen_park"] is True
    assert form.initial["filed_with_hetao_park_management"] is True
    assert "document_hetao_park_employment" in form.fields
    page = response.content.decode()
    assert re.search(r'<option value="none"[^>]*selected', page)
    assert not re.search(r'<option value="outstanding"[^>]*selected', page)

    data = {
        "category": "none",
        "destination": "HK",
        "work_city": "shenzhen",
        "works_in_hetao_shenzhen_park": "on",
        "filed_with_hetao_park_management": "on",
        "authority": "",
        "employer_attestation": confirmed.pk,
        "eep_number": "C12345678",
        "documents": [],
        **{name: _pdf(f"{name}.pdf") for name in form.fields if name.startswith("document_")},
    }
    submitted = client.post(reverse("web:endorsement_apply"), data)
    assert submitted.status_code == 302, submitted.context["form"].errors
    case = Application.objects.get()
    assert (case.payload["category"], case.state) == ("none", "submitted")
    assert case.documents.filter(document_type="hetao_park_employment").exists()


def test_the_hetao_route_needs_the_park_answers(signed_in, talent, confirmed):
    data = {
        "category": "none",
        "destination": "HK",
        "work_city": "shenzhen",
        "authority": "",
        "employer_attestation": confirmed.pk,
        "eep_number": "C12345678",
        "document_eep": _pdf("eep.pdf"),
        "document_photo": _pdf("photo.pdf"),
    }
    response = signed_in(talent).post(reverse("web:endorsement_apply"), data)
    assert response.status_code == 400
    assert "Hetao Shenzhen Park route" in str(response.context["form"].errors["category"])
    assert not Application.objects.exists()


def test_a_category_the_form_does_not_offer_is_refused_with_a_message(signed_in, talent, confirmed):
    response = signed_in(talent).get(reverse("web:endorsement_apply"), {"category": "astronaut"})
    assert response.status_code == 400
    assert "The link named a talent category this form does not offer" in response.content.decode()


def test_an_endorsement_on_the_hetao_route_names_it(signed_in, talent, confirmed):
    from talentbridge.mobility.models import Endorsement

    endorsement = Endorsement(category="none")
    assert endorsement.category_shown() == "Hetao Shenzhen Park staff (no talent category)"
    assert Endorsement(category="research").category_shown() == Endorsement(category="research").get_category_display()

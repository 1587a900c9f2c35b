"""Regressions of the mobility pages and API: a not-eligible check states no period, the Hetao route is named,
and the attestation behind an endorsement application is shown on its case page."""

# ruff: noqa: F811
from __future__ import annotations

import re

import httpx
import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from talentbridge.accounts.models import Role

# The mobility fixtures, shared with tests/mobility (ruff sees each use as a redefinition: F811 is off here).
from tests.mobility.conftest import (  # noqa: F401
    confirmed,
    employer_staff,
    exit_entry,
    institute,
    submitted,
    talent,
)

PANEL = "web/mobility/_attestation_panel.html"


def _text(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</(dd|ul|div)>', html, re.S)
    assert match, element_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


@pytest.mark.django_db
def test_a_not_eligible_check_shows_no_period_and_says_why(client, reference):
    # given a research talent without a valid permit
    data = {"category": "research", "work_city": "shenzhen", "on": "2025-06-10"}
    # when they check
    html = client.post(reverse("web:endorsement_check"), data).content.decode()
    # then no validity or stay figure is shown, and the page says none is available and why
    assert _text(html, "result-eligible") == "No"
    assert 'id="result-validity"' not in html
    assert 'id="result-max-stay"' not in html
    assert "No talent endorsement is available on 10 Jun 2025" in _text(html, "result-not-available")
    assert _text(html, "result-why") == "Valid Exit-Entry Permit — you: no; required: yes."


@pytest.mark.django_db
def test_an_eligible_check_still_shows_its_period(client, reference):
    data = {"category": "research", "holds_valid_eep": "on", "work_city": "shenzhen", "on": "2025-06-10"}
    html = client.post(reverse("web:endorsement_check"), data).content.decode()
    assert (_text(html, "result-validity"), _text(html, "result-max-stay")) == ("3", "30")
    assert 'id="result-not-available"' not in html


@pytest.mark.django_db
def test_a_hetao_check_before_5_november_gives_the_routes_day_and_no_category_reason(client, reference):
    data = {
        "category": "none",
        "holds_valid_eep": "on",
        "work_city": "shenzhen",
        "works_in_hetao_shenzhen_park": "on",
        "filed_with_hetao_park_management": "on",
        "on": "2025-11-04",
    }
    html = client.post(reverse("web:endorsement_check"), data).content.decode()
    reasons = _text(html, "result-reasons")
    assert 'data-variable="talent_category"' not in html.split('id="result-reasons"')[1]
    assert "issued from 5 Nov 2025" in reasons
    assert "4 Nov 2025" in reasons
    assert "Hetao Shenzhen Park route" in _text(html, "result-why")


@pytest.mark.django_db(transaction=True)
def test_the_api_answers_a_not_eligible_check_with_no_period(live_server, reference):
    cache.clear()  # rate-limit counts live in the shared cache
    body = {"category": "research", "holds_valid_eep": False, "work_city": "shenzhen", "on": "2025-06-10"}
    with httpx.Client(base_url=f"{live_server.url}/api/v1", timeout=20) as api:
        answer = api.post("/mobility/check", json=body)
        eligible = api.post("/mobility/check", json={**body, "holds_valid_eep": True})
    assert answer.status_code == 200, answer.text
    assert (answer.json()["validity_years"], answer.json()["max_stay_days"]) == (None, None)
    assert answer.json()["summary"].startswith("No talent endorsement is available on 10 Jun 2025.")
    assert (eligible.json()["validity_years"], eligible.json()["max_stay_days"]) == (3, 30)


def _panel(case, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(PANEL, {"case": case, "request": request}, request=request)


@pytest.mark.django_db
def test_the_case_page_panel_shows_the_attestation_to_the_reviewers_and_the_applicant(
    submitted, exit_entry, talent, confirmed
):
    for viewer in (exit_entry, talent):
        html = _panel(submitted, viewer)
        assert _text(html, "attestation-organisation") == "Shenzhen Bay Laboratory"
        assert _text(html, "attestation-job-title") == "Principal investigator"
        assert _text(html, "attestation-professional-title") == "Associate senior (副高)"
        assert _text(html, "attestation-decision") == "Confirmed"
        assert _text(html, "attestation-decided-at")


@pytest.mark.django_db
def test_the_attestation_panel_is_not_shown_to_others(submitted, make_user, employer_staff):
    other_office = make_user(Role.REVIEWER, authority="GUANGZHOU-EXIT-ENTRY")
    stranger = make_user(Role.APPLICANT, residence="GD")
    for viewer in (other_office, stranger, employer_staff):
        assert 'id="employer-attestation"' not in _panel(submitted, viewer)

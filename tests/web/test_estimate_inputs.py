"""The estimate's and the claim's birth month is one a person can have; a disability grade reads "grade 5".

A birth month to come (2030-01) was estimated: "Statutory retirement month January 2093", "Contribution
years — yours: 77.83". And the grade the person chose read "Disability grade: 5 grade".
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from talentbridge.accounts.models import Role
from talentbridge.casework.models import Application
from talentbridge.core import clock
from talentbridge.core.languages import language_key
from talentbridge.insurance.models import ContributionPeriod
from talentbridge.policy.models import Determination
from talentbridge.reference.models import City
from talentbridge.rules import labels

MOMENT = dt.datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
IN_FUTURE = "This month is still to come: enter the month you were born."
UNDER_16 = "Enter a birth month at least 16 years ago: social insurance covers people aged 16 or over."


@pytest.fixture
def insured(make_user):
    person = make_user(Role.APPLICANT, residence="HK")
    city = City.objects.get(code="shenzhen")
    for scheme in ("pension", "unemployment", "work_injury"):
        ContributionPeriod.objects.create(
            person=person,
            scheme=scheme,
            jurisdiction=city.jurisdiction,
            city=city,
            employer_name="ACME",
            start_month=dt.date(2015, 3, 1),
            end_month=None,
            monthly_wage=Decimal("9500"),
        )
    return person


def _estimate(client, birth_month, language="en", grade="5"):
    client.cookies["django_language"] = language
    data = {"birth_month": birth_month, "category": "man", "disability_grade": grade}
    with clock.frozen_at(MOMENT):
        return client.post("/insurance/estimate/", data, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize(
    ("birth_month", "message"),
    [
        ("2030-01", IN_FUTURE),
        ("2027-01", IN_FUTURE),
        ("2026-12", UNDER_16),  # this month: not to come, but a newborn
        ("2011-01", UNDER_16),  # 16 next month
        ("1929-12", "Enter a birth month from 1930 on."),
        ("1899-12", "Enter a birth month from 1930 on."),
    ],
)
def test_a_birth_month_no_person_of_working_age_has_is_refused_at_its_field(signed_in, insured, birth_month, message):
    response = _estimate(signed_in(insured), birth_month)
    assert response.status_code == 400
    assert response.context["form"].errors == {"birth_month": [message]}
    assert 'id="estimate-result"' not in response.content.decode()
    assert Determination.objects.count() == 0


@pytest.mark.parametrize("birth_month", ["2010-12", "1966-03"])
def test_a_birth_month_of_a_person_aged_16_or_over_is_estimated(signed_in, insured, birth_month):
    response = _estimate(signed_in(insured), birth_month)
    assert response.status_code == 200, response.context["form"].errors
    assert 'id="estimate-result"' in response.content.decode()


@pytest.mark.parametrize(
    ("birth_month", "message"),
    [("2030-01", IN_FUTURE), ("2015-06", UNDER_16), ("1899-12", "Enter a birth month from 1900 on.")],
)
def test_a_pension_claims_birth_month_is_held_to_the_same_rule(signed_in, insured, birth_month, message):
    client = signed_in(insured)
    data = {
        "benefit": "pension",
        "city": "shenzhen",
        "insurance_number": "H1",
        "birth_month": birth_month,
        "retirement_category": "man",
    }
    with clock.frozen_at(MOMENT):
        response = client.post("/insurance/claims/new/", data)
    assert response.status_code == 400
    assert response.context["form"].errors["birth_month"] == [message]
    assert Application.objects.count() == 0


def _grade_items(page: str, language: str) -> list[str]:
    """The items of the work-injury answer (and its trace) that name the disability grade, as text."""
    label = labels.variable_label("disability_grade")[language_key(language)]
    block = page.split('data-section="work_injury"')[1].split("</section>")[0]
    items = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip()
        for item in re.findall(r"<li[^>]*>(.*?)</li>", block, re.S)
    ]
    colon = ": " if language == "en" else "："  # Chinese pages join a label and its value with a full-width colon
    return [item for item in items if item.startswith(f"{label}{colon}")]


@pytest.mark.parametrize(
    ("language", "grade", "shown"),
    [
        ("en", "5", "grade 5"),
        ("en", "10", "grade 10"),
        ("zh-hans", "5", "5级"),
        ("zh-hant", "7", "7級"),
    ],
)
def test_the_disability_grade_reads_as_a_grade(signed_in, insured, language, grade, shown):
    response = _estimate(signed_in(insured), "1966-03", language=language, grade=grade)
    page = response.content.decode()
    assert response.status_code == 200, response.context["form"].errors
    items = _grade_items(page, language)
    assert items, "the work-injury answer names the grade it is for"
    label = labels.variable_label("disability_grade")[language_key(language)]
    for item in items:
        assert item.startswith(f"{label}{': ' if language == 'en' else '：'}{shown}"), item
        assert f"{grade} grade" not in item, item

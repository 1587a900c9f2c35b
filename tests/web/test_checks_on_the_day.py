"""Public checks decide on the day asked about: 25 Feb 2023 for an endorsement, 5 Oct 2023 for a lawyer."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from talentbridge.policy.models import Determination
from talentbridge.practice import checker

pytestmark = pytest.mark.django_db

LAWYER = {
    "field": "lawyer",
    "zone": "nine_cities",
    "home_jurisdiction": "hong_kong",
    "holds_home_licence": "yes",
    "years_of_practice": "3",
    "is_permanent_resident": "yes",
    "is_chinese_citizen": "yes",
    "has_disciplinary_record": "no",
}

BOOLEANS = {
    "holds_home_licence": True,
    "is_permanent_resident": True,
    "is_chinese_citizen": True,
    "has_disciplinary_record": False,
}


def _text(html: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}">(.*?)</(dd|ul)>', html, re.S)
    assert match, element_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


@pytest.mark.parametrize(("on", "eligible", "years"), [("2023-02-19", "No", "0"), ("2023-02-25", "Yes", "3")])
def test_an_endorsement_check_in_february_2023_honours_the_20th(reference, on, eligible, years):
    # given a research talent with a valid EEP working in Guangzhou
    data = {"category": "research", "holds_valid_eep": "on", "work_city": "guangzhou", "on": on}
    # when they check on a day of February 2023
    html = Client().post(reverse("web:endorsement_check"), data).content.decode()
    # then the answer is the rule of that day (the scheme began on 20 Feb 2023), and it is stored so
    assert _text(html, "result-eligible") == eligible
    if eligible == "Yes":
        assert _text(html, "result-validity") == years
    else:  # no endorsement that day: no period of zero years
        assert 'id="result-validity"' not in html
    stored = Determination.objects.get()
    assert stored.period == "2023-02"
    assert stored.inputs["decision_date"] == {"2023-02": on}
    assert stored.outputs["endorsement_eligible"] is (eligible == "Yes")


@pytest.mark.parametrize(("on", "eligible"), [("2023-10-04", "false"), ("2023-10-05", "true")])
def test_a_lawyers_check_in_october_2023_sees_the_5th(reference, on, eligible):
    # given a Hong Kong lawyer with 3 years of practice
    # when they check on 4 or 5 October 2023
    html = Client().post(reverse("web:practice_check"), {**LAWYER, "on": on}).content.decode()
    # then the 3-year threshold applies from the 5th only
    assert f'data-eligible="{eligible}"' in html
    stored = Determination.objects.get()
    assert stored.period == "2023-10"
    assert stored.inputs["decision_date"] == {"2023-10": on}
    assert stored.outputs["practice_eligible"] is (eligible == "true")
    minimum = next(
        p for p in stored.explanation["outputs"][0]["parameters"] if p["name"].endswith("minimum_years_of_practice")
    )
    assert (minimum["value"], minimum["effective_date"]) == (
        (3, "2023-10-05") if eligible == "true" else (5, "2020-10-05")
    )


@pytest.mark.parametrize(
    ("on", "years", "wait_on", "months"),
    [("2023-10-04", "3", "2023-10-05", 0), ("2023-08-31", "4", "2023-10-05", 2), ("2023-10-05", "2", "2024-10-01", 12)],
)
def test_waiting_names_the_day_the_rules_or_the_years_make_the_lawyer_eligible(reference, on, years, wait_on, months):
    # given a lawyer not yet eligible on the day of the check
    answers = checker.answers_from({**LAWYER, "years_of_practice": years, "on": on} | BOOLEANS)
    # when the checker looks for what would change the answer
    [wait] = [change for change in checker.what_would_change(answers) if change["kind"] == "wait"]
    # then it is the first day on which the rules then in force admit them, even mid-month
    assert (wait["on"], wait["months"]) == (wait_on, months)

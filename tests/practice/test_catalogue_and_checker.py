"""The pathway catalogue from the kernel's parameters, and the eligibility check with its reasons and changes."""

from __future__ import annotations

import datetime as dt

import pytest

from talentbridge.core.errors import InvalidInput
from talentbridge.policy.models import Determination
from talentbridge.practice import catalogue, checker

from .conftest import LAWYER_ANSWERS


def test_lawyers_pathway_on_a_date_names_mechanism_authority_and_minimum_years():
    before = catalogue.pathway_get("lawyer", "nine_cities", dt.date(2023, 8, 31))
    after = catalogue.pathway_get("lawyer", "nine_cities", dt.date(2023, 9, 1))
    assert before is not None and after is not None
    assert (before.mechanism, before.authority, before.minimum_years_of_practice) == (
        "examination_licence",
        "GD-DOJ",
        5.0,
    )
    assert after.minimum_years_of_practice == 3.0
    assert after.open_to == ("hong_kong",)
    assert after.ends_on == "2026-10-05"
    assert after.tacit_approval is False
    assert "examination_pass_certificate" in after.documents
    assert any("Law Society" in reference for reference in after.references)


def test_no_pathway_before_it_started_or_where_none_is_loaded():
    assert catalogue.pathway_get("lawyer", "nine_cities", dt.date(2020, 1, 1)) is None
    assert catalogue.pathway_get("lawyer", "hengqin", dt.date(2024, 1, 1)) is None


def test_catalogue_filters_by_field_zone_mechanism_and_text():
    on = dt.date(2025, 6, 1)
    nansha = catalogue.pathway_list(on=on, zone="nansha")
    assert {p.mechanism for p in nansha} == {"administrative_confirmation"}
    assert [p.key for p in catalogue.pathway_list(on=on, field_code="doctor")] == [
        "doctor.nine_cities",
        "doctor.hengqin",
        "doctor.nansha",
    ]
    assert [p.key for p in catalogue.pathway_list(on=on, mechanism="short_term_licence")] == ["doctor.nine_cities"]
    assert [p.key for p in catalogue.pathway_list(on=on, search="GD-TAX")] == ["tax_adviser.qianhai"]


def test_applicable_pathway_prefers_the_zone_open_to_the_home_sar():
    on = dt.date(2025, 6, 1)
    assert catalogue.pathway_applicable("doctor", "hengqin", "macao", on).zone == "hengqin"
    assert catalogue.pathway_applicable("doctor", "hengqin", "hong_kong", on).zone == "nine_cities"
    assert catalogue.pathway_applicable("lawyer", "nine_cities", "macao", on) is None


@pytest.mark.django_db
@pytest.mark.parametrize(("day", "eligible"), [("2023-08-15", False), ("2023-09-01", True)])
def test_four_years_lawyer_before_and_after_september_2023(day, eligible):
    answers = checker.answers_from({**LAWYER_ANSWERS, "on": day})
    result = checker.check_run(answers=answers)
    assert result["eligible"] is eligible
    assert result["mechanism"] == ("examination_licence" if eligible else "none")
    assert result["authority"] == ("GD-DOJ" if eligible else "")
    experience = next(r for r in result["reasons"] if r["variable"] == "meets_practice_experience_requirement")
    assert experience["met"] is eligible
    minimum = next(c for c in result["citations"] if c["name"].endswith("minimum_years_of_practice"))
    assert minimum["value"] == (3 if eligible else 5)
    assert minimum["effective_date"] == ("2023-09-01" if eligible else "2020-10-05")
    stored = Determination.objects.get(pk=result["determination_id"])
    assert stored.period == day[:7] and stored.outputs["practice_eligible"] is eligible


@pytest.mark.django_db
def test_what_would_change_finds_the_month_when_years_suffice():
    answers = checker.answers_from({**LAWYER_ANSWERS, "years_of_practice": 2.4, "on": "2025-01-15"})
    result = checker.check_run(answers=answers)
    assert result["eligible"] is False
    [wait] = [c for c in result["changes"] if c["kind"] == "wait"]
    assert (wait["months"], wait["on"], wait["years_of_practice"]) == (8, "2025-09-01", 3.0)
    assert "8 months" in wait["text"] and "3 years" in wait["text"]


@pytest.mark.django_db
def test_what_would_change_lists_answers_that_make_the_difference():
    answers = checker.answers_from(
        {**LAWYER_ANSWERS, "years_of_practice": 10, "is_chinese_citizen": False, "on": "2025-01-15"}
    )
    changes = checker.check_run(answers=answers)["changes"]
    assert [(c["answer"], c["value"]) for c in changes] == [("is_chinese_citizen", True)]


def test_bad_answers_are_reported_by_field():
    with pytest.raises(InvalidInput) as error:
        checker.answers_from({"field": "astronaut", "home_jurisdiction": "taiwan", "years_of_practice": -1, "on": "x"})
    assert set(error.value.details) == {"field", "home_jurisdiction", "years_of_practice", "on"}

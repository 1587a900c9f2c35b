"""The pathway catalogue from the kernel's parameters, and the eligibility check with its reasons and changes."""

from __future__ import annotations

import datetime as dt

import pytest

from talentbridge.core.errors import InvalidInput
from talentbridge.policy.models import Determination
from talentbridge.practice import catalogue, checker

from .conftest import LAWYER_ANSWERS


def test_lawyers_pathway_on_a_date_names_mechanism_authority_and_minimum_years():
    before = catalogue.pathway_get("lawyer", "nine_cities", dt.date(2023, 10, 4))
    after = catalogue.pathway_get("lawyer", "nine_cities", dt.date(2023, 10, 5))
    assert before is not None and after is not None
    assert (before.mechanism, before.authority, before.minimum_years_of_practice) == (
        "examination_licence",
        "GD-DOJ",
        5.0,
    )
    assert after.minimum_years_of_practice == 3.0
    assert after.open_to == ("hong_kong", "macao")
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
    assert catalogue.pathway_applicable("lawyer", "nine_cities", "macao", on).zone == "nine_cities"


@pytest.mark.django_db
@pytest.mark.parametrize(("day", "eligible"), [("2023-08-15", False), ("2023-10-04", False), ("2023-10-05", True)])
def test_four_years_lawyer_before_and_after_5_october_2023(day, eligible):
    answers = checker.answers_from({**LAWYER_ANSWERS, "on": day})
    result = checker.check_run(answers=answers)
    assert result["eligible"] is eligible
    assert result["mechanism"] == ("examination_licence" if eligible else "none")
    assert result["authority"] == ("GD-DOJ" if eligible else "")
    experience = next(r for r in result["reasons"] if r["variable"] == "meets_practice_experience_requirement")
    assert experience["met"] is eligible
    minimum = next(c for c in result["citations"] if c["name"].endswith("minimum_years_of_practice"))
    assert minimum["value"] == (3 if eligible else 5)
    assert minimum["effective_date"] == ("2023-10-05" if eligible else "2020-10-05")
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


# --- ended pathways, and reasons that say why ------------------------------------------------------

ENDED = dt.date(2026, 12, 1)


def test_an_ended_pathway_is_listed_as_ended_with_its_last_day_not_hidden():
    assert catalogue.pathway_get("lawyer", "nine_cities", ENDED) is None
    ended = catalogue.pathway_list(on=ENDED, ended=True)
    assert [p.key for p in ended] == ["lawyer.nine_cities"]
    [lawyers] = ended
    assert (lawyers.has_ended, lawyers.last_day, lawyers.minimum_years_of_practice) == (
        True,
        dt.date(2026, 10, 4),
        3.0,
    )
    assert lawyers.authority_name == "Department of Justice of Guangdong Province"
    assert lawyers.as_dict()["status"] == "ended" and lawyers.as_dict()["last_day"] == "2026-10-04"
    assert catalogue.pathway_ended("lawyer", "nine_cities", dt.date(2026, 10, 4)) is None  # still in force that day
    assert catalogue.pathway_list(on=dt.date(2025, 6, 1), ended=True) == []


def test_pathway_citations_carry_no_marker_and_say_when_provisional():
    pathway = catalogue.pathway_get("architect", "qianhai", dt.date(2025, 6, 1))
    assert pathway is not None
    for cited in pathway.citations:
        assert "[" not in cited["title"] and "DOMAIN.md" not in cited["title"] and "GD-DHURD" not in cited["title"]
    assert any(cited["provisional"] for cited in pathway.citations)
    assert pathway.fee_note["title"] == "No fee is charged for record filing." and pathway.fee_note["provisional"]


def _check(**changes):
    answers = checker.answers_from({**LAWYER_ANSWERS, **changes})
    return checker.check_run(answers=answers)


def test_after_the_lawyers_pilot_ended_the_reason_says_so_and_nothing_would_change_it(reference):
    result = _check(years_of_practice=2, on=ENDED)
    assert result["eligible"] is False
    assert [r["variable"] for r in result["reasons"]] == ["practice_pathway_available"]
    assert result["reasons"][0]["text"] == (
        "The pathway for lawyers (nine cities) ended on 4 Oct 2026; no extension has been published."
    )
    assert result["reasons"][0]["sources"][0]["title"].startswith("NPCSC decision of 11 Aug 2020")
    assert result["changes"] == []
    assert result["no_change"] == (
        "Under the rules in force on 1 Dec 2026 no change to your answers makes you eligible: the pathway "
        "ended on 4 Oct 2026. If it is extended, this check will show the new terms."
    )


def test_a_macao_architect_is_told_the_pathway_exists_but_is_open_to_hong_kong_only(reference):
    result = _check(field="architect", home_jurisdiction="macao", on=ENDED)
    reason = result["reasons"][0]
    assert (reason["variable"], reason["met"]) == ("practice_pathway_available", False)
    assert reason["text"] == (
        "The pathway for architects (nine cities) is open to professionals of Hong Kong SAR only; "
        "you are registered in Macao SAR."
    )
    assert "HK statutory registration boards only" in reason["sources"][0]["title"]
    assert {c["kind"] for c in result["changes"]} == {"answer"} and result["no_change"] == ""


def test_each_reason_states_the_persons_value_the_rules_value_and_a_source(reference):
    result = _check(years_of_practice=2, on=dt.date(2025, 6, 1))
    texts = {r["variable"]: r["text"] for r in result["reasons"]}
    assert texts["meets_practice_experience_requirement"] == (
        "Years of practice — you: 2; the pathway requires at least 3."
    )
    assert texts["meets_practice_conduct_requirement"] == (
        "Disciplinary record — you have one: no; the pathway accepts only a clean record: yes."
    )
    assert "within_practice_application_window" not in texts  # lawyers apply all year: nothing to say
    assert all(r["sources"] for r in result["reasons"])
    assert result["changes"][0]["text"] == (
        "Eligible in 12 months (from 1 Jun 2026), when you reach 3 years of practice."
    )


def test_a_wait_for_the_rules_to_change_does_not_say_years_are_missing():
    import datetime as dt

    from talentbridge.practice import checker
    from talentbridge.practice.checker.answers import Answers

    # Hengqin opened to Macao architects from 2024-01-01 with no minimum years: waiting is for the rules.
    answers = Answers(
        field="architect",
        zone="hengqin",
        home_jurisdiction="macao",
        years_of_practice=5,
        holds_home_licence=True,
        is_permanent_resident=True,
        is_chinese_citizen=True,
        has_disciplinary_record=False,
        on=dt.date(2022, 5, 1),
    )
    waits = [change for change in checker.what_would_change(answers) if change["kind"] == "wait"]
    texts = [change["text"] for change in waits]
    assert waits and waits[0]["because"] == "rules"
    assert "when the rules change" in texts[0] and "years of practice" not in texts[0]

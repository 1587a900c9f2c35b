"""Exact to the day: a check on a date uses the rules in force on that date, not on the 1st of its month."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from openfisca_core.simulations import SimulationBuilder

from talentbridge import rules
from talentbridge.insurance import retirement as insurance_retirement
from talentbridge.rules import params
from talentbridge.rules.explain import explain
from talentbridge.rules.reforms import apply
from talentbridge.rules.simulate import evaluate
from talentbridge.rules.situation import SituationError, calculate
from talentbridge.rules.system import rulebook

RESEARCHER = {"holds_valid_eep": True, "work_city": "guangzhou", "talent_category": "research"}
LAWYER = {
    "practice_field": "lawyer",
    "home_jurisdiction": "hong_kong",
    "holds_home_licence": True,
    "is_permanent_resident": True,
    "is_chinese_citizen": True,
    "has_disciplinary_record": False,
    "years_of_practice": 3,
}


def person(month: str, facts: dict[str, object], asked: dict[str, list[str]]) -> dict[str, object]:
    values: dict[str, dict[str, object]] = {name: {month: value} for name, value in facts.items()}
    for name, periods in asked.items():
        values[name] = dict.fromkeys(periods)
    return {"persons": {"p": values}}


def test_the_endorsement_is_issued_from_20_february_2023_to_the_day() -> None:
    # given a research talent's facts for February 2023, asked about the month and three of its days
    days = ["2023-02", "2023-02-19", "2023-02-20", "2023-02-25"]
    situation = person("2023-02", RESEARCHER, {"endorsement_eligible": days, "endorsement_validity_years": days})
    # when the kernel computes them
    result = calculate(rulebook(), situation)["persons"]["p"]
    # then the month (its 1st) and the 19th are before the scheme, the 20th and 25th within it
    assert result["endorsement_eligible"] == {
        "2023-02": False,
        "2023-02-19": False,
        "2023-02-20": True,
        "2023-02-25": True,
    }
    assert result["endorsement_validity_years"] == {"2023-02": 0, "2023-02-19": 0, "2023-02-20": 3, "2023-02-25": 3}


def test_a_lawyer_with_three_years_qualifies_from_5_october_2023() -> None:
    days = ["2023-10", "2023-10-04", "2023-10-05"]
    situation = person("2023-10", LAWYER, {"practice_eligible": days})
    result = calculate(rulebook(), situation)["persons"]["p"]
    assert result["practice_eligible"] == {"2023-10": False, "2023-10-04": False, "2023-10-05": True}


def test_a_value_given_for_a_day_applies_to_that_day_only() -> None:
    situation = {
        "persons": {
            "p": {
                **{name: {"2023-10": value} for name, value in LAWYER.items()},
                "years_of_practice": {"2023-10": 3, "2023-10-20": 2},
                "practice_eligible": {"2023-10-05": None, "2023-10-20": None},
            }
        }
    }
    result = calculate(rulebook(), situation)["persons"]["p"]
    assert result["practice_eligible"] == {"2023-10-05": True, "2023-10-20": False}


def test_a_day_is_explained_with_the_value_in_force_that_day() -> None:
    situation = person("2023-10", LAWYER, {"practice_eligible": ["2023-10-04", "2023-10-05"]})
    explanations = calculate(rulebook(), situation, trace=True)["explanations"]["p"]
    assert set(explanations) == {"2023-10-04", "2023-10-05"}
    for day, (value, since) in {"2023-10-04": (5, "2020-10-05"), "2023-10-05": (3, "2023-10-05")}.items():
        assert explanations[day]["period"] == day
        [output] = explanations[day]["outputs"]
        minimum = next(p for p in output["parameters"] if p["name"].endswith("minimum_years_of_practice"))
        assert (minimum["value"], minimum["effective_date"]) == (value, since)
        assert "decision_date" not in {used["variable"] for used in output["values_used"]}


def test_the_decision_date_as_an_input_selects_the_rules_of_that_day() -> None:
    inputs = {name: {"2023-02": value} for name, value in RESEARCHER.items()}
    on_19 = explain({**inputs, "decision_date": {"2023-02": "2023-02-19"}}, "2023-02", ["endorsement_eligible"])
    on_20 = explain({**inputs, "decision_date": {"2023-02": "2023-02-20"}}, "2023-02", ["endorsement_eligible"])
    assert [o["value"] for o in on_19["outputs"]] == [False]
    assert [o["value"] for o in on_20["outputs"]] == [True]


@pytest.mark.parametrize(
    ("values", "path", "message"),
    [
        ({"age": {"2023-02-30": 30}}, "persons.p.age.2023-02-30", "bad period"),
        ({"age": {"2023-2-3": 30}}, "persons.p.age.2023-2-3", "bad period"),
        ({"decision_date": {"2023-02": "2023-03-01"}}, "persons.p.decision_date.2023-02", "is not in the period"),
        ({"decision_date": {"2023-02": "25 Feb"}}, "persons.p.decision_date.2023-02", "expected a day YYYY-MM-DD"),
        ({"decision_date": {"2023-02-25": "2023-02-26"}}, "persons.p.decision_date.2023-02-25", "is not in the period"),
    ],
)
def test_bad_days_are_refused_with_their_path(values: dict[str, object], path: str, message: str) -> None:
    with pytest.raises(SituationError) as raised:
        calculate(rulebook(), {"persons": {"p": values}})
    assert raised.value.path == path
    assert message in str(raised.value)


def test_one_simulation_decides_on_one_day() -> None:
    simulation = SimulationBuilder().build_default_simulation(rulebook(), 2)
    simulation.set_input("decision_date", "2023-02", np.array(["2023-02-19", "2023-02-20"], dtype="datetime64[D]"))
    with pytest.raises(ValueError, match="one decision date per simulation"):
        simulation.calculate("endorsement_eligible", "2023-02")


def test_a_what_if_may_be_run_for_a_day(small_snapshot: Path) -> None:
    frame = pl.read_parquet(small_snapshot)
    before = evaluate(rulebook(), frame, "2023-02-19", ["endorsement_eligible"])["endorsement_eligible"]
    on_the_day = evaluate(rulebook(), frame, "2023-02-20", ["endorsement_eligible"])["endorsement_eligible"]
    as_a_month = evaluate(rulebook(), frame, "2023-02", ["endorsement_eligible"])["endorsement_eligible"]
    assert not before.any() and not as_a_month.any()
    assert on_the_day.sum() > 0


def test_retirement_ages_are_dated_kernel_parameters_read_by_insurance() -> None:
    # the kernel's answer is the insurance module's answer, and follows the parameters
    born = dt.date(1965, 5, 1)
    assert rules.statutory_retirement_age_months(birth_month=born, category="man") == 722
    assert insurance_retirement.statutory_retirement_age_months(birth_month=born, category="man") == 722
    assert insurance_retirement.statutory_retirement_month(birth_month=born, category="man") == dt.date(2025, 7, 1)
    faster = apply({"insurance.retirement_age.man.delay_step_birth_months": {"2025-01-01": 2}})
    assert rules.statutory_retirement_age_months(birth_month=born, category="man", tbs=faster) == 723
    assert insurance_retirement.Category is rules.RetirementCategory
    assert rules.retirement_age_reference() == insurance_retirement.REFORM_SOURCE
    assert "13 Sep 2024" in insurance_retirement.REFORM_SOURCE
    step = params.find(rulebook(), "insurance.retirement_age.female_worker.delay_step_birth_months")
    assert params.dated_values(step) == {"2025-01-01": 2}  # type: ignore[arg-type]


def test_the_personal_account_rate_is_a_kernel_parameter() -> None:
    assert rules.personal_account_rate(dt.date(2025, 1, 1)) == 0.08
    with pytest.raises(ValueError, match="no personal-account rate"):
        rules.personal_account_rate(dt.date(2005, 12, 31))
    leaf = params.find(rulebook(), "insurance.pension.personal_account_rate")
    assert params.dated_values(leaf) == {"2006-01-01": 0.08}  # type: ignore[arg-type]
    assert "Guofa [2005] No. 38" in rules.personal_account_rate_reference()


@pytest.mark.parametrize(
    ("path", "values"),
    [
        ("practice.pathways.lawyer.nine_cities.minimum_years_of_practice", {"2020-10-05": 5, "2023-10-05": 3}),
        ("practice.pathways.lawyer.nine_cities.open_to_macao", {"2020-10-05": True}),
        ("insurance.unemployment.benefit_rate_of_minimum_wage", {"2002-10-01": 0.8, "2018-05-01": 0.9}),
        ("insurance.unemployment.maximum_benefit_months", {"2014-07-01": 24}),
        ("insurance.unemployment.one_off_rate_of_minimum_wage", {"2020-12-15": 0.9}),
        ("insurance.minimum_wage.guangzhou", {"2018-07-01": 2100, "2021-12-01": 2300, "2025-03-01": 2500}),
        ("mobility.talent_endorsement.hetao_park_staff_validity_years", {"2025-11-05": 3}),
        (
            "opportunities.youth_employment_scheme.phase",
            {"2021-01-08": "pilot", "2021-09-01": None, "2023-03-01": "regular"},
        ),
    ],
)
def test_corrected_values_are_dated_and_cited_without_the_unverified_marker(
    path: str, values: dict[str, object]
) -> None:
    leaf = params.find(rulebook(), path)
    assert params.dated_values(leaf) == values  # type: ignore[arg-type]
    assert "[unverified]" not in leaf.metadata["reference"]  # type: ignore[union-attr]
    assert "[src" in leaf.metadata["reference"]  # type: ignore[union-attr]


def test_provisional_values_stay_marked() -> None:
    for path in (
        "insurance.pension.calculation_base",
        "insurance.minimum_wage.shenzhen",
        "insurance.minimum_wage.zhuhai",
    ):
        assert "[unverified]" in params.find(rulebook(), path).metadata["reference"]  # type: ignore[union-attr]

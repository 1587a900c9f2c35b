"""Reforms as data: validation against the parameter tree, and application without touching the baseline."""

from __future__ import annotations

from typing import Any

import pytest

from talentbridge.rules import params
from talentbridge.rules.reforms import ReformError, apply, validate
from talentbridge.rules.system import rulebook

MINIMUM = "practice.pathways.lawyer.nine_cities.minimum_years_of_practice"


@pytest.mark.parametrize(
    ("reform", "message"),
    [
        (
            {"practice.pathways.lawyer.nowhere": {"2024-01-01": 2}},
            "practice.pathways.lawyer.nowhere: unknown parameter",
        ),
        ({"insurance.pension": {"2024-01-01": 2}}, "insurance.pension: is a group of parameters"),
        ({MINIMUM: {"2024-02-30": 2}}, f"{MINIMUM}.2024-02-30: bad date"),
        ({MINIMUM: {"01/02/2024": 2}}, f"{MINIMUM}.01/02/2024: bad date, expected YYYY-MM-DD"),
        ({MINIMUM: {"2024-01-01": True}}, f"{MINIMUM}.2024-01-01: expected a number (unit year), got True"),
        ({MINIMUM: {"2024-01-01": "two"}}, f"{MINIMUM}.2024-01-01: expected a number"),
        ({MINIMUM: {"2024-01-01": -1}}, f"{MINIMUM}.2024-01-01: -1 is negative, but the unit year forbids it"),
        ({"insurance.minimum_wage.shenzhen": {"2024-01-01": -2500}}, "the unit currency-CNY forbids it"),
        ({"practice.pathways.lawyer.nine_cities.open_to_macao": {"2024-01-01": 1}}, "expected true or false"),
        ({"practice.pathways.lawyer.nine_cities.authority": {"2024-01-01": 7}}, "expected a non-empty code"),
        (
            {"practice.pathways.tour_guide.hengqin.application_window_months": {"2024-01-01": [0, 13]}},
            "list of months 1..12",
        ),
        ({MINIMUM: 2}, f"{MINIMUM}: expected an object of dated values"),
        ([MINIMUM], "reform: expected an object"),
    ],
)
def test_invalid_reforms_name_the_path(reform: Any, message: str) -> None:
    with pytest.raises(ReformError, match=None) as error:
        validate(reform)
    assert message in str(error.value)


def test_a_reform_changes_values_from_its_date_and_leaves_the_baseline_alone() -> None:
    reformed = apply({MINIMUM: {"2024-01-01": 2}, "insurance.minimum_wage.shenzhen": {"2025-06-01": 2700}})
    leaf = params.find(reformed, MINIMUM)
    assert params.dated_values(leaf) == {"2020-10-05": 5, "2023-10-05": 3, "2024-01-01": 2}  # type: ignore[arg-type]
    assert params.dated_values(params.find(rulebook(), MINIMUM)) == {"2020-10-05": 5, "2023-10-05": 3}  # type: ignore[arg-type]
    wage = params.find(reformed, "insurance.minimum_wage.shenzhen")
    assert params.dated_values(wage)["2025-06-01"] == 2700  # type: ignore[arg-type]


def test_null_ends_a_rule_from_its_date() -> None:
    reformed = apply({"practice.pathways.doctor.nine_cities.mechanism": {"2025-06-01": None}})
    at = reformed.parameters("2025-07-01").practice.pathways.doctor.nine_cities
    assert "mechanism" not in at._children


def test_an_empty_reform_is_the_baseline() -> None:
    assert apply({}) is rulebook()

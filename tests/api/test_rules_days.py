"""The rules kernel over HTTP decides on a day when asked for one: `"2023-02-25"` beside `"2023-02"`."""

from __future__ import annotations

import httpx

from tests.api.conftest import assert_error

RESEARCHER = {"holds_valid_eep": True, "work_city": "guangzhou", "talent_category": "research"}


def test_calculate_answers_for_a_month_and_for_days_of_it(anonymous: httpx.Client) -> None:
    asked = {"2023-02": None, "2023-02-19": None, "2023-02-25": None}
    person = {**{name: {"2023-02": value} for name, value in RESEARCHER.items()}, "endorsement_eligible": asked}

    response = anonymous.post("/rules/calculate", json={"persons": {"p1": person}})

    assert response.status_code == 200, response.text
    assert response.json()["persons"]["p1"]["endorsement_eligible"] == {
        "2023-02": False,
        "2023-02-19": False,
        "2023-02-25": True,
    }


def test_trace_explains_a_day_with_the_rule_in_force_that_day(anonymous: httpx.Client) -> None:
    person = {
        **{name: {"2023-02": value} for name, value in RESEARCHER.items()},
        "endorsement_eligible": {"2023-02-25": None},
    }

    response = anonymous.post("/rules/trace", json={"persons": {"p1": person}}, headers={"Accept-Language": "en"})

    assert response.status_code == 200, response.text
    explanation = response.json()["explanations"]["p1"]["2023-02-25"]
    assert explanation["period"] == "2023-02-25"
    parameters = {p["name"]: p for p in explanation["outputs"][0]["parameters"]}
    assert parameters["mobility.talent_endorsement.available_in_city.guangzhou"]["effective_date"] == "2023-02-20"


def test_a_decision_date_outside_its_month_is_refused_by_path(anonymous: httpx.Client) -> None:
    person = {"decision_date": {"2023-02": "2023-03-01"}, "endorsement_eligible": {"2023-02": None}}

    response = anonymous.post("/rules/calculate", json={"persons": {"p1": person}})

    body = assert_error(response, 422, "invalid_input")
    assert body["details"] == {
        "persons.p1.decision_date.2023-02": ["Give the day of the check within the month it is given for."]
    }

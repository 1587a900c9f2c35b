"""Explanations: conditions, values, cited parameters with effective dates, in three languages."""

from __future__ import annotations

import json
from typing import Any

from talentbridge.rules.explain import explain
from talentbridge.rules.reforms import apply

LAWYER = {
    "practice_field": "lawyer",
    "holds_home_licence": True,
    "is_permanent_resident": True,
    "is_chinese_citizen": True,
}


def inputs(period: str, **values: Any) -> dict[str, dict[str, Any]]:
    return {name: {period: value} for name, value in values.items()}


def output(explanation: dict[str, Any], name: str) -> dict[str, Any]:
    return next(o for o in explanation["outputs"] if o["variable"] == name)


def parameter(entry: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in entry["parameters"] if p["name"] == name)


def test_lawyer_with_two_years_in_2025_fails_the_three_year_minimum_in_force_since_5_oct_2023() -> None:
    explanation = explain(inputs("2025-01", **LAWYER, years_of_practice=2), "2025-01", ["practice_eligible"])
    eligible = output(explanation, "practice_eligible")
    assert eligible["value"] is False
    conditions = {c["variable"]: c["met"] for c in eligible["conditions"]}
    assert conditions["meets_practice_experience_requirement"] is False
    assert conditions["meets_practice_residence_requirement"] is True
    minimum = parameter(eligible, "practice.pathways.lawyer.nine_cities.minimum_years_of_practice")
    assert minimum["value"] == 3
    assert minimum["effective_date"] == "2023-10-05"
    assert "in force 2023-10-05" in minimum["reference"]
    assert (
        minimum["label"]["en"] == "Professional practice › pathways › lawyers › nine cities › minimum years of practice"
    )


def test_before_5_oct_2023_the_five_year_value_of_2020_is_cited() -> None:
    explanation = explain(inputs("2023-08", **LAWYER, years_of_practice=4), "2023-08", ["practice_eligible"])
    minimum = parameter(
        output(explanation, "practice_eligible"), "practice.pathways.lawyer.nine_cities.minimum_years_of_practice"
    )
    assert (minimum["value"], minimum["effective_date"]) == (5, "2020-10-05")


def test_minimum_wage_cites_the_city_value_in_force_and_its_date() -> None:
    situation = inputs(
        "2021-12",
        work_city="shenzhen",
        unemployment_contribution_months=24,
        involuntary_job_loss=True,
        registered_as_job_seeker=True,
    )
    explanation = explain(situation, "2021-12", ["unemployment_benefit_monthly"])
    monthly = output(explanation, "unemployment_benefit_monthly")
    assert monthly["value"] == 1980.0
    wage = parameter(monthly, "insurance.minimum_wage.shenzhen")
    assert (wage["value"], wage["effective_date"]) == (2200, "2018-07-01")
    assert "2,200 from 2018-07-01 [src" in wage["reference"]
    assert [p["name"] for p in monthly["parameters"]].count("insurance.minimum_wage.shenzhen") == 1
    assert not any(p["name"].startswith("insurance.minimum_wage.guangzhou") for p in monthly["parameters"])


def test_values_used_say_whether_given_computed_or_default() -> None:
    explanation = explain(inputs("2025-01", contribution_years=20), "2025-01", ["basic_pension"])
    used = {v["variable"]: v for v in output(explanation, "basic_pension")["values_used"]}
    assert used["contribution_years"]["origin"] == "given"
    assert used["pension_calculation_base"]["origin"] == "computed"
    assert used["average_contribution_index"]["origin"] == "default"


def test_text_renders_in_english_simplified_and_traditional_chinese_with_citations() -> None:
    explanation = explain(
        inputs("2025-01", talent_category="research", holds_valid_eep=True), "2025-01", ["endorsement_validity_years"]
    )
    text = explanation["text"]
    assert text["en"][0] == "Endorsement validity (years): 3"
    assert text["zh_hans"][0] == "签注有效期（年）：3"
    assert text["zh_hant"][0] == "簽注有效期（年）：3"
    # Each language cites the source by its own title (sources.yaml).
    for language, name, day in (
        ("en", "National Immigration Administration", "2023-02-20"),
        ("zh_hans", "国家移民管理局公告", "2023年2月20日"),
        ("zh_hant", "國家移民管理局公告", "2023年2月20日"),
    ):
        citations = [line for line in text[language] if line.startswith("  § ")]
        assert any(day in line and name in line for line in citations)
        assert language == "en" or not any("National Immigration Administration" in line for line in citations)


def test_an_explanation_is_json_and_carries_the_rules_version() -> None:
    explanation = explain(inputs("2025-01", disability_grade=3, pre_injury_average_wage=8000), "2025-01")
    assert json.loads(json.dumps(explanation)) == explanation
    assert set(explanation["rules_version"]) == {"semver", "content_hash"}
    assert len(explanation["outputs"]) == 21


def test_a_reformed_system_cites_the_reform_value_and_date() -> None:
    reformed = apply({"practice.pathways.lawyer.nine_cities.minimum_years_of_practice": {"2024-01-01": 2}})
    explanation = explain(
        inputs("2025-01", **LAWYER, years_of_practice=2), "2025-01", ["practice_eligible"], tbs=reformed
    )
    eligible = output(explanation, "practice_eligible")
    assert eligible["value"] is True
    minimum = parameter(eligible, "practice.pathways.lawyer.nine_cities.minimum_years_of_practice")
    assert (minimum["value"], minimum["effective_date"]) == (2, "2024-01-01")


# --- reasons: the person's value, the rule's value and the source (the one presenter) ----------------

MARKERS = ("[unverified", "[src", "DOMAIN.md", "placeholder", "replace with", "True", "False")


def condition(entry: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in entry["conditions"] if c["variable"] == name)


def test_a_failed_minimum_states_the_persons_years_the_rules_years_and_cites_the_rule() -> None:
    explanation = explain(inputs("2025-01", **LAWYER, years_of_practice=2), "2025-01", ["practice_eligible"])
    experience = condition(output(explanation, "practice_eligible"), "meets_practice_experience_requirement")
    assert experience["met"] is False
    assert [(f["variable"], f["value"]) for f in experience["facts"]] == [("years_of_practice", 2.0)]
    assert [(r["name"], r["value"]) for r in experience["rules"]] == [
        ("practice.pathways.lawyer.nine_cities.minimum_years_of_practice", 3)
    ]
    assert experience["text"] == {
        "en": "Years of practice — you: 2; the pathway requires at least 3.",
        "zh_hans": "执业年限——您：2年；该途径要求至少3年。",
        "zh_hant": "執業年資——您：2年；該途徑要求至少3年。",
    }
    source = experience["rules"][0]["source"]
    assert source["title"].startswith("NPCSC decision of 11 Aug 2020") and source["provisional"] is False
    assert "in force 2023-10-05" in source["title"]
    assert "[src: Ta Kung Pao" in experience["rules"][0]["reference"]  # the data keeps its markers


def test_a_yes_no_answer_that_is_a_condition_is_a_reason_with_both_values() -> None:
    situation = inputs("2025-01", unemployment_contribution_months=30, involuntary_job_loss=True)
    eligible = output(explain(situation, "2025-01", ["unemployment_benefit_eligible"]), "unemployment_benefit_eligible")
    registered = condition(eligible, "registered_as_job_seeker")
    assert registered["met"] is False
    assert registered["text"]["en"] == "Registered as unemployed and seeking work — you: no; required: yes."
    months = condition(eligible, "meets_unemployment_contribution_requirement")
    assert months["text"]["en"] == "Unemployment contribution months — yours: 30; the minimum is 12."


def test_a_yes_no_output_carries_its_own_reason() -> None:
    explanation = explain(inputs("2025-01", contribution_years=10), "2025-01", ["pension_eligible"])
    reason = output(explanation, "pension_eligible")["reason"]
    assert reason["text"]["en"] == "Contribution years — yours: 10; the minimum is 15."
    assert reason["text"]["zh_hant"] == "繳費年限——您：10年；最低要求15年。"


def test_the_rendered_text_shows_no_code_no_true_false_and_no_internal_note() -> None:
    explanation = explain(
        inputs("2025-01", **LAWYER, years_of_practice=4, contribution_years=10),
        "2025-01",
        ["practice_eligible", "practice_mechanism", "practice_authority", "basic_pension"],
        code_labels={
            "GD-DOJ": {
                "en": "Department of Justice of Guangdong Province",
                "zh_hans": "广东省司法厅",
                "zh_hant": "廣東省司法廳",
            }
        },
    )
    for language in ("en", "zh_hans", "zh_hant"):
        text = "\n".join(explanation["text"][language])
        for marker in (*MARKERS, "examination_licence", "nine_cities", "hong_kong", "GD-DOJ"):
            assert marker not in text, (language, marker)
    assert "Practice mechanism: Examination-based licence" in explanation["text"]["en"]
    assert "Competent authority: Department of Justice of Guangdong Province" in explanation["text"]["en"]
    assert "計發基數" in "\n".join(explanation["text"]["zh_hant"])
    assert "(provisional — not yet confirmed by an official notice)" in "\n".join(explanation["text"]["en"])

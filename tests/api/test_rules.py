"""The rules kernel over HTTP: contract outputs, explanations in three languages, listings, bad input,
the rate limit, and the same answers as the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.core.cache import cache

from talentbridge.api.errors import RequestTooLarge
from talentbridge.api.rules_input import SituationLimits, check_output
from tests.api.conftest import assert_error

ROOT = Path(__file__).resolve().parents[2]

LAWYER = {
    "practice_field": "lawyer",
    "home_jurisdiction": "hong_kong",
    "holds_home_licence": True,
    "is_permanent_resident": True,
    "is_chinese_citizen": True,
    "has_disciplinary_record": False,
    "years_of_practice": 4,
}
PRACTICE_OUTPUTS = ("practice_eligible", "practice_mechanism", "practice_authority", "practice_validity_years")


def person(periods: tuple[str, ...], given: dict[str, Any], wanted: tuple[str, ...]) -> dict[str, Any]:
    """Variables by month: the given values and a null for every wanted output, in each period."""
    variables = {name: dict.fromkeys(periods, value) for name, value in given.items()}
    variables.update({name: dict.fromkeys(periods) for name in wanted})
    return variables


def one(variables: dict[str, Any], period: str = "2025-01") -> dict[str, Any]:
    """A situation of one person, p1, with each variable at one month."""
    return {"persons": {"p1": {name: {period: value} for name, value in variables.items()}}}


SAMPLES = {
    "persons": {
        # Minimum practice for lawyers went from 5 to 3 years in Sept 2023 (rules/tests/practice.yaml).
        "lawyer": person(("2023-08", "2023-11"), LAWYER, PRACTICE_OUTPUTS),
        # rules/tests/pension.yaml: W from parameters, I = 1, Y = 15.
        "retiree": person(
            ("2025-01",),
            {"average_contribution_index": 1.0, "contribution_years": 15},
            ("pension_eligible", "pension_calculation_base", "basic_pension"),
        ),
        # rules/tests/unemployment.yaml: Guangzhou 2018-07, minimum wage 2100, benefit 80%.
        "job_seeker": person(
            ("2018-07",),
            {
                "involuntary_job_loss": True,
                "registered_as_job_seeker": True,
                "work_city": "guangzhou",
                "unemployment_contribution_months": 24,
            },
            ("local_minimum_wage", "unemployment_benefit_eligible", "unemployment_benefit_monthly"),
        ),
        # rules/tests/work_injury.yaml: grade 1, 27 months, allowance 90%.
        "injured": person(
            ("2025-01",),
            {
                "local_average_wage": 10000,
                "pre_injury_average_wage": 10000,
                "disability_grade": 1,
                "employer_arranges_work": False,
            },
            ("work_injury_one_off_subsidy", "work_injury_monthly_allowance"),
        ),
        # rules/tests/endorsement.yaml: talent endorsement opened on 20 Feb 2023.
        "researcher": person(
            ("2023-02", "2023-03"),
            {"holds_valid_eep": True, "work_city": "guangzhou", "talent_category": "research"},
            ("endorsement_eligible", "endorsement_validity_years", "endorsement_max_stay_days"),
        ),
    }
}


@pytest.fixture(autouse=True)
def _fresh_rate_limit(transactional_db: Any) -> None:
    """Rate-limit counts live in the database (flushed after each test) or in Redis when it is the cache."""
    cache.clear()


# --- calculate -----------------------------------------------------------------------------------


def test_calculate_fills_every_null_for_sample_persons(anonymous: httpx.Client) -> None:
    response = anonymous.post("/rules/calculate", json=SAMPLES)

    assert response.status_code == 200, response.text
    persons = response.json()["persons"]
    lawyer = persons["lawyer"]
    assert lawyer["practice_eligible"] == {"2023-08": False, "2023-11": True}
    assert lawyer["practice_mechanism"] == {"2023-08": "none", "2023-11": "examination_licence"}
    assert lawyer["practice_authority"] == {"2023-08": "", "2023-11": "GD-DOJ"}
    assert lawyer["practice_validity_years"] == {"2023-08": 0, "2023-11": 0}
    assert lawyer["years_of_practice"] == {"2023-08": 4, "2023-11": 4}
    assert persons["retiree"]["pension_eligible"] == {"2025-01": True}
    assert persons["retiree"]["pension_calculation_base"] == {"2025-01": 7800}
    assert persons["retiree"]["basic_pension"] == {"2025-01": 1170}
    assert persons["job_seeker"]["local_minimum_wage"] == {"2018-07": 2100}
    assert persons["job_seeker"]["unemployment_benefit_eligible"] == {"2018-07": True}
    assert persons["job_seeker"]["unemployment_benefit_monthly"] == {"2018-07": 1890.0}  # 90% from 2018-05-01
    assert persons["injured"]["work_injury_one_off_subsidy"] == {"2025-01": 270000}
    assert persons["injured"]["work_injury_monthly_allowance"] == {"2025-01": 9000.0}
    assert persons["researcher"]["endorsement_eligible"] == {"2023-02": False, "2023-03": True}
    assert persons["researcher"]["endorsement_validity_years"] == {"2023-02": 0, "2023-03": 3}
    assert persons["researcher"]["endorsement_max_stay_days"] == {"2023-02": 0, "2023-03": 30}
    assert set(response.json()) == {"persons"}


def test_calculate_keeps_given_values_and_the_order_sent(anonymous: httpx.Client) -> None:
    situation = {"persons": {"p2": {"pension_eligible": {"2025-01": True}, "basic_pension": {"2025-01": None}}}}

    response = anonymous.post("/rules/calculate", json={**situation})

    assert response.status_code == 200, response.text
    assert response.json() == {
        "persons": {"p2": {"pension_eligible": {"2025-01": True}, "basic_pension": {"2025-01": 0.0}}}
    }
    assert list(response.json()["persons"]["p2"]) == ["pension_eligible", "basic_pension"]


# --- trace ---------------------------------------------------------------------------------------

LAWYER_2023_11 = {"persons": {"lawyer": person(("2023-11",), LAWYER, ("practice_eligible",))}}


@pytest.mark.parametrize(
    ("accept_language", "language", "first_line", "condition"),
    [
        (
            "en",
            "en",
            "May practise in the GBA: yes",
            "  ✓ Years of practice — you: 4; the pathway requires at least 3.",
        ),
        ("zh-hans", "zh-hans", "可在大湾区执业：是", "  ✓ 执业年限——您：4年；该途径要求至少3年。"),
        ("zh-hant", "zh-hant", "可在大灣區執業：是", "  ✓ 執業年資——您：4年；該途徑要求至少3年。"),
        ("zh-HK,zh;q=0.9", "zh-hant", "可在大灣區執業：是", "  ✓ 執業年資——您：4年；該途徑要求至少3年。"),
        (
            "fr",
            "en",
            "May practise in the GBA: yes",
            "  ✓ Years of practice — you: 4; the pathway requires at least 3.",
        ),
    ],
)
def test_trace_renders_reasons_in_the_request_language(
    anonymous: httpx.Client, accept_language: str, language: str, first_line: str, condition: str
) -> None:
    response = anonymous.post("/rules/trace", json=LAWYER_2023_11, headers={"Accept-Language": accept_language})

    assert response.status_code == 200, response.text
    assert response.headers["Content-Language"] == language
    body = response.json()
    assert body["language"] == language
    reasons = body["reasons"]["lawyer"]["2023-11"]
    assert reasons[0] == first_line
    assert condition in reasons
    assert body["persons"]["lawyer"]["practice_eligible"] == {"2023-11": True}


def test_trace_cites_the_parameters_with_effective_dates_and_references(anonymous: httpx.Client) -> None:
    response = anonymous.post("/rules/trace", json=LAWYER_2023_11, headers={"Accept-Language": "zh-hant"})

    assert response.status_code == 200, response.text
    explanation = response.json()["explanations"]["lawyer"]["2023-11"]
    assert explanation["period"] == "2023-11"
    assert set(explanation["rules_version"]) == {"semver", "content_hash"}
    output = explanation["outputs"][0]
    assert output["variable"] == "practice_eligible"
    assert output["value"] is True
    assert output["label"] == {
        "en": "May practise in the GBA",
        "zh_hans": "可在大湾区执业",
        "zh_hant": "可在大灣區執業",
    }
    experience = next(c for c in output["conditions"] if c["variable"] == "meets_practice_experience_requirement")
    assert experience["met"] is True
    minimum = next(p for p in output["parameters"] if p["name"].endswith("nine_cities.minimum_years_of_practice"))
    assert minimum["value"] == 3
    assert minimum["unit"] == "year"
    assert minimum["effective_date"] == "2023-10-05"
    assert minimum["reference"].startswith("NPCSC decision of 11 Aug 2020")
    cited = [line for line in response.json()["reasons"]["lawyer"]["2023-11"] if "2023-10-05" in line]
    assert len(cited) == 1
    assert cited[0].startswith("  § ")
    assert "《香港法律執業者和澳門執業律師" in cited[0]  # the zh-hant trace cites the source by its own title
    assert explanation["text"]["zh_hant"] == response.json()["reasons"]["lawyer"]["2023-11"]


def test_trace_before_the_change_names_the_unmet_condition(anonymous: httpx.Client) -> None:
    situation = {"persons": {"lawyer": person(("2023-08",), LAWYER, ("practice_eligible",))}}

    response = anonymous.post("/rules/trace", json=situation, headers={"Accept-Language": "zh-hant"})

    assert response.status_code == 200, response.text
    body = response.json()
    reasons = body["reasons"]["lawyer"]["2023-08"]
    assert reasons[0] == "可在大灣區執業：否"
    assert "  ✗ 執業年資——您：4年；該途徑要求至少5年。" in reasons
    parameters = body["explanations"]["lawyer"]["2023-08"]["outputs"][0]["parameters"]
    minimum = next(p for p in parameters if p["name"].endswith("nine_cities.minimum_years_of_practice"))
    assert (minimum["value"], minimum["effective_date"]) == (5, "2020-10-05")


# --- listings ------------------------------------------------------------------------------------


def test_variables_lists_labels_types_units_and_categories(anonymous: httpx.Client) -> None:
    response = anonymous.get("/rules/variables")

    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"rules_version", "variables"}
    variables = {variable["name"]: variable for variable in body["variables"]}
    assert variables["disability_grade"]["value_type"] == "integer"
    assert variables["disability_grade"]["computed"] is False
    assert variables["practice_eligible"]["computed"] is True
    assert variables["practice_eligible"]["label"]["zh_hant"] == "可在大灣區執業"
    assert "guangzhou" in variables["work_city"]["possible_values"]
    assert "possible_values" not in variables["disability_grade"]


def test_parameters_list_values_by_date_references_and_units(anonymous: httpx.Client) -> None:
    response = anonymous.get("/rules/parameters")

    assert response.status_code == 200, response.text
    parameters = {parameter["name"]: parameter for parameter in response.json()["parameters"]}
    minimum = parameters["practice.pathways.lawyer.nine_cities.minimum_years_of_practice"]
    assert minimum["unit"] == "year"
    assert minimum["values"]["2023-10-05"] == 3
    assert 5 in minimum["values"].values()
    assert minimum["reference"].startswith("NPCSC decision of 11 Aug 2020")


# --- the same answers as the command line ----------------------------------------------------------


def cli(*args: str) -> Any:
    result = subprocess.run(  # noqa: S603 (fixed argv: this interpreter and our module)
        [sys.executable, "-m", "talentbridge.rules", *args],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_calculate_and_trace_equal_the_command_line(anonymous: httpx.Client, tmp_path: Path) -> None:
    path = tmp_path / "situation.json"
    path.write_text(json.dumps(SAMPLES), encoding="utf-8")

    calculated = anonymous.post("/rules/calculate", content=path.read_bytes())
    traced = anonymous.post("/rules/trace", content=path.read_bytes())

    assert calculated.status_code == 200, calculated.text
    assert calculated.json() == cli("calculate", str(path))
    assert traced.status_code == 200, traced.text
    api_trace = traced.json()
    assert api_trace.pop("language") == "en"
    assert set(api_trace.pop("reasons")) == set(SAMPLES["persons"])
    assert api_trace == cli("trace", str(path))


@pytest.mark.parametrize("listing", ["variables", "parameters"])
def test_listings_equal_the_command_line(anonymous: httpx.Client, listing: str) -> None:
    response = anonymous.get(f"/rules/{listing}")

    assert response.status_code == 200, response.text
    assert response.json() == cli(listing)


# --- bad input -----------------------------------------------------------------------------------

ENUM_CITIES = "guangzhou, shenzhen, zhuhai, foshan, huizhou, dongguan, zhongshan, jiangmen, zhaoqing"
BAD_INPUT = [
    ("unknown-variable", one({"no_such_variable": 1}), "persons.p1.no_such_variable",
     "Unknown variable; the list is at GET /api/v1/rules/variables."),
    ("not-a-bool", one({"holds_valid_eep": "yes"}), "persons.p1.holds_valid_eep.2025-01", "Enter true or false."),
    ("not-an-integer", one({"disability_grade": 2.5}), "persons.p1.disability_grade.2025-01",
     "Enter a whole number."),
    ("bool-for-integer", one({"age": True}), "persons.p1.age.2025-01", "Enter a whole number."),
    ("not-a-number", one({"contribution_years": "ten"}), "persons.p1.contribution_years.2025-01",
     "Enter a number."),
    ("not-a-category", one({"work_city": "hong_kong"}), "persons.p1.work_city.2025-01",
     f"Choose one of: {ENUM_CITIES}."),
    ("not-text", one({"practice_authority": 5}), "persons.p1.practice_authority.2025-01", "Enter text."),
    ("grade-above-range", one({"disability_grade": 11}), "persons.p1.disability_grade.2025-01",
     "Enter a value between 0 and 10."),
    ("negative-years", one({"years_of_practice": -1}), "persons.p1.years_of_practice.2025-01",
     "Enter a value between 0 and 100."),
    ("negative-money", one({"personal_account_balance": -0.01}), "persons.p1.personal_account_balance.2025-01",
     "Enter a value between 0 and 1000000000."),
    ("huge-integer", one({"personal_account_balance": 2**1100}), "persons.p1.personal_account_balance.2025-01",
     "Enter a value between 0 and 1000000000."),
    ("huge-wage", one({"pre_injury_average_wage": 2**70}), "persons.p1.pre_injury_average_wage.2025-01",
     "Enter a value between 0 and 1000000000."),
    ("month-before-the-rules", {"persons": {"p1": {"basic_pension": {"1900-01": None}}}},
     "persons.p1.basic_pension.1900-01", "Use a month as YYYY-MM."),
    ("bad-month", {"persons": {"p1": {"age": {"2025-13": 30}}}}, "persons.p1.age.2025-13",
     "Use a month as YYYY-MM."),
    ("year-not-month", {"persons": {"p1": {"age": {"2025": 30}}}}, "persons.p1.age.2025", "Use a month as YYYY-MM."),
    ("before-the-rules", {"persons": {"p1": {"basic_pension": {"1995-01": None}}}}, "persons.p1.basic_pension.1995-01",
     "The rules cannot compute this value for this month."),
    ("before-the-rules-later-value", {"persons": {"p1": {
        "age": {"2025-01": 30}, "practice_eligible": {"2025-01": None}, "local_average_wage": {"1995-01": None}}}},
     "persons.p1.local_average_wage.1995-01", "The rules cannot compute this value for this month."),
    ("body-a-list", [1, 2], "$", 'Send an object with one key, "persons".'),
    ("body-a-string", "persons", "$", 'Send an object with one key, "persons".'),
    ("wrong-top-key", {"people": {}}, "$", 'Send an object with one key, "persons".'),
    ("extra-top-key", {"persons": {"p1": {}}, "trace": True}, "$", 'Send an object with one key, "persons".'),
    ("persons-a-list", {"persons": [{"age": 3}]}, "persons",
     "Give at least one person, as an object keyed by identifier."),
    ("no-persons", {"persons": {}}, "persons", "Give at least one person, as an object keyed by identifier."),
    ("person-not-object", {"persons": {"p1": 5}}, "persons.p1", "Give the person's variables as an object."),
    ("values-not-object", {"persons": {"p1": {"age": 30}}}, "persons.p1.age",
     'Give the values as an object of months, e.g. {"2025-01": null}.'),
    ("no-periods", {"persons": {"p1": {"age": {}}}}, "persons.p1.age",
     'Give the values as an object of months, e.g. {"2025-01": null}.'),
]  # fmt: skip


@pytest.mark.parametrize("endpoint", ["calculate", "trace"])
@pytest.mark.parametrize(("name", "body", "path", "message"), BAD_INPUT, ids=[row[0] for row in BAD_INPUT])
def test_bad_input_is_422_keyed_by_the_json_path(
    anonymous: httpx.Client, endpoint: str, name: str, body: Any, path: str, message: str
) -> None:
    response = anonymous.post(f"/rules/{endpoint}", json=body)

    error = assert_error(response, 422, "invalid_input")
    assert error["details"] == {path: [message]}


def values(count: int, *, persons: int, asked: int) -> dict[str, Any]:
    """`count` ages over consecutive months from 1990-01, spread over `persons`; the first `asked` are nulls."""
    situation: dict[str, Any] = {f"p{n + 1}": {"age": {}} for n in range(persons)}
    for n in range(count):
        m = n // persons
        situation[f"p{n % persons + 1}"]["age"][f"{1990 + m // 12}-{m % 12 + 1:02d}"] = None if n < asked else 30
    return {"persons": situation}


@pytest.mark.parametrize(
    ("endpoint", "limit", "persons", "asked"), [("calculate", 5000, 100, 5000), ("trace", 1000, 10, 50)]
)
def test_values_per_request_are_limited(
    anonymous: httpx.Client, endpoint: str, limit: int, persons: int, asked: int
) -> None:
    at_limit = values(limit, persons=persons, asked=asked)
    over_limit = values(limit + 1, persons=persons, asked=asked)

    accepted = anonymous.post(f"/rules/{endpoint}", json=at_limit)
    refused = anonymous.post(f"/rules/{endpoint}", json=over_limit)

    assert accepted.status_code == 200, accepted.text
    assert sum(len(person["age"]) for person in accepted.json()["persons"].values()) == limit
    error = assert_error(refused, 422, "invalid_input")
    assert error["details"] == {"persons": [f"Send at most {limit} values per request."]}


@pytest.mark.parametrize(("endpoint", "limit"), [("calculate", 100), ("trace", 10)])
def test_persons_per_request_are_limited(anonymous: httpx.Client, endpoint: str, limit: int) -> None:
    at_limit = anonymous.post(f"/rules/{endpoint}", json=values(limit, persons=limit, asked=0))
    refused = anonymous.post(f"/rules/{endpoint}", json=values(limit + 1, persons=limit + 1, asked=0))

    assert at_limit.status_code == 200, at_limit.text
    error = assert_error(refused, 422, "invalid_input")
    assert error["details"] == {"persons": [f"Send at most {limit} persons per request."]}


@pytest.mark.parametrize("endpoint", ["calculate", "trace"])
def test_months_per_variable_are_limited(anonymous: httpx.Client, endpoint: str) -> None:
    at_limit = anonymous.post(f"/rules/{endpoint}", json=values(120, persons=1, asked=0))
    refused = anonymous.post(f"/rules/{endpoint}", json=values(121, persons=1, asked=0))

    assert at_limit.status_code == 200, at_limit.text
    error = assert_error(refused, 422, "invalid_input")
    assert error["details"] == {"persons.p1.age": ["Send at most 120 months per variable."]}


def test_trace_explains_at_most_fifty_values_per_request(anonymous: httpx.Client) -> None:
    accepted = anonymous.post("/rules/trace", json=values(50, persons=10, asked=50))
    refused = anonymous.post("/rules/trace", json=values(51, persons=10, asked=51))

    assert accepted.status_code == 200, accepted.text
    assert sum(len(periods) for periods in accepted.json()["explanations"].values()) == 50
    error = assert_error(refused, 422, "invalid_input")
    assert error["details"] == {"persons": ["Ask for at most 50 values to be explained per request."]}


def test_a_small_trace_request_cannot_ask_for_megabytes_of_explanation(anonymous: httpx.Client) -> None:
    """The reported case: 10 persons asking for every output, 22 kB in, was 2.6 MB of explanation out."""
    outputs = [
        variable["name"] for variable in anonymous.get("/rules/variables").json()["variables"] if variable["computed"]
    ]
    everything = {"persons": {f"p{n}": {name: {"2025-01": None} for name in outputs} for n in range(10)}}

    refused = anonymous.post("/rules/trace", json=everything)
    answered = anonymous.post("/rules/calculate", json=everything)

    error = assert_error(refused, 422, "invalid_input")
    assert error["details"] == {"persons": ["Ask for at most 50 values to be explained per request."]}
    assert answered.status_code == 200, answered.text
    assert len(answered.content) < 300_000


def test_the_heaviest_traced_request_within_the_limits_stays_near_one_megabyte(anonymous: httpx.Client) -> None:
    heaviest = "youth_employment_guangdong_top_up_max_rmb"  # the longest explanation of one value
    months = [f"2025-{m:02d}" for m in range(1, 6)]
    situation = {"persons": {f"p{n}": {heaviest: dict.fromkeys(months)} for n in range(10)}}

    response = anonymous.post("/rules/trace", json=situation, headers={"Accept-Language": "zh-hant"})

    assert response.status_code == 200, response.text
    assert sum(len(periods) for periods in response.json()["explanations"].values()) == 50
    assert len(response.content) < 1_500_000


def test_the_size_of_an_answer_is_checked_once_more_after_it_is_computed() -> None:
    limits = SituationLimits(body_bytes=1024, persons=1, periods=1, values=1, explained_values=1, output_bytes=100)

    check_output({"persons": {"p1": {"age": {"2025-01": 30}}}}, limits)
    with pytest.raises(RequestTooLarge) as refused:
        check_output({"persons": {"p1": {"age": {"2025-01": 30}}}, "explanations": {"p1": "x" * 100}}, limits)

    assert refused.value.as_dict() == {
        "code": "request_too_large",
        "message": "The explanation would be too long: ask for fewer values per request.",
        "details": {"max_bytes": 100},
    }


def test_a_deeply_nested_value_is_refused_at_its_path(anonymous: httpx.Client) -> None:
    nested = "[" * 500 + "]" * 500
    body = f'{{"persons": {{"p1": {{"age": {{"2025-01": {nested}}}}}}}}}'.encode()

    for endpoint in ("calculate", "trace"):
        response = anonymous.post(f"/rules/{endpoint}", content=body, headers={"Content-Type": "application/json"})

        error = assert_error(response, 422, "invalid_input")
        assert error["details"] == {"persons.p1.age.2025-01": ["Enter a whole number."]}


def test_a_non_finite_number_is_refused(anonymous: httpx.Client) -> None:
    response = anonymous.post(
        "/rules/calculate",
        content=b'{"persons": {"p1": {"contribution_years": {"2025-01": 1e400}}}}',
        headers={"Content-Type": "application/json"},
    )

    error = assert_error(response, 422, "invalid_input")
    assert error["details"] == {"persons.p1.contribution_years.2025-01": ["Enter a finite number."]}


@pytest.mark.parametrize(
    "content",
    [
        b'{"persons": ',
        b"",
        b"persons=1",
        b'{"persons": {"p1": {"age": {"2025-01": NaN}}}}',
        b"\xff\xfe{}",
        b"[" * 60_000,
    ],
    ids=["truncated", "empty", "form", "nan", "not-utf8", "deeply-nested"],
)
@pytest.mark.parametrize("endpoint", ["calculate", "trace"])
def test_a_body_that_is_not_json_is_400(anonymous: httpx.Client, content: bytes, endpoint: str) -> None:
    response = anonymous.post(f"/rules/{endpoint}", content=content, headers={"Content-Type": "application/json"})

    assert_error(response, 400, "malformed_request")


@pytest.mark.parametrize(("endpoint", "limit_kb"), [("calculate", 1024), ("trace", 64)])
def test_a_body_over_the_limit_is_413_with_the_limit_in_words(
    anonymous: httpx.Client, endpoint: str, limit_kb: int
) -> None:
    situation = b'{"persons": {"p1": {"age": {"2025-01": 30}}}}'
    at_limit = situation + b" " * (limit_kb * 1024 - len(situation))

    accepted = anonymous.post(f"/rules/{endpoint}", content=at_limit, headers={"Content-Type": "application/json"})
    refused = anonymous.post(
        f"/rules/{endpoint}", content=at_limit + b" ", headers={"Content-Type": "application/json"}
    )
    chinese = anonymous.post(
        f"/rules/{endpoint}",
        content=at_limit + b" ",
        headers={"Content-Type": "application/json", "Accept-Language": "zh-hans"},
    )

    assert accepted.status_code == 200, accepted.text
    error = assert_error(refused, 413, "request_too_large")
    assert error["message"] == f"The request is too large: send at most {limit_kb:,} kB."
    assert error["details"] == {"max_bytes": limit_kb * 1024}
    assert assert_error(chinese, 413, "request_too_large")["message"] == f"请求过大：最多发送 {limit_kb:,} kB。"


def test_bad_input_messages_follow_accept_language_and_keep_the_path(anonymous: httpx.Client) -> None:
    response = anonymous.post(
        "/rules/calculate", json=one({"disability_grade": 11}), headers={"Accept-Language": "zh-hant"}
    )

    error = assert_error(response, 422, "invalid_input")
    assert response.headers["Content-Language"] == "zh-hant"
    assert error["details"] == {"persons.p1.disability_grade.2025-01": ["請輸入介乎 0 與 10 之間的值。"]}


def test_calculate_refuses_get_in_the_error_shape(anonymous: httpx.Client) -> None:
    response = anonymous.get("/rules/calculate")

    assert_error(response, 405, "method_not_allowed")
    assert response.headers["Allow"] == "POST"


# --- rate limit ----------------------------------------------------------------------------------


def test_calculations_are_rate_limited_per_client(anonymous: httpx.Client, settings: Any) -> None:
    settings.RULES_API_RATE = "2/min"
    situation = one({"age": None})
    allowed = [anonymous.post("/rules/calculate", json=situation) for _ in range(2)]

    refused = anonymous.post("/rules/trace", json=situation)
    spoofed = anonymous.post("/rules/calculate", json=situation, headers={"X-Forwarded-For": "203.0.113.9"})

    assert [response.status_code for response in allowed] == [200, 200]
    for response in (refused, spoofed):
        error = assert_error(response, 429, "rate_limited")
        retry_after = int(response.headers["Retry-After"])
        assert 1 <= retry_after <= 60
        assert error["details"] == {"retry_after": retry_after}
        assert error["message"] == "Too many requests. Wait a moment and try again."
    assert anonymous.get("/rules/variables").status_code == 200


def test_the_limit_counts_bad_requests_too(anonymous: httpx.Client, settings: Any) -> None:
    settings.RULES_API_RATE = "1/min"

    first = anonymous.post("/rules/calculate", json={"people": {}})
    second = anonymous.post("/rules/calculate", json=one({"age": None}))

    assert_error(first, 422, "invalid_input")
    assert_error(second, 429, "rate_limited")


# --- OpenAPI -------------------------------------------------------------------------------------


def test_openapi_documents_the_rules_endpoints(anonymous: httpx.Client) -> None:
    schema = anonymous.get("/openapi.json").json()

    calculate = schema["paths"]["/api/v1/rules/calculate"]["post"]
    assert set(calculate["responses"]) == {"200", "400", "413", "422", "429"}
    assert "security" not in calculate
    assert calculate["responses"]["429"]["headers"]["Retry-After"]["schema"] == {"type": "integer"}
    body = calculate["requestBody"]["content"]["application/json"]
    assert body["schema"]["required"] == ["persons"]
    assert body["example"]["persons"]["p1"]["practice_eligible"] == {"2023-10": None}
    trace = schema["paths"]["/api/v1/rules/trace"]["post"]
    assert trace["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/TraceOut"
    }
    for listing in ("variables", "parameters"):
        assert "security" not in schema["paths"][f"/api/v1/rules/{listing}"]["get"]
    assert set(schema["components"]["schemas"]["CitationOut"]["properties"]) == {
        "name", "label", "value", "unit", "effective_date", "reference", "source",
    }  # fmt: skip

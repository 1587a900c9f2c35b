"""The command line: calculate, trace, listings and simulate; bad input exits 2 naming the JSON path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (fixed argv: this interpreter and our module)
        [sys.executable, "-m", "talentbridge.rules", *args],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src")},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def situation(**variables: object) -> str:
    return json.dumps({"persons": {"p1": {name: {"2025-01": value} for name, value in variables.items()}}})


def test_calculate_from_stdin_fills_every_null_with_enum_names_and_money_in_cents() -> None:
    text = situation(
        disability_grade=5,
        pre_injury_average_wage=9999.995,
        local_average_wage=10000,
        work_injury_monthly_allowance=None,
        practice_mechanism=None,
        practice_authority=None,
        personal_account_pension=None,
        contribution_years=15,
        personal_account_balance=100000,
    )
    result = run("calculate", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    person = json.loads(result.stdout)["persons"]["p1"]
    assert person["work_injury_monthly_allowance"] == {"2025-01": 7000.0}
    assert person["practice_mechanism"] == {"2025-01": "none"}
    assert person["practice_authority"] == {"2025-01": ""}
    assert person["personal_account_pension"] == {"2025-01": 719.42}
    assert person["disability_grade"] == {"2025-01": 5}


def test_calculate_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "situation.json"
    path.write_text(
        situation(
            practice_field="lawyer",
            years_of_practice=3,
            holds_home_licence=True,
            is_permanent_resident=True,
            is_chinese_citizen=True,
            practice_eligible=None,
        )
    )
    result = run("calculate", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["persons"]["p1"]["practice_eligible"] == {"2025-01": True}


def test_an_output_given_as_input_is_kept() -> None:
    result = run("calculate", "-", stdin=situation(pension_eligible=True, basic_pension=None, contribution_years=1))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["persons"]["p1"]["basic_pension"] == {"2025-01": 78.0}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (situation(no_such_variable=1), "persons.p1.no_such_variable: unknown variable"),
        (situation(disability_grade=11), "persons.p1.disability_grade.2025-01: 11 is out of range 0..10"),
        (situation(years_of_practice=-1), "persons.p1.years_of_practice.2025-01: -1 is out of range"),
        (
            situation(personal_account_balance=-0.01),
            "persons.p1.personal_account_balance.2025-01: -0.01 is out of range",
        ),
        (situation(holds_valid_eep="yes"), "persons.p1.holds_valid_eep.2025-01: expected true or false"),
        (situation(disability_grade=2.5), "persons.p1.disability_grade.2025-01: expected an integer"),
        (situation(contribution_years="ten"), "persons.p1.contribution_years.2025-01: expected a number"),
        (situation(work_city="hong_kong"), "persons.p1.work_city.2025-01: expected one of guangzhou"),
        (json.dumps({"persons": {"p1": {"age": {"2025-13": 30}}}}), "persons.p1.age.2025-13: bad period"),
        (json.dumps({"persons": {"p1": {"age": {"2025": 30}}}}), "persons.p1.age.2025: bad period"),
        (json.dumps({"persons": {"p1": {"age": {"1900-01": 30}}}}), "persons.p1.age.1900-01: bad period"),
        (
            json.dumps({"persons": {"p1": {"basic_pension": {"1995-01": None}}}}),
            "persons.p1.basic_pension.1995-01: the rules cannot compute this value for this month",
        ),
        (
            situation(pre_injury_average_wage=2**70),
            "persons.p1.pre_injury_average_wage.2025-01: 1180591620717411303424 is out of range 0..1000000000",
        ),
        (json.dumps({"people": {}}), '$: expected an object with one key, "persons"'),
        ("{not json", "-: invalid JSON"),
    ],
)
def test_bad_input_exits_2_with_a_one_line_message_naming_the_path(text: str, message: str) -> None:
    result = run("calculate", "-", stdin=text)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {message}")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_trace_prints_explanations_in_three_languages() -> None:
    text = situation(
        practice_field="lawyer",
        years_of_practice=3,
        holds_home_licence=True,
        is_permanent_resident=True,
        is_chinese_citizen=True,
        practice_eligible=None,
    )
    result = run("trace", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    explanation = json.loads(result.stdout)["explanations"]["p1"]["2025-01"]
    assert explanation["outputs"][0]["variable"] == "practice_eligible"
    assert explanation["text"]["zh_hans"][0] == "可在大湾区执业：是"
    assert explanation["text"]["zh_hant"][0] == "可在大灣區執業：是"


def test_variables_and_parameters_listings() -> None:
    variables = json.loads(run("variables").stdout)["variables"]
    assert {"practice_eligible", "unemployment_benefit_monthly", "work_injury_own_wage"} <= {
        v["name"] for v in variables
    }
    parameters = json.loads(run("parameters").stdout)["parameters"]
    minimum = next(
        p for p in parameters if p["name"] == "practice.pathways.lawyer.nine_cities.minimum_years_of_practice"
    )
    assert minimum["values"] == {"2020-10-05": 5, "2023-10-05": 3}
    assert "in force 2023-10-05" in minimum["reference"]


def test_simulate_prints_a_table_and_json(small_snapshot: Path, tmp_path: Path) -> None:
    reform = tmp_path / "reform.json"
    reform.write_text(json.dumps({"practice.pathways.lawyer.nine_cities.minimum_years_of_practice": {"2023-09-01": 2}}))
    table = run(
        "simulate", "--snapshot", str(small_snapshot), "--reform", str(reform), "--by", "practice_field,work_city"
    )
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].split()[:3] == ["practice_field", "work_city", "persons"]
    as_json = run(
        "simulate", "--snapshot", str(small_snapshot), "--reform", str(reform), "--by", "practice_field", "--json"
    )
    assert json.loads(as_json.stdout)["total"]["persons"] == 3_000


def test_simulate_with_a_bad_reform_exits_2(small_snapshot: Path, tmp_path: Path) -> None:
    reform = tmp_path / "reform.json"
    reform.write_text(json.dumps({"practice.pathways.lawyer.nine_cities.nope": {"2023-09-01": 2}}))
    result = run("simulate", "--snapshot", str(small_snapshot), "--reform", str(reform))
    assert result.returncode == 2
    assert result.stderr == "error: practice.pathways.lawyer.nine_cities.nope: unknown parameter\n"

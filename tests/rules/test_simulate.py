"""Population what-if: counts equal a person-by-person evaluation; grouping; the lawyers' threshold."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from talentbridge.rules.contract import ELIGIBILITY_OUTPUTS
from talentbridge.rules.explain import plain_value
from talentbridge.rules.reforms import apply
from talentbridge.rules.simulate import SNAPSHOT_COLUMNS, evaluate, simulate, synthetic_snapshot
from talentbridge.rules.situation import build
from talentbridge.rules.system import rulebook

RELAX = {"practice.pathways.lawyer.nine_cities.minimum_years_of_practice": {"2023-09-01": 2}}


def person_by_person(path: Path, reform: dict[str, object], period: str) -> list[dict[str, bool]]:
    tbs = apply(reform)
    rows = pl.read_parquet(path).head(300)
    results = []
    for row in rows.iter_rows(named=True):
        person = {name: {period: (str(value) if isinstance(value, str) else value)} for name, value in row.items()}
        simulation = build(tbs, {"p": person})
        results.append(
            {name: plain_value(tbs, name, simulation.calculate(name, period)) for name in ELIGIBILITY_OUTPUTS}
        )
    return results


def test_snapshot_schema_has_one_column_per_rules_input_named_after_the_variable() -> None:
    tbs = rulebook()
    assert all(
        (name in tbs.variables and not tbs.variables[name].formulas)
        or name in {"pension_calculation_base", "local_minimum_wage", "local_average_wage"}
        for name in SNAPSHOT_COLUMNS
    )
    assert {"practice_field", "work_city", "disability_grade", "talent_category", "age"} <= set(SNAPSHOT_COLUMNS)


def test_synthetic_snapshot_is_deterministic(tmp_path: Path) -> None:
    first = pl.read_parquet(synthetic_snapshot(tmp_path / "a.parquet", 500, seed=3))
    second = pl.read_parquet(synthetic_snapshot(tmp_path / "b.parquet", 500, seed=3))
    assert first.equals(second)
    assert first.schema == pl.Schema(SNAPSHOT_COLUMNS)


def test_vectorised_counts_equal_a_person_by_person_evaluation(small_snapshot: Path, tmp_path: Path) -> None:
    sample = tmp_path / "sample.parquet"
    pl.read_parquet(small_snapshot).head(300).write_parquet(sample)
    result = simulate(sample, RELAX, period="2025-01", chunk_rows=128)
    before = person_by_person(sample, {}, "2025-01")
    after = person_by_person(sample, RELAX, "2025-01")
    for name in ELIGIBILITY_OUTPUTS:
        counts = result["total"]["outputs"][name]
        assert counts["before"] == sum(p[name] for p in before)
        assert counts["after"] == sum(p[name] for p in after)
        assert counts["gained"] == sum(a[name] and not b[name] for a, b in zip(after, before, strict=True))


def test_groups_partition_the_population(small_snapshot: Path) -> None:
    result = simulate(small_snapshot, {}, by=["practice_field", "work_city"])
    assert result["persons"] == 3_000
    assert sum(group["persons"] for group in result["groups"]) == 3_000
    keys = [tuple(group["key"].values()) for group in result["groups"]]
    assert len(keys) == len(set(keys))
    assert ("lawyer", "shenzhen") in keys
    for name in ELIGIBILITY_OUTPUTS:
        total = result["total"]["outputs"][name]
        assert total["before"] == total["after"] == sum(g["outputs"][name]["before"] for g in result["groups"])
        assert total["gained"] == total["lost"] == 0


def test_relaxing_the_lawyers_threshold_to_two_years_moves_exactly_the_lawyers_with_two_years(
    small_snapshot: Path,
) -> None:
    frame = pl.read_parquet(small_snapshot)
    before = evaluate(rulebook(), frame, "2025-01", ["practice_eligible"])["practice_eligible"]
    after = evaluate(apply(RELAX), frame, "2025-01", ["practice_eligible"])["practice_eligible"]
    moved = np.flatnonzero(after & ~before)
    lawyers_with_two_years_otherwise_eligible = np.flatnonzero(
        (frame["practice_field"] == "lawyer").to_numpy()
        & (frame["years_of_practice"] == 2).to_numpy()
        & frame["holds_home_licence"].to_numpy()
        & frame["is_permanent_resident"].to_numpy()
        & frame["is_chinese_citizen"].to_numpy()
        & ~frame["has_disciplinary_record"].to_numpy()
    )
    assert len(moved) > 0
    assert moved.tolist() == lawyers_with_two_years_otherwise_eligible.tolist()
    assert not np.any(before & ~after)
    result = simulate(small_snapshot, RELAX, by=["practice_field"])
    gained = {g["key"]["practice_field"]: g["outputs"]["practice_eligible"]["gained"] for g in result["groups"]}
    assert gained["lawyer"] == len(moved)
    assert sum(gained.values()) == len(moved)


def test_chunking_does_not_change_the_result(small_snapshot: Path) -> None:
    whole = simulate(small_snapshot, RELAX, by=["work_city"])
    chunked = simulate(small_snapshot, RELAX, by=["work_city"], chunk_rows=700)
    assert whole["groups"] == chunked["groups"]


@pytest.mark.parametrize(
    ("by", "period", "message"), [(["nope"], "2025-01", "not snapshot columns"), ([], "2025", "expected a month")]
)
def test_bad_grouping_or_period_is_refused(small_snapshot: Path, by: list[str], period: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        simulate(small_snapshot, {}, by=by, period=period)


def test_a_reform_of_a_parameter_default_reaches_every_person_even_if_the_snapshot_has_a_value(
    small_snapshot: Path,
) -> None:
    # given a snapshot whose rows carry a minimum wage of their own
    frame = pl.read_parquet(small_snapshot).head(200).with_columns(local_minimum_wage=pl.lit(1.0))
    outputs = ["unemployment_benefit_monthly"]
    baseline = evaluate(rulebook(), frame, "2025-06", outputs)["unemployment_benefit_monthly"]
    # when the minimum wage of every city is raised by a reform
    reform = {
        f"insurance.minimum_wage.{city}": {"2025-01-01": 9000}
        for city in (
            "guangzhou",
            "shenzhen",
            "zhuhai",
            "foshan",
            "huizhou",
            "dongguan",
            "zhongshan",
            "jiangmen",
            "zhaoqing",
        )
    }
    reformed = evaluate(apply(reform), frame, "2025-06", outputs)["unemployment_benefit_monthly"]
    # then the benefit follows the reformed parameter, not the column
    paid = baseline > 0
    assert paid.any()
    assert np.allclose(reformed[paid], 9000 * 0.9)
    assert not np.allclose(baseline[paid], 0.9)

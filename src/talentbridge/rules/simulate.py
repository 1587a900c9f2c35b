"""Population what-if: a Parquet snapshot evaluated before and after a reform, counted by group.

The snapshot has one column per rules input, named after the variable (`SNAPSHOT_COLUMNS`);
enum columns hold category names. Rows are read in chunks (polars) and each chunk is one
vectorised OpenFisca simulation (`build_default_simulation` + `set_input` per column), so memory
stays bounded by the chunk size whatever the population.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from numpy.typing import NDArray
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from talentbridge.rules import reforms
from talentbridge.rules.categories import (
    ENUMS,
    EducationLevel,
    HomeJurisdiction,
    PracticeField,
    PracticeZone,
    TalentCategory,
    WorkCity,
)
from talentbridge.rules.contract import ELIGIBILITY_OUTPUTS, INPUTS
from talentbridge.rules.situation import DECISION_DATE, MONTH, parse_day
from talentbridge.rules.system import rulebook
from talentbridge.rules.version import rules_version

DEFAULT_CHUNK_ROWS = 500_000
PHASES = ("baseline", "reform", "grouping")
# (phase just finished, steps done so far): each chunk is two steps (baseline, reform), grouping one more.
OnProgress = Callable[[str, int], None]


def chunk_count(rows: int, chunk_rows: int = DEFAULT_CHUNK_ROWS) -> int:
    """Chunks of `chunk_rows` a snapshot of `rows` is read in (at least one)."""
    return max(1, -(-rows // chunk_rows))


def step_count(rows: int, chunk_rows: int = DEFAULT_CHUNK_ROWS) -> int:
    """Steps `simulate` reports for a snapshot of `rows`: two per chunk, then the grouping."""
    return 2 * chunk_count(rows, chunk_rows) + 1


def _dtype(name: str) -> pl.DataType:
    variable = rulebook().variables[name]
    if name in ENUMS:
        return pl.Enum(list(ENUMS[name].__members__))
    return {bool: pl.Boolean(), int: pl.Int32(), float: pl.Float64()}[variable.value_type]


def _snapshot_columns() -> dict[str, pl.DataType]:
    names = dict.fromkeys(name for area in INPUTS.values() for name in area)
    return {name: _dtype(name) for name in names}


# The snapshot schema: one column per rules input, in a fixed order, with its polars type.
SNAPSHOT_COLUMNS: dict[str, pl.DataType] = _snapshot_columns()


def _column_array(tbs: TaxBenefitSystem, name: str, series: pl.Series) -> Any:
    if series.null_count():
        raise ValueError(f"snapshot column {name!r} has {series.null_count()} null values")
    if name in ENUMS:
        codes = series.cast(SNAPSHOT_COLUMNS[name]).to_physical().to_numpy().astype(np.int16)
        return EnumArray(codes, ENUMS[name])
    return series.to_numpy().astype(tbs.variables[name].dtype, copy=False)


def evaluate(
    tbs: TaxBenefitSystem, frame: pl.DataFrame, period: str, outputs: Sequence[str]
) -> dict[str, NDArray[Any]]:
    """Outputs for every row of `frame`, in one vectorised simulation.

    `period` is a month (rules in force on its first day) or a day `YYYY-MM-DD` (rules in force that day).
    """
    day = parse_day(period)
    month = period[:7] if day is not None else period
    simulation = SimulationBuilder().build_default_simulation(tbs, frame.height)
    if day is not None:
        simulation.set_input(DECISION_DATE, month, np.full(frame.height, np.datetime64(day, "D")))
    for name in SNAPSHOT_COLUMNS:
        # Inputs whose default comes from parameters (minimum wage, pension base, average wage) are
        # computed, not read: a reform of those parameters must reach every person.
        if name in frame.columns and not tbs.variables[name].formulas:
            simulation.set_input(name, month, _column_array(tbs, name, frame[name]))
    return {name: np.asarray(simulation.calculate(name, month)) for name in outputs}


def check_snapshot(snapshot: pl.LazyFrame, by: Sequence[str], period: str) -> None:
    """ValueError unless `period` is a month or a day, the snapshot has every input and `by` names its columns."""
    if not MONTH.match(period) and parse_day(period) is None:
        raise ValueError(f"period {period!r}: expected a month YYYY-MM or a day YYYY-MM-DD")
    columns = snapshot.collect_schema().names()
    missing = [name for name in SNAPSHOT_COLUMNS if name not in columns]
    if missing:
        raise ValueError(f"snapshot lacks columns: {', '.join(missing)}")
    unknown = [name for name in by if name not in SNAPSHOT_COLUMNS]
    if unknown:
        raise ValueError(f"--by: not snapshot columns: {', '.join(unknown)}")


def chunk_counts(
    frame: pl.DataFrame, by: Sequence[str], before: dict[str, NDArray[Any]], after: dict[str, NDArray[Any]]
) -> pl.DataFrame:
    data: dict[str, Any] = {name: frame[name] for name in by}
    aggregates: list[pl.Expr] = [pl.len().alias("persons")]
    for name in before:
        b, a = before[name].astype(bool), after[name].astype(bool)
        data[f"{name}.before"], data[f"{name}.after"] = b, a
        data[f"{name}.gained"], data[f"{name}.lost"] = a & ~b, b & ~a
        aggregates += [pl.col(f"{name}.{part}").sum() for part in ("before", "after", "gained", "lost")]
    table = pl.DataFrame(data)
    if by:
        return table.group_by(list(by)).agg(aggregates)
    return table.select(aggregates)


def simulate(
    snapshot_path: str | Path,
    reform: Any,
    by: Sequence[str] = (),
    period: str = "2025-01",
    outputs: Sequence[str] = ELIGIBILITY_OUTPUTS,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    on_progress: OnProgress | None = None,
) -> dict[str, Any]:
    """Counts eligible before and after `reform`, and who moves, per group of `by` columns.

    `on_progress(phase, steps_done)` is called after each chunk's baseline and reform and after the
    grouping (`step_count` steps in all), so a background job can report how far it has got.
    """
    report = on_progress or (lambda phase, done: None)
    baseline = rulebook()
    reformed = reforms.apply(reform, baseline)
    snapshot = pl.scan_parquet(snapshot_path)
    check_snapshot(snapshot, by, period)
    rows = int(snapshot.select(pl.len()).collect().item())
    partials = []
    steps = 0
    for offset in range(0, rows, chunk_rows):
        frame = snapshot.slice(offset, chunk_rows).select(list(SNAPSHOT_COLUMNS)).collect()
        before = evaluate(baseline, frame, period, outputs)
        steps += 1
        report("baseline", steps)
        after = before if reformed is baseline else evaluate(reformed, frame, period, outputs)
        steps += 1
        report("reform", steps)
        partials.append(chunk_counts(frame, by, before, after))
        del frame, before, after
    groups: list[dict[str, Any]] = []
    total = None
    if partials:
        counts = pl.concat(partials)
        sums = [pl.col(column).sum() for column in counts.columns if column not in by]
        counts = (counts.group_by(list(by)).agg(sums).sort(list(by))) if by else counts.select(sums)
        groups = [_group(row, by, outputs) for row in counts.iter_rows(named=True)]
        total = _group(counts.select(sums).row(0, named=True), (), outputs)
    report("grouping", steps + 1)
    return {
        "period": period,
        "reform": reform or {},
        "rules_version": rules_version(),
        "persons": rows,
        "by": list(by),
        "outputs": list(outputs),
        "groups": groups,
        "total": total,
    }


def _group(row: dict[str, Any], by: Sequence[str], outputs: Sequence[str]) -> dict[str, Any]:
    return {
        "key": {name: row[name] for name in by},
        "persons": int(row["persons"]),
        "outputs": {
            name: {part: int(row[f"{name}.{part}"]) for part in ("before", "after", "gained", "lost")}
            for name in outputs
        },
    }


def format_table(result: dict[str, Any]) -> str:
    """A plain-text table: one row per group, `before -> after (+gained/-lost)` per output."""
    headers = [*result["by"], "persons", *result["outputs"]]
    rows = []
    for group in [*result["groups"], *([result["total"]] if result["by"] and result["total"] else [])]:
        key = [str(group["key"][name]) if group["key"] else "" for name in result["by"]]
        if not group["key"]:
            key[0] = "TOTAL"
        cells = [f"{o['before']}->{o['after']} (+{o['gained']}/-{o['lost']})" for o in group["outputs"].values()]
        rows.append([*key, str(group["persons"]), *cells])
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in [headers, *rows]
    ]
    return "\n".join(lines)


def synthetic_snapshot(path: str | Path, n: int, seed: int = 0) -> Path:
    """Write a deterministic synthetic population of `n` persons covering all four areas."""
    rng = np.random.default_rng(seed)

    def pick(enum: Any, weights: Sequence[float]) -> pl.Series:
        names = list(enum.__members__)
        probabilities = np.asarray(weights, dtype=np.float64)
        codes = rng.choice(len(names), size=n, p=probabilities / probabilities.sum())
        return pl.Series(np.asarray(names)[codes]).cast(pl.Enum(names))

    def flag(p: float) -> NDArray[np.bool_]:
        return rng.random(n) < p

    columns: dict[str, Any] = {
        "practice_field": pick(PracticeField, [30, 10, 6, 6, 5, 5, 10, 6, 5, 12, 5]),
        "practice_zone": pick(PracticeZone, [60, 10, 10, 12, 8]),
        "home_jurisdiction": pick(HomeJurisdiction, [75, 25]),
        "years_of_practice": rng.integers(0, 16, n).astype(np.float64),
        "holds_home_licence": flag(0.85),
        "is_permanent_resident": flag(0.9),
        "is_chinese_citizen": flag(0.92),
        "has_disciplinary_record": flag(0.03),
        "talent_category": pick(TalentCategory, [40, 5, 15, 10, 10, 5, 15]),
        "holds_valid_eep": flag(0.8),
        "work_city": pick(WorkCity, [25, 30, 8, 9, 5, 9, 6, 4, 4]),
        "works_in_hetao_shenzhen_park": flag(0.02),
        "pension_calculation_base": np.full(n, 7800.0),
        "average_contribution_index": np.round(rng.uniform(0.4, 3.5, n), 2),
        "contribution_years": np.round(rng.integers(0, 41 * 12, n) / 12.0, 4),
        "personal_account_balance": np.round(rng.uniform(0, 400_000, n), 2),
        "retirement_age_months": rng.integers(50 * 12, 65 * 12 + 1, n).astype(np.int32),
        "unemployment_contribution_months": rng.integers(0, 241, n).astype(np.int32),
        "involuntary_job_loss": flag(0.3),
        "registered_as_job_seeker": flag(0.6),
        "local_minimum_wage": np.zeros(n),
        "disability_grade": np.where(flag(0.05), rng.integers(1, 11, n), 0).astype(np.int32),
        "pre_injury_average_wage": np.round(rng.uniform(2_000, 40_000, n), 2),
        "local_average_wage": np.full(n, 9_000.0),
        "employer_arranges_work": flag(0.5),
        "age": rng.integers(18, 66, n).astype(np.int32),
        "education_level": pick(EducationLevel, [5, 20, 20, 40, 15]),
        "is_hong_kong_graduate": flag(0.4),
        "offered_monthly_salary_hkd": np.round(rng.uniform(10_000, 40_000, n), 0),
    }
    # The city's minimum wage is an input with a default: the snapshot carries the value in force.
    minimum_wage = rulebook().parameters("2025-01-01").insurance.minimum_wage
    wages = np.array([float(minimum_wage[name]) for name in WorkCity.__members__])
    columns["local_minimum_wage"] = wages[columns["work_city"].to_physical().to_numpy()]
    frame = pl.DataFrame({name: columns[name] for name in SNAPSHOT_COLUMNS}).with_columns(
        [pl.col(name).cast(dtype) for name, dtype in SNAPSHOT_COLUMNS.items()]
    )
    target = Path(path)
    frame.write_parquet(target, row_group_size=100_000)
    return target

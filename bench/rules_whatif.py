"""Rules what-if benchmark: a reform over a 1,000,000-person snapshot covering all four areas.

Measures load + baseline + reform + grouping through the kernel (vectorised OpenFisca, chunked),
in a fresh subprocess so its peak RSS (`resource.getrusage`) is the what-if's own. Ratios against
(a) the same rules evaluated person by person through the kernel on a sample, scaled to the
population, and (b) a hand-written polars version of the same eligibility rules (which must agree
with the kernel's counts). `run()` returns the figures; `python -m bench.rules_whatif` prints them.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

import polars as pl  # noqa: E402

from talentbridge.rules.categories import EducationLevel  # noqa: E402
from talentbridge.rules.contract import ELIGIBILITY_OUTPUTS  # noqa: E402
from talentbridge.rules.reforms import apply  # noqa: E402
from talentbridge.rules.simulate import evaluate, simulate, synthetic_snapshot  # noqa: E402
from talentbridge.rules.system import rulebook  # noqa: E402
from talentbridge.rules.variables import _pathways as pw  # noqa: E402

PERIOD = "2025-01"
BY = ["practice_field", "work_city"]
# One change in each area: practice, insurance (pension, unemployment), endorsement, opportunities.
REFORM: dict[str, dict[str, Any]] = {
    "practice.pathways.lawyer.nine_cities.minimum_years_of_practice": {"2024-01-01": 2},
    "insurance.pension.minimum_contribution_years": {"2025-01-01": 16},
    "insurance.unemployment.minimum_contribution_months": {"2025-01-01": 6},
    "mobility.talent_endorsement.validity_years.other": {"2025-01-01": 0},
    "opportunities.youth_employment_scheme.maximum_age": {"2025-01-01": 35},
}
TARGET_SECONDS = 2.0
TARGET_RSS_MB = 2048.0


def kernel_whatif(snapshot: Path) -> dict[str, Any]:
    """Load + baseline + reform + grouping through the kernel; seconds and peak RSS of this process."""
    rulebook()  # the rulebook loads once per process, like a warm worker
    started = time.perf_counter()
    result = simulate(snapshot, REFORM, by=BY, period=PERIOD)
    seconds = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    totals = {name: result["total"]["outputs"][name] for name in ELIGIBILITY_OUTPUTS}
    return {"seconds": seconds, "rss_mb": rss_mb, "groups": len(result["groups"]), "totals": totals}


def _in_subprocess(snapshot: Path) -> dict[str, Any]:
    completed = subprocess.run(  # noqa: S603 (fixed argv: this interpreter and this module)
        [sys.executable, "-m", "bench.rules_whatif", "--child", str(snapshot)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def person_by_person(snapshot: Path, sample: int) -> float:
    """Seconds to evaluate `sample` persons one simulation each, baseline and reform."""
    frame = pl.read_parquet(snapshot, n_rows=sample)
    systems = [rulebook(), apply(REFORM)]
    started = time.perf_counter()
    for start in range(frame.height):
        row = frame.slice(start, 1)
        for tbs in systems:
            evaluate(tbs, row, PERIOD, ELIGIBILITY_OUTPUTS)
    return time.perf_counter() - started


def _pathway_cells(tbs: Any, month: int) -> pl.DataFrame:
    node = tbs.parameters(f"{PERIOD}-01").practice.pathways
    rows = []
    for f, field in enumerate(pw.FIELDS):
        for z, zone in enumerate(pw.ZONES):

            def term(attribute: str, default: Any, f: int = f, z: int = z) -> Any:
                return pw.table(node, attribute, default)[f, z]

            rows.append(
                {
                    "practice_field": field,
                    "cell_zone": zone,
                    "available": term("mechanism", None) is not None,
                    "open_hk": bool(term("open_to_hong_kong", False)),
                    "open_mo": bool(term("open_to_macao", False)),
                    "req_licence": bool(term("requires_home_licence", False)),
                    "req_pr": bool(term("requires_permanent_residence", False)),
                    "req_citizen": bool(term("requires_chinese_citizenship", False)),
                    "req_clean": bool(term("requires_clean_disciplinary_record", False)),
                    "min_years": float(term("minimum_years_of_practice", 0)),
                    "window": month in term("application_window_months", pw.ALL_MONTHS),
                }
            )
    return pl.DataFrame(rows).with_columns(
        pl.col("practice_field").cast(pl.Enum(pw.FIELDS)), pl.col("cell_zone").cast(pl.Enum(pw.ZONES))
    )


def polars_eligibility(frame: pl.LazyFrame, tbs: Any, suffix: str) -> pl.LazyFrame:
    """The five eligibility rules written directly in polars, with the system's parameter values."""
    at = tbs.parameters(f"{PERIOD}-01")
    cells = _pathway_cells(tbs, int(PERIOD[5:])).lazy()
    hk = pl.col("home_jurisdiction") == "hong_kong"
    zone_cells = cells.rename({c: f"z_{c}" for c in cells.collect_schema().names() if c != "practice_field"})
    nine_cells = cells.filter(pl.col("cell_zone") == "nine_cities").drop("cell_zone")
    nine_cells = nine_cells.rename({c: f"n_{c}" for c in nine_cells.collect_schema().names() if c != "practice_field"})
    frame = frame.join(
        zone_cells,
        left_on=["practice_field", "practice_zone"],
        right_on=["practice_field", "z_cell_zone"],
        how="left",
        maintain_order="left",
    ).join(nine_cells, on="practice_field", how="left", maintain_order="left")
    zone_open = (
        (pl.col("practice_zone") != "nine_cities")
        & pl.col("z_available")
        & pl.when(hk).then(pl.col("z_open_hk")).otherwise(pl.col("z_open_mo"))
    )
    nine_open = pl.col("n_available") & pl.when(hk).then(pl.col("n_open_hk")).otherwise(pl.col("n_open_mo"))

    def chosen(term: str) -> pl.Expr:
        return pl.when(zone_open).then(pl.col(f"z_{term}")).otherwise(pl.col(f"n_{term}"))

    practice = (
        (zone_open | nine_open)
        & (~chosen("req_licence") | pl.col("holds_home_licence"))
        & (~chosen("req_pr") | pl.col("is_permanent_resident"))
        & (~chosen("req_citizen") | pl.col("is_chinese_citizen"))
        & (~chosen("req_clean") | ~pl.col("has_disciplinary_record"))
        & (pl.col("years_of_practice") >= chosen("min_years"))
        & chosen("window")
    )
    endorsement_rules = at.mobility.talent_endorsement
    validity = {
        name: int(endorsement_rules.validity_years[name]) for name in endorsement_rules.validity_years._children
    }
    category_ok = (
        pl.col("talent_category").cast(pl.String).replace_strict(validity, default=0, return_dtype=pl.Int32) > 0
    )
    hetao_in_force = "hetao_park_staff_validity_years" in endorsement_rules._children
    hetao = pl.lit(hetao_in_force) & pl.col("works_in_hetao_shenzhen_park") & (pl.col("work_city") == "shenzhen")
    cities = [name for name, value in endorsement_rules.available_in_city._children.items() if value]
    endorsement = pl.col("holds_valid_eep") & pl.col("work_city").cast(pl.String).is_in(cities) & (category_ok | hetao)
    pension = pl.col("contribution_years") >= float(at.insurance.pension.minimum_contribution_years)
    unemployment = (
        (pl.col("unemployment_contribution_months") >= int(at.insurance.unemployment.minimum_contribution_months))
        & pl.col("involuntary_job_loss")
        & pl.col("registered_as_job_seeker")
    )
    scheme = at.opportunities.youth_employment_scheme
    age_ok = pl.col("age") <= int(scheme.maximum_age) if "maximum_age" in scheme._children else pl.lit(True)
    education_ok = pl.col("education_level").to_physical() >= EducationLevel[scheme.minimum_education_level].index
    youth = (
        pl.col("is_hong_kong_graduate")
        & age_ok
        & education_ok
        & (pl.col("offered_monthly_salary_hkd") >= float(scheme.minimum_monthly_salary_hkd))
    )
    rules = dict(zip(ELIGIBILITY_OUTPUTS, (practice, endorsement, pension, unemployment, youth), strict=True))
    return frame.select(*BY, *[expr.fill_null(False).alias(f"{name}.{suffix}") for name, expr in rules.items()])


def polars_whatif(snapshot: Path) -> tuple[float, dict[str, dict[str, int]]]:
    """Seconds for load + baseline + reform + grouping in hand-written polars, and its totals."""
    reformed = apply(REFORM)
    started = time.perf_counter()
    frame = pl.scan_parquet(snapshot)
    before = polars_eligibility(frame, rulebook(), "before")
    after = polars_eligibility(frame, reformed, "after").drop(BY)
    both = pl.concat([before, after], how="horizontal")
    aggregates = [pl.len().alias("persons")]
    for name in ELIGIBILITY_OUTPUTS:
        b, a = pl.col(f"{name}.before"), pl.col(f"{name}.after")
        aggregates += [
            b.sum().alias(f"{name}.before"),
            a.sum().alias(f"{name}.after"),
            (a & ~b).sum().alias(f"{name}.gained"),
            (b & ~a).sum().alias(f"{name}.lost"),
        ]
    groups = both.group_by(BY).agg(aggregates).collect()
    seconds = time.perf_counter() - started
    totals = {
        name: {part: int(groups[f"{name}.{part}"].sum()) for part in ("before", "after", "gained", "lost")}
        for name in ELIGIBILITY_OUTPUTS
    }
    return seconds, totals


def run(persons: int = 1_000_000, sample: int = 10_000, seed: int = 2025) -> list[dict[str, Any]]:
    """Benchmark figures: name, figure, unit, baseline, ratio, note."""
    with tempfile.TemporaryDirectory(prefix="rules-whatif-") as folder:
        snapshot = synthetic_snapshot(Path(folder) / "snapshot.parquet", persons, seed)
        kernel = _in_subprocess(snapshot)
        per_person = person_by_person(snapshot, min(sample, persons)) * persons / min(sample, persons)
        polars_seconds, polars_totals = polars_whatif(snapshot)
    agree = polars_totals == kernel["totals"]
    scope = f"{persons:,} persons, 4 areas, 5 eligibility outputs, reform of 5 parameters, by {'+'.join(BY)}"
    return [
        {
            "name": "rules what-if (kernel, vectorised)",
            "figure": round(kernel["seconds"], 3),
            "unit": "s",
            "baseline": TARGET_SECONDS,
            "ratio": round(kernel["seconds"] / TARGET_SECONDS, 3),
            "note": f"{scope}; load + baseline + reform + grouping; target < {TARGET_SECONDS:g} s",
        },
        {
            "name": "rules what-if peak RSS",
            "figure": round(kernel["rss_mb"], 1),
            "unit": "MB",
            "baseline": TARGET_RSS_MB,
            "ratio": round(kernel["rss_mb"] / TARGET_RSS_MB, 3),
            "note": "ru_maxrss of a fresh subprocess (includes the interpreter and the rulebook); target < 2 GB",
        },
        {
            "name": "rules what-if vs person by person",
            "figure": round(kernel["seconds"], 3),
            "unit": "s",
            "baseline": round(per_person, 1),
            "ratio": round(per_person / kernel["seconds"], 1),
            "note": f"baseline: one kernel simulation per person on a {min(sample, persons):,} sample, scaled; ratio = speed-up",
        },
        {
            "name": "rules what-if vs hand-written polars",
            "figure": round(kernel["seconds"], 3),
            "unit": "s",
            "baseline": round(polars_seconds, 3),
            "ratio": round(kernel["seconds"] / polars_seconds, 2),
            "note": f"ratio = kernel / polars (goal <= 5); polars counts {'agree' if agree else 'DISAGREE'} with the kernel",
        },
    ]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.rules_whatif", description=__doc__)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(kernel_whatif(Path(args.child))))
        return
    for row in run(args.persons, args.sample, args.seed):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()

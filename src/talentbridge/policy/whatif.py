"""A what-if computed in phases (baseline, reform, grouping) so a background job can report each one.

The counts are the kernel's: the same chunked evaluation (`simulate.evaluate`) and the same
grouping as `simulate.simulate`, whose result shape this returns, so a stored run equals the CLI's
`simulate --json` on the same snapshot, reform, grouping and period.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import polars as pl
from numpy.typing import NDArray

from talentbridge.rules import reforms, simulate
from talentbridge.rules.contract import ELIGIBILITY_OUTPUTS
from talentbridge.rules.system import rulebook
from talentbridge.rules.version import rules_version

PHASES = ("baseline", "reform", "grouping")
OnPhase = Callable[[str, int], None]  # (phase just finished or advanced, chunks done in it)


def snapshot_columns(path: str | Path) -> list[str]:
    """Column names of a Parquet snapshot (reads the footer only)."""
    return list(pl.scan_parquet(path).collect_schema().names())


def snapshot_rows(path: str | Path) -> int:
    return int(pl.scan_parquet(path).select(pl.len()).collect().item())


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def chunk_count(rows: int, chunk_rows: int = simulate.DEFAULT_CHUNK_ROWS) -> int:
    return max(1, -(-rows // chunk_rows))


def _evaluate_all(
    tbs: Any,
    snapshot: pl.LazyFrame,
    rows: int,
    period: str,
    outputs: Sequence[str],
    chunk_rows: int,
    tick: Callable[[], None],
) -> list[dict[str, NDArray[Any]]]:
    results = []
    for offset in range(0, rows, chunk_rows):
        frame = snapshot.slice(offset, chunk_rows).select(list(simulate.SNAPSHOT_COLUMNS)).collect()
        results.append(
            {name: values.astype(bool) for name, values in simulate.evaluate(tbs, frame, period, outputs).items()}
        )
        del frame
        tick()
    return results


def compute(
    snapshot_path: str | Path,
    reform: Any,
    by: Sequence[str],
    period: str,
    on_phase: OnPhase | None = None,
    outputs: Sequence[str] = ELIGIBILITY_OUTPUTS,
    chunk_rows: int = simulate.DEFAULT_CHUNK_ROWS,
) -> dict[str, Any]:
    """Counts eligible before and after `reform` per group of `by`, shaped like `simulate.simulate`."""
    report = on_phase or (lambda phase, done: None)
    baseline = rulebook()
    reformed = reforms.apply(reform, baseline)
    snapshot = pl.scan_parquet(snapshot_path)
    simulate._check(snapshot, by, period)
    rows = int(snapshot.select(pl.len()).collect().item())

    def ticker(phase: str) -> Callable[[], None]:
        count = [0]

        def tick() -> None:
            count[0] += 1
            report(phase, count[0])

        return tick

    before = _evaluate_all(baseline, snapshot, rows, period, outputs, chunk_rows, ticker("baseline"))
    if reformed is baseline:
        after = before
        report("reform", len(before))
    else:
        after = _evaluate_all(reformed, snapshot, rows, period, outputs, chunk_rows, ticker("reform"))
    partials = []
    for index, offset in enumerate(range(0, rows, chunk_rows)):
        frame = snapshot.slice(offset, chunk_rows).select(list(by)).collect() if by else pl.DataFrame()
        partials.append(simulate._chunk_counts(frame, by, before[index], after[index]))
    result = _assemble(partials, rows, reform, by, period, outputs)
    report("grouping", 1)
    return result


def _assemble(
    partials: list[pl.DataFrame], rows: int, reform: Any, by: Sequence[str], period: str, outputs: Sequence[str]
) -> dict[str, Any]:
    groups: list[dict[str, Any]] = []
    total = None
    if partials:
        counts = pl.concat(partials)
        sums = [pl.col(column).sum() for column in counts.columns if column not in by]
        counts = (counts.group_by(list(by)).agg(sums).sort(list(by))) if by else counts.select(sums)
        groups = [simulate._group(row, by, outputs) for row in counts.iter_rows(named=True)]
        total = simulate._group(counts.select(sums).row(0, named=True), (), outputs) if rows else None
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

"""A what-if over a snapshot, as a background job runs it: the kernel's `simulate` with progress.

A stored run equals the CLI's `simulate --json` on the same snapshot, reform, grouping and period,
because both are the same call.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from talentbridge.rules import simulate
from talentbridge.rules.contract import ELIGIBILITY_OUTPUTS

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


def step_count(rows: int, chunk_rows: int = simulate.DEFAULT_CHUNK_ROWS) -> int:
    """Progress steps of a run over `rows` persons (see `simulate.simulate`)."""
    return simulate.step_count(rows, chunk_rows)


def compute(
    snapshot_path: str | Path,
    reform: Any,
    by: Sequence[str],
    period: str,
    on_progress: simulate.OnProgress | None = None,
    outputs: Sequence[str] = ELIGIBILITY_OUTPUTS,
    chunk_rows: int = simulate.DEFAULT_CHUNK_ROWS,
) -> dict[str, Any]:
    """Counts eligible before and after `reform` per group of `by`: the kernel's `simulate`, reporting progress."""
    return simulate.simulate(
        snapshot_path, reform, by=by, period=period, outputs=outputs, chunk_rows=chunk_rows, on_progress=on_progress
    )

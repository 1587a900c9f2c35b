"""Benchmark (a): synthetic persons per second written by `population_generate`."""

from __future__ import annotations

import time
from typing import Any

BASELINE_PERSONS_PER_SECOND = 1_000_000 / 180  # the target: one million persons in three minutes


def run(*, persons: int, seed: int, vendor: str, note: str) -> dict[str, Any]:
    from talentbridge.population.generate import population_generate

    started = time.perf_counter()
    population_generate(persons=persons, seed=seed)
    elapsed = time.perf_counter() - started
    rate = persons / elapsed
    result = {
        "name": "population_generation",
        "database": vendor,
        "persons": persons,
        "seconds": round(elapsed, 2),
        "persons_per_second": round(rate),
        "baseline_persons_per_second": round(BASELINE_PERSONS_PER_SECOND),
        "ratio": round(rate / BASELINE_PERSONS_PER_SECOND, 2),
        "note": note,
    }
    print(
        f"[population] {persons:,} persons into {vendor} in {elapsed:.1f} s: {rate:,.0f} persons/s; "
        f"baseline {BASELINE_PERSONS_PER_SECOND:,.0f}/s (1M in 180 s); ratio {result['ratio']:.2f}"
    )
    if note:
        print(f"[population] NOTE: {note}")
    return result

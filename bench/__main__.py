"""`python -m bench`: recreate the benchmark database, run every benchmark, write JSON to bench/results/."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

from bench import database

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--queue", type=int, default=100_000, help="cases in the large review queue")
    parser.add_argument("--baseline-queue", type=int, default=100, help="cases in the baseline review queue")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--rules-persons", type=int, default=1_000_000, help="persons in the what-if snapshot")
    args = parser.parse_args()

    bench_db = database.prepare()
    sys.path.insert(0, str(database.ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ["DJANGO_DEBUG"] = "0"  # measure what production renders, without debug bookkeeping
    import django

    django.setup()
    from django.core.management import call_command

    from bench import population, review_queue
    from talentbridge.reference.services import reference_load

    print(f"[bench] database: {bench_db.vendor} ({bench_db.url})")
    call_command("migrate", verbosity=0)
    reference_load()
    results: dict[str, Any] = {
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": bench_db.vendor,
        "benchmarks": [
            population.run(persons=args.persons, seed=args.seed, vendor=bench_db.vendor, note=bench_db.note),
            review_queue.run(
                big=args.queue,
                small=args.baseline_queue,
                requests=args.requests,
                seed=args.seed,
                note=bench_db.note,
            ),
        ],
    }
    from bench import insurance_import, rules_whatif

    import_rows = insurance_import.run()
    for row in import_rows:
        print(
            f"[insurance] {row['name']}: {row['figure']} {row['unit']} (baseline {row['baseline']}, ratio {row['ratio']}) — {row['note']}"
        )
    results["benchmarks"].append({"name": "insurance import", "rows": import_rows})

    rules_rows = rules_whatif.run(persons=args.rules_persons, seed=args.seed)
    for row in rules_rows:
        print(
            f"[rules] {row['name']}: {row['figure']} {row['unit']} (baseline {row['baseline']}, ratio {row['ratio']}) — {row['note']}"
        )
    results["benchmarks"].append({"name": "rules what-if", "rows": rules_rows})
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for name in (f"bench-{stamp}.json", "latest.json"):
        (RESULTS / name).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"[bench] results written to {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()

"""Contribution import benchmark: a 1,000,000-row CSV through the import task into the database.

The file (100,000 insured people x 10 periods in two cities, plus 0.5% rows of unknown people) is
written first; the import itself runs in a fresh subprocess through `run_contribution_import` —
streamed reading, per-row validation against the database, COPY on PostgreSQL (executemany on
SQLite), short transactions of 5,000 rows — so its wall time and peak RSS (`resource.getrusage`) are its own.
Baseline: 120 s for the million rows; ratio = measured / baseline (below 1 is better).
`run()` returns the figures; `python -m bench.insurance_import` prints them.
"""

from __future__ import annotations

import argparse
import json
import os
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

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/talentbridge_bench"
BASELINE_SECONDS = 120.0
TARGET_RSS_MB = 512.0
ROWS_PER_PERSON = 10
BAD_ROW_EVERY = 200  # one row of an unknown person per 200
EMAIL = "bench-insured-{n}@example.org"
HEADER = "person_email,scheme,city,employer_name,employer_code,start_month,end_month,monthly_wage\n"
# Both periods in Guangzhou: the importer is the Guangzhou fund, which records contributions in its city.
CAREER = (("guangzhou", "2018-01", "2020-12"), ("guangzhou", "2021-01", ""))
SCHEMES = ("pension", "unemployment", "work_injury", "medical", "maternity")


def _django() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    if os.environ["DATABASE_URL"].rstrip("/").rsplit("/", 1)[-1].startswith("test_"):
        raise SystemExit("refusing to benchmark on a test database")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _prepare_database() -> None:
    from django.core.management import call_command

    from talentbridge.reference.services import reference_load

    call_command("migrate", verbosity=0)
    reference_load()


def persons_ensure(count: int) -> None:
    """`count` insured applicants `bench-insured-N@…` (created once, reused by later runs)."""
    from django.contrib.auth.hashers import make_password

    from talentbridge.accounts.models import Role, User

    existing = User.objects.filter(email__startswith="bench-insured-").count()
    password = make_password(None)
    for start in range(existing, count, 10_000):
        User.objects.bulk_create(
            [
                User(
                    email=EMAIL.format(n=n),
                    full_name=f"Bench {n}",
                    role=Role.APPLICANT,
                    residence="HK",
                    password=password,
                )
                for n in range(start, min(start + 10_000, count))
            ],
            ignore_conflicts=True,
        )


def periods_clear() -> None:
    from django.db import connection

    from talentbridge.insurance.models import ContributionImport, ContributionPeriod

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ContributionPeriod._meta.db_table}")  # noqa: S608
    ContributionImport.objects.all().delete()


def write_file(path: Path, rows: int) -> int:
    """A contribution CSV of `rows` rows, written as a stream; returns how many rows are bad."""
    bad = 0
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        person = 0
        while written < rows:
            email = EMAIL.format(n=person)
            wage = 8000 + (person % 50) * 100
            for city, start, end in CAREER:
                for scheme in SCHEMES:
                    if written >= rows:
                        break
                    written += 1
                    if written % BAD_ROW_EVERY == 0:
                        handle.write(f"nobody-{written}@example.org,{scheme},{city},Bench Co,,{start},{end},{wage}\n")
                        bad += 1
                        continue
                    handle.write(f"{email},{scheme},{city},Bench Co {city},BC{person % 997},{start},{end},{wage}\n")
            person += 1
    return bad


def child(path: Path) -> dict[str, Any]:
    """In a fresh process: import the file through the task's function; seconds, RSS and counts."""
    _django()
    from django.contrib.auth.hashers import make_password

    from talentbridge.accounts.models import Role, User
    from talentbridge.insurance.models import ContributionImport
    from talentbridge.insurance.tasks import run_contribution_import
    from talentbridge.reference.models import Authority

    # Contributions are recorded by the fund of their city (or an employer for its own employees).
    agency = User.objects.filter(email="bench-fund@example.org").first()
    if agency is None:
        agency = User.objects.create(
            email="bench-fund@example.org",
            full_name="Bench Guangzhou fund officer",
            role=Role.REVIEWER,
            authority=Authority.objects.get(code="GUANGZHOU-SIF"),
            password=make_password(None),
        )
    record = ContributionImport.objects.create(
        uploaded_by=agency,
        original_name=path.name,
        file_format="csv",
        sha256=f"bench-{time.time_ns()}",
        stored_path=str(path),
    )
    started = time.perf_counter()
    run_contribution_import.func(record.pk, "en")
    seconds = time.perf_counter() - started
    record.refresh_from_db()
    from django.db import connection

    return {
        "seconds": seconds,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "status": record.status,
        "total": record.rows_total,
        "accepted": record.rows_accepted,
        "rejected": record.rows_rejected,
        "vendor": connection.vendor,
    }


def run(rows: int = 1_000_000) -> list[dict[str, Any]]:
    """Import `rows` rows; figures: seconds (ratio to 120 s), rows per second, peak RSS."""
    _django()
    _prepare_database()
    persons_ensure(rows // ROWS_PER_PERSON + 1)
    periods_clear()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contributions.csv"
        bad = write_file(path, rows)
        completed = subprocess.run(  # noqa: S603 (fixed argv: this interpreter and this module)
            [sys.executable, "-m", "bench.insurance_import", "--child", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ},
        )
        result = json.loads(completed.stdout.strip().splitlines()[-1])
    if result["status"] != "done" or result["rejected"] != bad or result["accepted"] != rows - bad:
        raise RuntimeError(f"import did not give the expected counts: {result} (bad rows written: {bad})")
    note = f"{result['vendor']}; {rows:,} rows, {bad:,} rejected by design; short transactions per 5,000-row chunk"
    seconds = result["seconds"]
    return [
        {
            "name": f"insurance import: {rows:,} contribution rows",
            "figure": round(seconds, 1),
            "unit": "s",
            "baseline": BASELINE_SECONDS,
            "ratio": round(seconds / BASELINE_SECONDS, 3),
            "note": note,
        },
        {
            "name": "insurance import: rows per second",
            "figure": round(rows / seconds),
            "unit": "rows/s",
            "baseline": round(1_000_000 / BASELINE_SECONDS),
            "ratio": round((rows / seconds) / (1_000_000 / BASELINE_SECONDS), 3),
            "note": note,
        },
        {
            "name": "insurance import: peak RSS",
            "figure": round(result["rss_mb"], 1),
            "unit": "MB",
            "baseline": TARGET_RSS_MB,
            "ratio": round(result["rss_mb"] / TARGET_RSS_MB, 3),
            "note": "whole import process (Django, rules kernel loaded, one 20,000-row chunk at a time)",
        },
    ]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.insurance_import", description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    for row in run(rows=args.rows):
        print(
            f"[insurance] {row['name']}: {row['figure']} {row['unit']} (baseline {row['baseline']}, ratio {row['ratio']}) — {row['note']}"
        )


if __name__ == "__main__":
    main()

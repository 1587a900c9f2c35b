"""`manage.py generate_population`: a deterministic synthetic population, bulk-loaded, with a progress bar."""

from __future__ import annotations

import datetime as dt
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from talentbridge.population.generate import DEFAULT_AS_OF, population_generate
from talentbridge.population.snapshot import snapshot_write


class Command(BaseCommand):
    help = "Generate N synthetic persons (same seed, same data) and optionally export a Parquet snapshot."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--applications-share", type=float, default=0.05, help="share of persons with cases")
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=DEFAULT_AS_OF, help="YYYY-MM-DD")
        parser.add_argument("--snapshot", help="write a Parquet snapshot of this run to PATH")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        with tqdm(total=options["persons"], unit="persons", file=sys.stderr, disable=options["verbosity"] == 0) as bar:

            def advance(done: int) -> None:
                bar.update(done)

            run = population_generate(
                persons=options["persons"],
                seed=options["seed"],
                applications_share=options["applications_share"],
                as_of=options["as_of"],
                on_progress=advance,
            )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Run {run.pk}: {run.persons} persons in {elapsed:.1f} s ({run.persons / elapsed:,.0f} persons/s)."
        )
        if options["snapshot"]:
            rows = snapshot_write(options["snapshot"], run_id=run.pk)
            self.stdout.write(f"Snapshot: {rows} persons written to {options['snapshot']}.")

"""`manage.py process_deadlines`: apply expiry actions (tacit approval, expiry) to overdue cases.

Run it daily from the scheduler (cron, a systemd timer); `make demo` runs it at start.
"""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from talentbridge.casework.services import deadlines_process


class Command(BaseCommand):
    help = "Apply each workflow's action to cases whose deadline has passed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Process as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as exc:
                raise CommandError("--today must be a date like 2026-11-25") from exc
        done = deadlines_process(today=today)
        summary = ", ".join(f"{action}: {count}" for action, count in sorted(done.items())) or "nothing was due"
        self.stdout.write(f"Deadlines processed ({summary})")

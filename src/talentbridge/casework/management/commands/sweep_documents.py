"""`manage.py sweep_documents`: delete stored files that belong to no document (run daily)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from talentbridge.casework.documents import documents_sweep_orphans


class Command(BaseCommand):
    help = "Delete uploaded files left behind by requests that were rolled back."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than-minutes", type=int, default=60)

    def handle(self, *args: Any, **options: Any) -> None:
        removed = documents_sweep_orphans(older_than=dt.timedelta(minutes=options["older_than_minutes"]))
        self.stdout.write(f"Removed {removed} orphaned file(s)")

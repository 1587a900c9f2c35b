"""Write the trust list (and the current signed status lists) for offline verification."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from talentbridge.credentials import selectors


class Command(BaseCommand):
    help = "Write the trust list to PATH and each status list as a .jwt file into --status-lists DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="where to write the trust list JSON")
        parser.add_argument(
            "--status-lists", help="directory for the status lists (default: <PATH without .json>-status-lists)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        directory = Path(options["status_lists"] or path.with_name(path.stem + "-status-lists"))
        path.parent.mkdir(parents=True, exist_ok=True)
        directory.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(selectors.trust_list(), ensure_ascii=False, indent=2), encoding="utf-8")
        lists = selectors.all_status_lists()
        for url, token in lists.items():
            code, purpose = url.rstrip("/").split("/")[-2:]
            (directory / f"{code}-{purpose}.jwt").write_text(token + "\n", encoding="utf-8")
        self.stdout.write(f"Trust list: {path}\nStatus lists ({len(lists)}): {directory}")

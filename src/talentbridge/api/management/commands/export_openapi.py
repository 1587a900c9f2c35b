"""Write the API's OpenAPI schema to a file, or check that the committed file is current."""

import difflib
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from talentbridge.api.urls import api

MAX_DIFF_LINES = 60


def render_schema() -> str:
    """The schema as stable text: sorted keys, indent 2, a trailing newline, English labels."""
    with translation.override("en"):
        schema = api.get_openapi_schema(path_prefix="/api/v1/")
    # A round trip turns integer status keys into strings so that every key sorts alike.
    plain = json.loads(json.dumps(schema))
    return json.dumps(plain, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Export the OpenAPI schema of /api/v1/ (--output PATH) or check it for drift (--check PATH)."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--output", type=Path, help="Write the schema to this file.")
        group.add_argument("--check", type=Path, help="Exit non-zero if this file differs from the schema.")

    def handle(self, *args: Any, **options: Any) -> None:
        current = render_schema()
        if options["output"] is not None:
            path = Path(options["output"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(current, encoding="utf-8")
            self.stdout.write(f"Wrote {path}")
            return
        path = Path(options["check"])
        committed = path.read_text(encoding="utf-8") if path.exists() else ""
        if committed == current:
            self.stdout.write(f"{path} is up to date.")
            return
        diff = list(
            difflib.unified_diff(
                committed.splitlines(), current.splitlines(), f"{path} (committed)", "generated", lineterm=""
            )
        )
        shown = "\n".join(diff[:MAX_DIFF_LINES])
        more = f"\n… {len(diff) - MAX_DIFF_LINES} more diff lines" if len(diff) > MAX_DIFF_LINES else ""
        raise CommandError(f"{path} is out of date; run `manage.py export_openapi --output {path}`.\n{shown}{more}")

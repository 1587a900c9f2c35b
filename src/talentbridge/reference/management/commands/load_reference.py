"""`manage.py load_reference`: load the reference data files (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from talentbridge.reference.services import reference_load


class Command(BaseCommand):
    help = "Load jurisdictions, cities, zones, professions, document types, authorities and calendars."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = reference_load()
        summary = ", ".join(f"{name}: {count}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded ({summary})"))

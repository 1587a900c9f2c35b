"""Load the reference files in `data/` into the database; running it again changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from talentbridge.reference.models import (
    Authority,
    CalendarDay,
    City,
    IdentityDocumentType,
    Jurisdiction,
    Profession,
    ProfessionalField,
    SpecialZone,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read(name: str, data_dir: Path) -> Any:
    with open(data_dir / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _names(row: dict[str, Any]) -> dict[str, str]:
    return {"name_en": row["en"], "name_zh_hans": row["zh_hans"], "name_zh_hant": row["zh_hant"]}


@transaction.atomic
def reference_load(*, data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Upsert every reference row by its code; return how many rows each table holds."""
    jurisdictions = {}
    for row in _read("jurisdictions.yaml", data_dir):
        jurisdictions[row["code"]], _ = Jurisdiction.objects.update_or_create(code=row["code"], defaults=_names(row))
    cities = {}
    for row in _read("cities.yaml", data_dir):
        cities[row["code"]], _ = City.objects.update_or_create(
            code=row["code"],
            defaults={
                **_names(row),
                "jurisdiction": jurisdictions[row["jurisdiction"]],
                "is_mainland": row["mainland"],
            },
        )
    for row in _read("zones.yaml", data_dir):
        SpecialZone.objects.update_or_create(
            code=row["code"], defaults={**_names(row), "city": cities[row["city"]], "source": row.get("source", "")}
        )
    fields = {}
    for row in _read("fields.yaml", data_dir):
        fields[row["code"]], _ = ProfessionalField.objects.update_or_create(code=row["code"], defaults=_names(row))
    for row in _read("professions.yaml", data_dir):
        Profession.objects.update_or_create(code=row["code"], defaults={**_names(row), "field": fields[row["field"]]})
    for row in _read("document_types.yaml", data_dir):
        IdentityDocumentType.objects.update_or_create(
            code=row["code"], defaults={**_names(row), "issued_by": jurisdictions[row["issued_by"]]}
        )
    for row in _read("authorities.yaml", data_dir):
        authority, _ = Authority.objects.update_or_create(
            code=row["code"],
            defaults={
                **_names(row),
                "kind": row["kind"],
                "jurisdiction": jurisdictions[row["jurisdiction"]],
                "city": cities[row["city"]] if row.get("city") else None,
            },
        )
        authority.fields.set([fields[code] for code in row.get("fields", [])])
    for code, entries in _read("calendar.yaml", data_dir).items():
        jurisdiction = jurisdictions[code]
        for is_workday, key in ((False, "holidays"), (True, "workdays")):
            for label, days in (entries.get(key) or {}).items():
                for day in days:
                    CalendarDay.objects.update_or_create(
                        jurisdiction=jurisdiction, date=day, defaults={"is_workday": is_workday, "label": label}
                    )
    return {
        model.__name__: model.objects.count()
        for model in (Jurisdiction, City, SpecialZone, ProfessionalField, Profession, IdentityDocumentType, Authority)
    }

"""A registration keeps its scope in Simplified and Traditional Chinese beside the English one.

Existing rows are filled from the pathway catalogue where their English scope is one of its texts (the
pathway's own words), or is the field and zone by name that a registration without them was given.
Rows whose scope matches neither keep it in English only. Certificates already issued are not changed.
"""

from pathlib import Path
from typing import Any

import yaml
from django.db import migrations, models

from talentbridge.rules import labels

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "pathways.yaml"
LANGUAGES = ("zh_hans", "zh_hant")


def _translations(entry: Any) -> dict[str, str]:
    if not isinstance(entry, dict):
        return {}
    return {language: str(entry[f"scope_{language}"])[:300] for language in LANGUAGES if entry.get(f"scope_{language}")}


def _catalogue_entries(data: dict[str, Any], field: str, zone: str, mechanism: str) -> list[Any]:
    """The catalogue's entries a registration's scope may come from, the most particular first."""
    pathways, fields, mechanisms = data.get("pathways", {}), data.get("fields", {}), data.get("mechanisms", {})
    first = [pathways.get(f"{field}.{zone}"), pathways.get(f"{field}.nine_cities"), fields.get(field)]
    first.append(mechanisms.get(mechanism))
    return [*first, *pathways.values(), *fields.values(), *mechanisms.values()]


def _named(code: str, language: str) -> str | None:
    return labels.code_label(code)[language] if labels.has_code_label(code) else None


def _by_name(field: str, zone: str, scope: str) -> dict[str, str]:
    """The field and zone by name in Chinese, when `scope` is them by name in English."""
    english = [_named(code, "en") or code for code in (field, zone)]
    if scope != f"{english[0][:1].upper()}{english[0][1:]} — {english[1]}"[:300]:
        return {}
    texts: dict[str, str] = {}
    for language in LANGUAGES:
        named = [_named(code, language) for code in (field, zone)]
        if named[0] and named[1]:
            texts[language] = f"{named[0]} — {named[1]}"[:300]
    return texts


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Registration = apps.get_model("practice", "Registration")
    with DATA_FILE.open(encoding="utf-8") as stream:
        data = yaml.safe_load(stream) or {}
    for registration in Registration.objects.filter(scope__gt="").iterator():
        if registration.scope_translations:
            continue
        texts: dict[str, str] = {}
        for entry in _catalogue_entries(data, registration.field, registration.zone, registration.mechanism):
            if isinstance(entry, dict) and str(entry.get("scope") or "")[:300] == registration.scope:
                texts = _translations(entry)
                if texts:
                    break
        texts = texts or _by_name(registration.field, registration.zone, registration.scope)
        if texts:
            Registration.objects.filter(pk=registration.pk).update(scope_translations=texts)


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0003_renewed_registrations_superseded"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="scope_translations",
            field=models.JSONField(blank=True, default=dict, verbose_name="scope in Chinese"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

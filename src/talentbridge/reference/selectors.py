"""Reads of reference data."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from talentbridge.core.businessdays import WorkCalendar
from talentbridge.reference.models import CalendarDay

DATA_DIR = Path(__file__).resolve().parent / "data"


def work_calendar_for(jurisdiction_code: str) -> WorkCalendar:
    """The work calendar of a jurisdiction, from its public holidays and swapped workdays."""
    rows = CalendarDay.objects.filter(jurisdiction__code=jurisdiction_code).values_list("date", "is_workday")
    holidays = frozenset(d for d, worked in rows if not worked)
    extra = frozenset(d for d, worked in rows if worked)
    return WorkCalendar(holidays=holidays, extra_workdays=extra)


@functools.cache
def authority_labels() -> dict[str, dict[str, str]]:
    """Each authority code's name in en / zh_hans / zh_hant, from the reference data the database is loaded from.

    Read from the data file (not the database) so that any page, test or command can name an
    authority without a query; `reference_load` keeps the database equal to the file.
    """
    return _names("authorities.yaml")


@functools.cache
def reference_labels() -> dict[str, dict[str, str]]:
    """Names of the authorities, professions and cities of reference data by code (their codes do not clash)."""
    return {**_names("cities.yaml"), **_names("professions.yaml"), **_names("authorities.yaml")}


def _names(file_name: str) -> dict[str, dict[str, str]]:
    with (DATA_DIR / file_name).open(encoding="utf-8") as handle:
        rows = yaml.safe_load(handle)
    return {str(row["code"]): {"en": row["en"], "zh_hans": row["zh_hans"], "zh_hant": row["zh_hant"]} for row in rows}

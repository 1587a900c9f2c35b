"""Reads of reference data."""

from __future__ import annotations

from talentbridge.core.businessdays import WorkCalendar
from talentbridge.reference.models import CalendarDay


def work_calendar_for(jurisdiction_code: str) -> WorkCalendar:
    """The work calendar of a jurisdiction, from its public holidays and swapped workdays."""
    rows = CalendarDay.objects.filter(jurisdiction__code=jurisdiction_code).values_list("date", "is_workday")
    holidays = frozenset(d for d, worked in rows if not worked)
    extra = frozenset(d for d, worked in rows if worked)
    return WorkCalendar(holidays=holidays, extra_workdays=extra)

"""Business-day arithmetic over a work calendar (weekends, public holidays, swapped workdays)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are worked: Monday-Friday, minus `holidays`, plus `extra_workdays`.

    Mainland China moves some weekend days into working days around long holidays
    (调休); those are `extra_workdays`.
    """

    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    extra_workdays: frozenset[dt.date] = field(default_factory=frozenset)

    def is_business_day(self, day: dt.date) -> bool:
        if day in self.extra_workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays


def add_business_days(start: dt.date, days: int, calendar: WorkCalendar) -> dt.date:
    """The date `days` business days after `start` (the start day itself is not counted).

    `days=0` returns `start` moved forward to the next business day if it is not one.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    if days == 0:
        while not calendar.is_business_day(day):
            day += dt.timedelta(days=1)
        return day
    remaining = days
    while remaining:
        day += dt.timedelta(days=1)
        if calendar.is_business_day(day):
            remaining -= 1
    return day


def business_days_between(start: dt.date, end: dt.date, calendar: WorkCalendar) -> int:
    """Business days after `start` up to and including `end`; negative when `end` is earlier."""
    if end == start:
        return 0
    step = 1 if end > start else -1
    count, day = 0, start
    while day != end:
        day += dt.timedelta(days=step)
        if calendar.is_business_day(day if step > 0 else day + dt.timedelta(days=1)):
            count += step
    return count

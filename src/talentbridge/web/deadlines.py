"""Deadline countdowns in business days, with one calendar query per jurisdiction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from talentbridge.core import clock
from talentbridge.core.businessdays import WorkCalendar, business_days_between
from talentbridge.reference.selectors import work_calendar_for


@dataclass(frozen=True)
class Countdown:
    days: int  # business days left; negative when overdue
    text: str

    @property
    def overdue(self) -> bool:
        return self.days < 0

    @property
    def urgent(self) -> bool:
        return 0 <= self.days <= 2


def countdown_text(days: int) -> str:
    if days > 0:
        return ngettext("%(n)d business day left", "%(n)d business days left", days) % {"n": days}
    if days == 0:
        return _("due today")
    return ngettext("overdue by %(n)d business day", "overdue by %(n)d business days", -days) % {"n": -days}


class CountdownCalculator:
    """Countdowns for many cases; calendars are read once per jurisdiction and reused."""

    def __init__(self, today: dt.date | None = None) -> None:
        self.today = today or clock.today()
        self._calendars: dict[str, WorkCalendar] = {}

    def calendar(self, jurisdiction_code: str) -> WorkCalendar:
        if jurisdiction_code not in self._calendars:
            self._calendars[jurisdiction_code] = work_calendar_for(jurisdiction_code)
        return self._calendars[jurisdiction_code]

    def countdown(self, deadline: dt.date | None, jurisdiction_code: str) -> Countdown | None:
        if deadline is None:
            return None
        days = business_days_between(self.today, deadline, self.calendar(jurisdiction_code))
        return Countdown(days=days, text=countdown_text(days))

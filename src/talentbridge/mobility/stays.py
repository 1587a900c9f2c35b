"""Counting stays: days used (calendar days in GBA time, entry and exit day both counted), warnings, overstays."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from talentbridge.core import clock
from talentbridge.mobility.models import Endorsement, StayRecord


def warning_day() -> int:
    """From which day of a stay the holder is warned (setting MOBILITY_STAY_WARNING_DAY, default 25)."""
    return int(settings.MOBILITY_STAY_WARNING_DAY)


def local_date(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


@dataclass(frozen=True)
class StayStatus:
    stay: StayRecord
    days_used: int
    max_stay_days: int
    is_open: bool
    warning: bool
    overstay: bool

    @property
    def days_left(self) -> int:
        return max(self.max_stay_days - self.days_used, 0)

    @property
    def last_day(self) -> dt.date:
        """The last day the holder may stay: the entry day counts as day one."""
        return local_date(self.stay.entered_at) + dt.timedelta(days=self.max_stay_days - 1)


def days_used(stay: StayRecord, *, today: dt.date | None = None) -> int:
    """Calendar days of the stay, counting the day of entry and the day of exit (or today, if open)."""
    end = local_date(stay.exited_at) if stay.exited_at else (today or clock.today())
    return max((end - local_date(stay.entered_at)).days + 1, 0)


def stay_status(stay: StayRecord, endorsement: Endorsement, *, today: dt.date | None = None) -> StayStatus:
    used = days_used(stay, today=today)
    limit = endorsement.max_stay_days
    is_open = stay.exited_at is None
    return StayStatus(
        stay=stay,
        days_used=used,
        max_stay_days=limit,
        is_open=is_open,
        warning=is_open and warning_day() <= used <= limit,
        overstay=used > limit,
    )


def validity_days_left(endorsement: Endorsement, *, today: dt.date | None = None) -> int | None:
    """Days the endorsement remains in force, today included; None when it is not in force today
    (revoked, suspended, expired or not yet valid: see `Endorsement.standing`)."""
    today = today or clock.today()
    if not endorsement.is_in_force(today):
        return None
    return (endorsement.valid_to - today).days + 1

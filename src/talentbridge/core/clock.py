"""An injectable clock: production reads the system time, tests pin it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """The current timezone-aware time, or the pinned time inside `frozen_at`."""
    return _frozen if _frozen is not None else timezone.now()


def today() -> dt.date:
    """Today's date in the platform's time zone (Asia/Shanghai, the GBA's civil time)."""
    return timezone.localtime(now()).date()


@contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[None]:
    """Pin the clock to `moment` (must be timezone-aware) for the duration of the block."""
    global _frozen
    if timezone.is_naive(moment):
        raise ValueError("frozen_at needs a timezone-aware datetime")
    previous, _frozen = _frozen, moment
    try:
        yield
    finally:
        _frozen = previous

"""What the mobility services share: validating and saving a record, moments in GBA time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from talentbridge.core.errors import InvalidInput, validation_details


def save_checked(instance: Any) -> None:
    """Validate (`full_clean`) and save; a fault is an `InvalidInput` on its fields."""
    try:
        instance.full_clean()
    except Exception as error:
        raise InvalidInput(details=validation_details(error)) from error
    instance.save()


def aware(moment: dt.datetime) -> dt.datetime:
    """A moment without an offset is GBA time."""
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment

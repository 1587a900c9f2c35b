"""What the practice services share: saving a registration (with its number) and whole-month/year arithmetic."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from talentbridge.core import clock
from talentbridge.core.errors import Conflict, InvalidInput
from talentbridge.practice.models import RENEWAL_WINDOW_DAYS, Registration

NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` plus whole years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _new_number() -> str:
    code = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))
    return f"GBA-{clock.today().year}-{code}"


def registration_save(registration: Registration) -> Registration:
    """Validate and save; a new registration draws its number (another on a collision)."""
    registration.updated_at = clock.now()
    try:
        registration.full_clean(
            validate_unique=False, validate_constraints=False, exclude=["number", "professional", "authority", "renews"]
        )
    except Exception as error:  # a programming error in the caller, reported in the one error shape
        raise InvalidInput(details={"registration": [str(error)]}) from error
    if registration.pk is None:
        for _attempt in range(5):
            registration.number = _new_number()
            try:
                with transaction.atomic():
                    registration.save(force_insert=True)
                return registration
            except IntegrityError:
                continue
        raise Conflict(_("Could not allocate a registration number; try again."))
    registration.save()
    return registration


def renewal_refusal(registration: Registration, today: dt.date) -> str:
    """Why `registration` cannot be renewed on `today`, in words."""
    opens = registration.renewable_from()
    if opens is not None and registration.is_in_force(today) and today < opens:
        return _("This registration can be renewed from %(day)s, in the last %(days)s days of its term.") % {
            "day": date_format(opens, "DATE_FORMAT"),
            "days": RENEWAL_WINDOW_DAYS,
        }
    return _("Only an active or expired registration can be renewed.")

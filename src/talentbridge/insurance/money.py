"""An amount in yuan as words: one format for pages, reports and stored reasons ("CNY 4,680.00")."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_noop

from talentbridge.core.models import StoredText, stored

MONEY_WORDS = gettext_noop("CNY %(amount)s")


def money_stored(value: Any) -> StoredText | None:
    """An amount in yuan as words to store or show (see `money_text`); None when `value` is no amount."""
    if value is None or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite():
        return None
    return stored(MONEY_WORDS, amount=f"{amount:,.2f}")

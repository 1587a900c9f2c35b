"""What the import's parts share: a rejection reason as stored, and an amount within one."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from talentbridge.core.models import StoredText, stored
from talentbridge.insurance.money import money_stored

# A rejection reason as stored: its English msgid, with its parameters when it has any (or a plural
# and its count: `core.models.stored_plural`), put into words when the report is read
# (`insurance.models.reason_text`), so it reads in the reader's language, not in the language of the
# run that made it.
Reason = StoredText


def reason(msgid: str, **params: Any) -> Reason:
    """A reason to store: the msgid alone, or with its parameters (text, or stored text such as `money`)."""
    return stored(msgid, **params)


def money(amount: Decimal) -> StoredText:
    """An amount in yuan, stored to be read as `insurance.awards.money_text` writes it: "CNY 4,680.00"."""
    words = money_stored(amount)
    assert words is not None  # a Decimal always is an amount
    return words

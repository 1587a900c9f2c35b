"""Free text from people: trimmed, and refused when it carries control characters."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from talentbridge.core.errors import InvalidInput

# C0 controls except tab, newline and carriage return; PostgreSQL rejects NUL outright.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(value: str) -> bool:
    return bool(_CONTROL.search(value))


def clean_text(value: object, *, field: str, max_length: int | None = None) -> str:
    """`value` trimmed; `InvalidInput` naming `field` when it is not text, too long or has control characters."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(details={field: [_("Enter text.")]})
    if has_control_characters(value):
        raise InvalidInput(details={field: [_("The text contains characters that are not allowed.")]})
    text = value.strip()
    if max_length is not None and len(text) > max_length:
        raise InvalidInput(details={field: [_("Use at most %(n)s characters.") % {"n": max_length}]})
    return text

"""Form fields shared by the pages: what a browser sends back as a record's id is validated like any answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1


class RecordIdField(forms.IntegerField):
    """A database id: ASCII digits from 1 to 2**63-1. `²`, `١` or `１` are no id, though Python's int() reads
    some of them; `abc`, `-5` or an empty value are refused with the field's messages, never read as 0."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if value not in self.empty_values and not str(value).strip().isascii():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)

"""Form fields shared by the pages: what a browser sends back is validated like any answer.

Every choice a page offers (a list, radio buttons, check boxes, a record picked from a list) is one of
the choice fields below (`OfferedChoices`). A value that is not one of the options offered is refused with one translated
message naming the field's question, never the value sent: Django's own message repeats it ("Select a
valid choice. xyz is not one of the available choices."), and a person never reads a code.

Every date a page asks for is a `DateField` (a browser's `date` input), every date and time a
`DateTimeLocalField` (`datetime-local`), every month a `MonthInput`. A browser reads and sends these inputs'
values in ISO form only (2026-12-01, 2026-12-01T09:30, 2026-12), whatever the page's language: the value
is written so in every language, never in the locale's format (2026/12/01 in Chinese, which a browser
shows as an empty field), and the ISO form is accepted in every language, before the locale's own.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**63 - 1

# The refusal of a value not offered: with the field's question when it has one (a hidden field has none).
NOT_OFFERED_FOR = _("Choose one of the options offered for “%(question)s”.")
NOT_OFFERED = _("Choose one of the options offered.")
# What Django reports of a value that is not an option (or, for records, not even an id).
_NOT_OFFERED_CODES = frozenset({"invalid_choice", "invalid_pk_value"})


class OfferedChoices(forms.ChoiceField):
    """Base of the choice fields: a value not offered is refused with the field's own message.

    The message is the field's `invalid_choice` error message: by default `NOT_OFFERED_FOR` naming the
    field's label (`NOT_OFFERED` for a field without one); a form may give its own, more precise one
    ("This action is not open on this case now…"). Either way the value sent is never repeated.
    """

    default_error_messages = {"invalid_choice": NOT_OFFERED_FOR, "invalid_pk_value": NOT_OFFERED_FOR}

    def clean(self, value: Any) -> Any:
        try:
            return super().clean(value)
        except ValidationError as error:
            codes = {getattr(item, "code", None) for item in getattr(error, "error_list", [error])}
            if codes & _NOT_OFFERED_CODES:
                raise self.not_offered() from None
            raise

    def not_offered(self) -> ValidationError:
        """The refusal of a value that is not one of the options offered."""
        message = self.error_messages["invalid_choice"]
        if message is NOT_OFFERED_FOR and not self.label:
            message = NOT_OFFERED
        return ValidationError(message, code="invalid_choice", params={"question": self.label or ""})


class ChoiceField(OfferedChoices):
    """One of a list of options."""


class TypedChoiceField(OfferedChoices, forms.TypedChoiceField):
    """One of a list of options, as a typed value (e.g. a grade as a number)."""


class MultipleChoiceField(OfferedChoices, forms.MultipleChoiceField):
    """Any of a list of options (check boxes)."""


class TypedMultipleChoiceField(OfferedChoices, forms.TypedMultipleChoiceField):
    """Any of a list of options, as typed values."""


class ModelChoiceField(OfferedChoices, forms.ModelChoiceField):  # type: ignore[type-arg]
    """One record of those listed (an organisation, an authority)."""


class ModelMultipleChoiceField(OfferedChoices, forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Any of the records listed."""


class HiddenErrorsAbove:
    """Mixin of forms with hidden fields: a hidden field's refusal is said above the form, where a person
    reads it (nothing is shown beside a field the page does not show)."""

    fields: dict[str, forms.Field]
    errors: Any

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}  # type: ignore[misc]
        for name, field in self.fields.items():
            if field.widget.is_hidden and name in self.errors:
                for message in dict.fromkeys(self.errors.pop(name)):
                    self.add_error(None, message)  # type: ignore[attr-defined]
        return data


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


ISO_DATE = "%Y-%m-%d"
ISO_MONTH = "%Y-%m"
ISO_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def _iso_first(setting: str, *iso: str) -> list[str]:
    """The ISO formats, then the page language's own (`DATE_INPUT_FORMATS`, ...), each once."""
    return list(dict.fromkeys([*iso, *formats.get_format(setting)]))


# Read when a value is cleaned, so in the language of the request.
_date_input_formats = lazy(_iso_first, list)("DATE_INPUT_FORMATS", ISO_DATE)


class DateInput(forms.DateInput):
    """A browser's date picker; its value is always written YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs, format or ISO_DATE)


class DateTimeLocalInput(forms.DateTimeInput):
    """A browser's date-and-time picker (no time zone); its value is always written YYYY-MM-DDTHH:MM."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs, format or ISO_DATETIME_LOCAL)


class MonthInput(forms.DateInput):
    """A browser's month picker; a date is written as its month, YYYY-MM (a text sent back is kept as sent)."""

    input_type = "month"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__({"placeholder": "YYYY-MM", **(attrs or {})}, format or ISO_MONTH)


class DateField(forms.DateField):
    """A date: the browser's date picker, accepting YYYY-MM-DD in every language (then the locale's formats)."""

    widget = DateInput
    input_formats = _date_input_formats


class DateTimeLocalField(forms.DateTimeField):
    """A date and time in the platform's time zone: the browser's `datetime-local` picker.

    Django's date-time field reads ISO values (YYYY-MM-DDTHH:MM) in every language before the locale's formats.
    """

    widget = DateTimeLocalInput

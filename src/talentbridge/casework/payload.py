"""Check an application's data against the fields its workflow declares."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from talentbridge.casework.workflow import PayloadField, Workflow
from talentbridge.core.errors import InvalidInput
from talentbridge.core.text import has_control_characters
from talentbridge.reference.models import City, Profession


# Said when a value is one of its type but not one the rest of the application allows.
def _narrowed_message(spec: PayloadField) -> str:
    if spec.type == "profession":
        return _("Choose a profession of this application's field of practice.")
    if spec.type == "mainland_city":
        return _("Choose a city where this application's zone allows practice.")
    return _("Choose one of the listed options.")


def allowed_values(spec: PayloadField, payload: dict[str, Any]) -> list[str] | None:
    """The values `spec` may take given the rest of `payload` (its `choices_from`), or `None` for any of its type.

    One rule for the form that offers them and the check that accepts them (create, edit, submit).
    """
    if spec.choices_from is None:
        return None
    module_name, function_name = spec.choices_from.split(":")
    source: Callable[..., list[str] | None] = getattr(importlib.import_module(module_name), function_name)
    return source(payload=payload)


def _clean_value(spec: PayloadField, value: Any) -> Any:
    if spec.type == "integer":
        if isinstance(value, bool):
            raise ValueError(_("Enter a whole number."))
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError) as exc:
            raise ValueError(_("Enter a whole number.")) from exc
        if (spec.min is not None and number < spec.min) or (spec.max is not None and number > spec.max):
            raise ValueError(_("Enter a number from %(min)s to %(max)s.") % {"min": spec.min, "max": spec.max})
        return number
    if not isinstance(value, str):
        raise ValueError(_("Enter text."))
    if has_control_characters(value):
        raise ValueError(_("The text contains characters that are not allowed."))
    text = value.strip()
    if spec.type == "text":
        if spec.max_length and len(text) > spec.max_length:
            raise ValueError(_("Use at most %(n)s characters.") % {"n": spec.max_length})
        return text
    if spec.type == "choice":
        if text not in spec.choices:
            raise ValueError(_("Choose one of the listed options."))
        return text
    if spec.type == "profession":
        if not Profession.objects.filter(code=text).exists():
            raise ValueError(_("Choose a profession from the list."))
        return text
    if spec.type == "mainland_city":
        if not City.objects.filter(code=text, is_mainland=True).exists():
            raise ValueError(_("Choose one of the nine mainland GBA cities."))
        return text
    raise ValueError(f"unsupported field type {spec.type}")


def clean_payload(workflow: Workflow, payload: Any, *, partial: bool) -> dict[str, Any]:
    """The payload with known fields normalised; unknown or invalid fields raise `InvalidInput`.

    `partial=True` (drafts) allows required fields to be missing; submission checks them all.
    """
    if not isinstance(payload, dict):
        raise InvalidInput(details={"payload": [_("The application data must be an object.")]})
    specs = {spec.name: spec for spec in workflow.payload}
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for name in payload:
        if name not in specs:
            errors[name] = [_("This field is not part of this kind of application.")]
    for name, spec in specs.items():
        value = payload.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if spec.required and not partial:
                errors[name] = [_("This field is required.")]
            continue
        try:
            cleaned[name] = _clean_value(spec, value)
        except ValueError as exc:
            errors[name] = [str(exc)]
    for name, spec in specs.items():
        if name in cleaned and name not in errors:
            allowed = allowed_values(spec, cleaned)
            if allowed is not None and cleaned[name] not in allowed:
                errors[name] = [_narrowed_message(spec)]
    if errors:
        raise InvalidInput(details=errors)
    return cleaned

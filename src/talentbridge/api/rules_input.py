"""Situations over HTTP: read the body as strict JSON, bound the work it asks for, and compute it with the kernel.

Every fault becomes an `InvalidInput` whose details are keyed by the JSON path the kernel names
(`persons.p1.disability_grade.2025-01`), with a translated message; a period is a month or a day; nothing the client sends can
cause a 500. One request's work is bounded before the kernel runs — body bytes (413), persons, months
per variable, values and explained values (422) — and an explanation's size once more after it (413).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from openfisca_core.errors import SituationParsingError

from talentbridge.api.errors import MalformedRequest, RequestTooLarge
from talentbridge.core.errors import InvalidInput
from talentbridge.rules.situation import SituationError, calculate, validate
from talentbridge.rules.system import rulebook

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SituationLimits:
    """The most one request may ask of the kernel."""

    body_bytes: int
    persons: int
    periods: int  # months per variable
    values: int  # given and asked, all persons
    explained_values: int | None = None  # asked values, each explained (trace only)
    output_bytes: int | None = None  # the explanation as JSON (trace only)


CALCULATE_LIMITS = SituationLimits(body_bytes=1024 * 1024, persons=100, periods=120, values=5000)
# An explained value weighs 1 to 16 kB of JSON (three languages and every parameter cited); 50 of them
# keep a traced answer under about 1 MB, and one person's every output for a month still fits.
TRACE_LIMITS = SituationLimits(
    body_bytes=64 * 1024,
    persons=10,
    periods=120,
    values=1000,
    explained_values=50,
    output_bytes=2 * 1024 * 1024,
)

_CHOICES = re.compile(r"^expected one of (?P<choices>.*), got ")
_RANGE = re.compile(r" is out of range (?P<low>\S+)\.\.(?P<high>\S+)$")


def _reject_constant(token: str) -> Any:
    raise ValueError(f"{token} is not JSON")


def _too_large(limit_bytes: int) -> RequestTooLarge:
    return RequestTooLarge(
        _("The request is too large: send at most %(limit)s kB.") % {"limit": f"{limit_bytes // 1024:,}"},
        details={"max_bytes": limit_bytes},
    )


def read_situation(request: HttpRequest, limits: SituationLimits = CALCULATE_LIMITS) -> Any:
    """The body as JSON (NaN and Infinity refused); not JSON is a 400, too many bytes a 413.

    A declared Content-Length over the limit is refused before the body is read.
    """
    declared = request.META.get("CONTENT_LENGTH") or ""
    if declared.isascii() and declared.isdecimal() and int(declared) > limits.body_bytes:
        raise _too_large(limits.body_bytes)
    body = request.body
    if len(body) > limits.body_bytes:
        raise _too_large(limits.body_bytes)
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise MalformedRequest() from error


def _message(kernel_message: str) -> str:
    """The kernel's (English, untranslated) message as a translated sentence for the client."""
    fixed = {
        "expected true or false": _("Enter true or false."),
        "expected a string": _("Enter text."),
        "expected an integer": _("Enter a whole number."),
        "expected a finite number": _("Enter a finite number."),
        "expected a number": _("Enter a number."),
        'expected an object with one key, "persons"': _('Send an object with one key, "persons".'),
        "expected a non-empty object of persons": _("Give at least one person, as an object keyed by identifier."),
        "expected an object of variables": _("Give the person's variables as an object."),
        "unknown variable": _("Unknown variable; the list is at GET /api/v1/rules/variables."),
        "expected an object of periods": _('Give the values as an object of months, e.g. {"2025-01": null}.'),
        "bad period": _("Use a month as YYYY-MM."),
        "expected a day": _("Enter a day as YYYY-MM-DD."),
        "the day ": _("Give the day of the check within the month it is given for."),
        "the rules cannot compute": _("The rules cannot compute this value for this month."),
    }
    choices = _CHOICES.match(kernel_message)
    if choices:
        return _("Choose one of: %(choices)s.") % {"choices": choices.group("choices")}
    bounds = _RANGE.search(kernel_message)
    if bounds:
        low, high = bounds.group("low"), bounds.group("high")
        if high == "inf":
            return _("Enter a value of at least %(limit)s.") % {"limit": low}
        if low == "-inf":
            return _("Enter a value of at most %(limit)s.") % {"limit": high}
        return _("Enter a value between %(low)s and %(high)s.") % {"low": low, "high": high}
    for start, message in fixed.items():
        if kernel_message.startswith(start):
            return message
    return kernel_message


def _invalid(path: str, message: str) -> InvalidInput:
    return InvalidInput(details={path: [message]})


def _check_size(persons: dict[str, dict[str, dict[str, Any]]], limits: SituationLimits) -> None:
    if len(persons) > limits.persons:
        raise _invalid("persons", _("Send at most %(limit)s persons per request.") % {"limit": limits.persons})
    for person_id, variables in persons.items():
        for name, periods in variables.items():
            if len(periods) > limits.periods:
                raise _invalid(
                    f"persons.{person_id}.{name}",
                    _("Send at most %(limit)s months per variable.") % {"limit": limits.periods},
                )
    values = [value for variables in persons.values() for periods in variables.values() for value in periods.values()]
    if len(values) > limits.values:
        raise _invalid("persons", _("Send at most %(limit)s values per request.") % {"limit": limits.values})
    asked = sum(value is None for value in values)
    if limits.explained_values is not None and asked > limits.explained_values:
        raise _invalid(
            "persons",
            _("Ask for at most %(limit)s values to be explained per request.") % {"limit": limits.explained_values},
        )


def check_output(result: dict[str, Any], limits: SituationLimits) -> None:
    """A safety net under the counts: an answer past the byte limit is refused (413), not sent."""
    if limits.output_bytes is None:
        return
    size = len(json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode())
    if size > limits.output_bytes:
        raise RequestTooLarge(
            _("The explanation would be too long: ask for fewer values per request."),
            details={"max_bytes": limits.output_bytes},
        )


def _parsing_error_path(error: SituationParsingError) -> str:
    """OpenFisca names the faulty value by nesting: {"persons": {"p1": {"var": {"2025-01": "..."}}}}."""
    parts: list[str] = []
    node: Any = error.error
    while isinstance(node, dict) and len(node) == 1:
        key, node = next(iter(node.items()))
        parts.append(str(key))
    return ".".join(parts) or "persons"


def _cells(variables: dict[str, dict[str, Any]]) -> list[tuple[str, str, Any]]:
    return [(name, period, value) for name, periods in variables.items() for period, value in periods.items()]


def _person_from(cells: list[tuple[str, str, Any]]) -> dict[str, dict[str, Any]]:
    person: dict[str, dict[str, Any]] = {}
    for name, period, value in cells:
        person.setdefault(name, {})[period] = value
    return person


def _fails(person_id: str, cells: list[tuple[str, str, Any]], trace: bool) -> bool:
    try:
        calculate(rulebook(), {"persons": {person_id: _person_from(cells)}}, trace=trace)
    except Exception:  # any failure of the kernel is what we are looking for
        return True
    return False


def _failing_path(persons: dict[str, dict[str, dict[str, Any]]], trace: bool) -> str:
    """The first value the kernel cannot compute: the person, then the shortest failing prefix of values."""
    for person_id, variables in persons.items():
        cells = _cells(variables)
        if not cells or not _fails(person_id, cells, trace):
            continue
        passing, failing = 0, len(cells)  # the first `passing` cells compute; the first `failing` do not
        while failing - passing > 1:
            middle = (passing + failing) // 2
            passing, failing = (passing, middle) if _fails(person_id, cells[:middle], trace) else (middle, failing)
        name, period, _value = cells[failing - 1]
        return f"persons.{person_id}.{name}.{period}"
    return "persons"


def compute(situation: Any, *, trace: bool, limits: SituationLimits | None = None) -> dict[str, Any]:
    """The situation with every null computed (and explained with `trace`), or `InvalidInput`.

    `limits` default to the trace or calculate limits.
    """
    limits = limits or (TRACE_LIMITS if trace else CALCULATE_LIMITS)
    tbs = rulebook()
    try:
        persons = validate(tbs, situation)
    except SituationError as error:
        detail = str(error).removeprefix(f"{error.path}: ")
        raise _invalid(error.path, _message(detail)) from error
    _check_size(persons, limits)
    try:
        return calculate(tbs, situation, trace=trace)
    except SituationError as error:
        detail = str(error).removeprefix(f"{error.path}: ")
        raise _invalid(error.path, _message(detail)) from error
    except SituationParsingError as error:
        raise _invalid(_parsing_error_path(error), _("This value is not valid.")) from error
    except Exception as error:
        # Valid input the rules cannot compute, e.g. a month before a rule's first effective date.
        path = _failing_path(persons, trace)
        logger.warning("The rules kernel failed on %s", path, exc_info=error)
        raise _invalid(path, _("The rules cannot compute this value for this month.")) from error

"""Situations: OpenFisca-style JSON `{"persons": {id: {variable: {"YYYY-MM": value-or-null}}}}`.

A period is a month (`2023-02`: the rules in force on its first day) or a day (`2023-02-25`: the
rules in force on that day, for the month's values). A day's values are computed with every value
given for months and the values given for that day; `decision_date` is then that day.
`validate` checks every path before anything is computed and raises `SituationError` naming the
JSON path (`persons.p1.disability_grade.2025-01`); `calculate` fills every null.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from openfisca_core.indexed_enums import Enum
from openfisca_core.simulations import Simulation, SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from talentbridge.rules.contract import NON_NEGATIVE_UNITS, RANGES
from talentbridge.rules.explain import explain_simulation, plain_value

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
DAY = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])-(\d{2})$")
DECISION_DATE = "decision_date"
# Months the rulebook can be asked about; earlier or later months are refused as bad periods.
FIRST_YEAR, LAST_YEAR = 1990, 2099
# Numbers without a declared range stay below this, so no input overflows a float computation.
DEFAULT_MAXIMUM = 1_000_000_000


class SituationError(ValueError):
    """A situation that cannot be computed; `path` is the JSON path at fault."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


def _check_value(tbs: TaxBenefitSystem, name: str, value: Any, path: str) -> None:
    variable = tbs.variables[name]
    kind = variable.value_type
    if kind is dt.date:
        day = parse_day(value) if isinstance(value, str) else None
        if day is None:
            raise SituationError(path, f"expected a day YYYY-MM-DD, got {value!r}")
        period = path.rsplit(".", 1)[-1]
        if not (period == value or (MONTH.match(period) and value.startswith(period + "-"))):
            raise SituationError(path, f"the day {value} is not in the period {period}")
        return
    if kind is bool:
        if not isinstance(value, bool):
            raise SituationError(path, f"expected true or false, got {value!r}")
        return
    if kind is str:
        if not isinstance(value, str):
            raise SituationError(path, f"expected a string, got {value!r}")
        return
    if kind is Enum:
        names = list(variable.possible_values.__members__)
        if value not in names:
            raise SituationError(path, f"expected one of {', '.join(names)}, got {value!r}")
        return
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not numeric or (kind is int and not (isinstance(value, int) or float(value).is_integer())):
        expected = "an integer" if kind is int else "a number"
        raise SituationError(path, f"expected {expected}, got {value!r}")
    if value != value or value in (float("inf"), float("-inf")):
        raise SituationError(path, f"expected a finite number, got {value!r}")
    low, high = RANGES.get(name, (0 if variable.unit in NON_NEGATIVE_UNITS else None, DEFAULT_MAXIMUM))
    high = DEFAULT_MAXIMUM if high is None else high
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"{low if low is not None else '-inf'}..{high if high is not None else 'inf'}"
        raise SituationError(path, f"{value!r} is out of range {bounds}")


def parse_day(text: str) -> dt.date | None:
    """The day `YYYY-MM-DD` (a real date), or None."""
    if not DAY.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _good_period(period: str) -> bool:
    match = MONTH.match(period)
    if match is None and parse_day(period) is not None:
        match = DAY.match(period)
    return match is not None and FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR


def validate(tbs: TaxBenefitSystem, situation: Any) -> dict[str, dict[str, dict[str, Any]]]:
    """The situation's persons, checked; raises SituationError naming the first bad path."""
    if not isinstance(situation, dict) or set(situation) != {"persons"}:
        raise SituationError("$", 'expected an object with one key, "persons"')
    persons = situation["persons"]
    if not isinstance(persons, dict) or not persons:
        raise SituationError("persons", "expected a non-empty object of persons")
    for person_id, variables in persons.items():
        if not isinstance(variables, dict):
            raise SituationError(f"persons.{person_id}", "expected an object of variables")
        for name, values in variables.items():
            path = f"persons.{person_id}.{name}"
            if name not in tbs.variables:
                raise SituationError(path, f"unknown variable {name!r}")
            if not isinstance(values, dict) or not values:
                raise SituationError(path, 'expected an object of periods, e.g. {"2025-01": null}')
            for period, value in values.items():
                if not _good_period(str(period)):
                    raise SituationError(
                        f"{path}.{period}",
                        f"bad period: expected a month YYYY-MM or a day YYYY-MM-DD from {FIRST_YEAR} to {LAST_YEAR}",
                    )
                if value is not None:
                    _check_value(tbs, name, value, f"{path}.{period}")
    return persons


def build(tbs: TaxBenefitSystem, persons: dict[str, dict[str, dict[str, Any]]]) -> Simulation:
    """A simulation with every given (non-null) value set; periods must be months."""
    given = {
        person_id: {
            name: {period: value for period, value in values.items() if value is not None}
            for name, values in variables.items()
            if any(value is not None for value in values.values())
        }
        for person_id, variables in persons.items()
    }
    return SimulationBuilder().build_from_entities(tbs, {"persons": given})


def _on_day(variables: dict[str, dict[str, Any]], day: str | None) -> dict[str, dict[str, Any]]:
    """The person's values as months: month keys, and with `day` that day's values in its month."""
    month_values: dict[str, dict[str, Any]] = {}
    for name, values in variables.items():
        kept = {period: value for period, value in values.items() if MONTH.match(period)}
        if day is not None and day in values:
            kept[day[:7]] = values[day]
        if kept:
            month_values[name] = kept
    if day is not None:
        dates = month_values.setdefault(DECISION_DATE, {})
        if dates.get(day[:7]) not in (None, day):
            raise SituationError(
                f"persons.{DECISION_DATE}.{day}", f"the day {day} differs from the decision date given"
            )
        dates[day[:7]] = day
    return month_values


def _days(variables: dict[str, dict[str, Any]]) -> list[str | None]:
    """None (the months) first, then each day asked about, in order."""
    days = sorted({period for values in variables.values() for period in values if not MONTH.match(period)})
    return [None, *days]


def calculate(tbs: TaxBenefitSystem, situation: Any, trace: bool = False) -> dict[str, Any]:
    """The situation with every null computed; with `trace`, an explanation per person and period."""
    persons = validate(tbs, situation)
    filled: dict[str, Any] = {"persons": {}}
    explanations: dict[str, dict[str, Any]] = {}
    for person_id, variables in persons.items():
        out: dict[str, dict[str, Any]] = {name: {} for name in variables}
        explanations[person_id] = {}
        for day in _days(variables):
            # One simulation per person and day keeps each explanation's parameter records to that person.
            month_values = _on_day(variables, day)
            simulation = build(tbs, {person_id: month_values})
            simulation.trace = trace
            wanted: dict[str, list[str]] = {}
            for name, values in variables.items():
                for period, value in values.items():
                    if (period != day) if day is not None else not MONTH.match(period):
                        continue
                    month = period[:7]
                    if value is None:
                        try:
                            value = plain_value(tbs, name, simulation.calculate(name, month))
                        except Exception as error:  # e.g. a month before the rule's first effective date
                            raise SituationError(
                                f"persons.{person_id}.{name}.{period}",
                                "the rules cannot compute this value for this month",
                            ) from error
                        wanted.setdefault(month, []).append(name)
                    out[name][period] = value
            if trace:
                given = [name for name, values in month_values.items() if any(v is not None for v in values.values())]
                for month, names in wanted.items():
                    explanation = explain_simulation(simulation, names, month, given=given)
                    explanation["period"] = day or month
                    explanations[person_id][day or month] = explanation
        filled["persons"][person_id] = out
    if trace:
        filled["explanations"] = explanations
    return filled

"""The eligibility check's answers: validated from a form or the API, read back from a stored determination."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from talentbridge.core.errors import InvalidInput
from talentbridge.policy.models import Determination
from talentbridge.practice import catalogue

BOOLEAN_ANSWERS = ("holds_home_licence", "is_permanent_resident", "is_chinese_citizen", "has_disciplinary_record")
# The answer that satisfies each yes/no condition.
WANTED = {
    "holds_home_licence": True,
    "is_permanent_resident": True,
    "is_chinese_citizen": True,
    "has_disciplinary_record": False,
}
MAX_YEARS = 60.0
DECISION_DATE = "decision_date"  # the kernel reads every rule as it stands on this day


@dataclass(frozen=True)
class Answers:
    field: str
    zone: str
    home_jurisdiction: str
    years_of_practice: float
    holds_home_licence: bool
    is_permanent_resident: bool
    is_chinese_citizen: bool
    has_disciplinary_record: bool
    on: dt.date

    @property
    def period(self) -> str:
        return f"{self.on.year:04d}-{self.on.month:02d}"

    def person(self) -> dict[str, Any]:
        return {
            "practice_field": self.field,
            "practice_zone": self.zone,
            "home_jurisdiction": self.home_jurisdiction,
            "years_of_practice": float(self.years_of_practice),
            "holds_home_licence": self.holds_home_licence,
            "is_permanent_resident": self.is_permanent_resident,
            "is_chinese_citizen": self.is_chinese_citizen,
            "has_disciplinary_record": self.has_disciplinary_record,
        }

    def inputs(self) -> dict[str, dict[str, Any]]:
        """The answers for the kernel, decided on the day asked about (the rules in force that day)."""
        values = {**self.person(), DECISION_DATE: self.on.isoformat()}
        return {name: {self.period: value} for name, value in values.items()}


def answers_from(data: dict[str, Any]) -> Answers:
    """Validated answers from plain data (form or API); every fault is reported by its field."""
    errors: dict[str, list[str]] = {}
    field_code = str(data.get("field") or "")
    if field_code not in catalogue.FIELDS:
        errors["field"] = [_("Choose a profession from the list.")]
    zone = str(data.get("zone") or "nine_cities")
    if zone not in catalogue.ZONES:
        errors["zone"] = [_("Choose a place from the list.")]
    home = str(data.get("home_jurisdiction") or "")
    if home not in catalogue.HOMES:
        errors["home_jurisdiction"] = [_("Choose Hong Kong or Macao.")]
    years = data.get("years_of_practice")
    try:
        if isinstance(years, bool):
            raise ValueError
        years_value = float(str(years).strip())
        if not 0 <= years_value <= MAX_YEARS or years_value != years_value:
            raise ValueError
    except (TypeError, ValueError):
        errors["years_of_practice"] = [_("Enter a number of years from 0 to 60.")]
        years_value = 0.0
    flags: dict[str, bool] = {}
    for name in BOOLEAN_ANSWERS:
        value = data.get(name, False)
        if not isinstance(value, bool):
            errors[name] = [_("Answer yes or no.")]
        flags[name] = bool(value)
    on = data.get("on") or dt.date.today()
    if isinstance(on, str):
        try:
            on = dt.date.fromisoformat(on)
        except ValueError:
            errors["on"] = [_("Enter a date as YYYY-MM-DD.")]
            on = dt.date.today()
    if not isinstance(on, dt.date) or not 1990 <= on.year <= 2099:
        errors["on"] = [_("Enter a date between 1990 and 2099.")]
        on = dt.date.today()
    if errors:
        raise InvalidInput(details=errors)
    return Answers(field=field_code, zone=zone, home_jurisdiction=home, years_of_practice=years_value, on=on, **flags)


def answers_of(determination: Determination) -> Answers:
    """The answers a stored determination was made from, on the day it decided (else its period's first day)."""
    person = {name: next(iter(values.values())) for name, values in determination.inputs.items()}
    year, month = (int(part) for part in determination.period.split("-"))
    on = dt.date.fromisoformat(person[DECISION_DATE]) if person.get(DECISION_DATE) else dt.date(year, month, 1)
    return Answers(
        field=person["practice_field"],
        zone=person["practice_zone"],
        home_jurisdiction=person["home_jurisdiction"],
        years_of_practice=float(person["years_of_practice"]),
        holds_home_licence=bool(person["holds_home_licence"]),
        is_permanent_resident=bool(person["is_permanent_resident"]),
        is_chinese_citizen=bool(person["is_chinese_citizen"]),
        has_disciplinary_record=bool(person["has_disciplinary_record"]),
        on=on,
    )

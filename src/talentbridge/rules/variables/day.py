"""The day of a check or decision: every rule is read as it stands on that day (exact to the day).

Variables are monthly, but a rule may start or end on any day of a month (the talent endorsement
on 20 Feb 2023, the lawyers' 3-year threshold on 5 Oct 2023). `decision_date` is the day asked
about (by default the first day of the period's month, as before); every formula reads its
parameters through `rules_on_day`, which selects the parameter instant of that day. One
simulation decides on one day: a population evaluated together shares it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from openfisca_core.model_api import Variable
from openfisca_core.periods import Instant

from talentbridge.rules.variables.base import RuleVariable


class decision_date(RuleVariable):
    value_type = dt.date
    label = "Day of the check or decision (the first day of the month when not given)"
    reference = "The rules in force on the day of the check or decision apply"

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        return np.full(person.count, np.datetime64(period.start.date, "D"))


def decision_day(person: Any, period: Any) -> dt.date:
    """The one day the simulation decides on, inside the period's month; ValueError otherwise."""
    if person.count == 0:
        return dt.date(period.start.year, period.start.month, period.start.day)
    days = np.asarray(person("decision_date", period), dtype="datetime64[D]")
    first, last = days.min(), days.max()
    if first != last:
        raise ValueError(f"one decision date per simulation: got {first} to {last} in {period}")
    day: dt.date = first.astype(dt.date)
    start = period.start
    if (day.year, day.month) != (start.year, start.month) or day.day < start.day:
        raise ValueError(f"decision date {day} is not in the period {period}")
    return day


def rules_on_day(person: Any, period: Any, parameters: Any) -> Any:
    """The parameter tree as it stands on the decision day."""
    day = decision_day(person, period)
    return parameters(Instant((day.year, day.month, day.day)))


VARIABLES: list[type[Variable]] = [decision_date]

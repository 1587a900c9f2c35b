"""Statutory retirement age after the 2025 reform (pure: no Django, no database).

Source: NPCSC Decision on Implementing the Gradual Raising of the Statutory Retirement Age
(13 Sep 2024, in force 1 Jan 2025) and its Measures [src, secondary — shared DOMAIN.md, section 3]:
men 60 → 63 and female cadres 55 → 58, one month later for every 4 months of birth; female
workers 50 → 55, one month later for every 2 months of birth. People who reached the old age
before 1 Jan 2025 keep it. Not yet in the rules kernel; move it there as a dated parameter
when the kernel's owner adds it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

REFORM_SOURCE = (
    "NPCSC Decision on gradually raising the statutory retirement age (13 Sep 2024), "
    "in force 1 Jan 2025 [src, secondary]"
)


class Category(StrEnum):
    MAN = "man"
    FEMALE_CADRE = "female_cadre"
    FEMALE_WORKER = "female_worker"


@dataclass(frozen=True)
class _Rule:
    old_age_months: int
    step_months: int  # births per one month of delay
    max_delay_months: int


RULES = {
    Category.MAN: _Rule(old_age_months=60 * 12, step_months=4, max_delay_months=36),
    Category.FEMALE_CADRE: _Rule(old_age_months=55 * 12, step_months=4, max_delay_months=36),
    Category.FEMALE_WORKER: _Rule(old_age_months=50 * 12, step_months=2, max_delay_months=60),
}
REFORM_START = dt.date(2025, 1, 1)


def _add_months(month: dt.date, months: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def statutory_retirement_age_months(*, birth_month: dt.date, category: Category | str) -> int:
    """Age at statutory retirement, in months, for a person born in `birth_month`."""
    rule = RULES[Category(category)]
    old_retirement = _add_months(birth_month.replace(day=1), rule.old_age_months)
    if old_retirement < REFORM_START:
        return rule.old_age_months
    # The first affected cohort reaches the old age in January 2025.
    cohort_start = _add_months(REFORM_START, -rule.old_age_months)
    born_after = (birth_month.year - cohort_start.year) * 12 + birth_month.month - cohort_start.month
    delay = min(born_after // rule.step_months + 1, rule.max_delay_months)
    return rule.old_age_months + delay


def statutory_retirement_month(*, birth_month: dt.date, category: Category | str) -> dt.date:
    """The month in which the person reaches the statutory retirement age (first of the month)."""
    age = statutory_retirement_age_months(birth_month=birth_month, category=category)
    return _add_months(birth_month.replace(day=1), age)


def age_in_months(*, birth_month: dt.date, on: dt.date) -> int:
    """Whole months from the birth month to the month of `on`."""
    return (on.year - birth_month.year) * 12 + on.month - birth_month.month

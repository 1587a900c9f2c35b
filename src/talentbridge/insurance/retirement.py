"""Statutory retirement age after the 2025 reform, as the rules kernel states it (pure: no Django).

The ages, the reform's steps and their sources are dated parameters of the kernel
(`talentbridge.rules`, `insurance.retirement_age`): men 60 -> 63 and female cadres 55 -> 58, one
month later for every 4 months of birth; female workers 50 -> 55, one month later for every 2
months of birth. People who reached the old age before 1 Jan 2025 keep it.
"""

from __future__ import annotations

import datetime as dt

from talentbridge import rules
from talentbridge.rules import RetirementCategory as Category

__all__ = [
    "REFORM_SOURCE",
    "Category",
    "age_in_months",
    "statutory_retirement_age_months",
    "statutory_retirement_month",
]

REFORM_SOURCE = rules.retirement_age_reference()


def statutory_retirement_age_months(*, birth_month: dt.date, category: Category | str) -> int:
    """Age at statutory retirement, in months, for a person born in `birth_month`."""
    return rules.statutory_retirement_age_months(birth_month=birth_month, category=category)


def statutory_retirement_month(*, birth_month: dt.date, category: Category | str) -> dt.date:
    """The month in which the person reaches the statutory retirement age (first of the month)."""
    return rules.statutory_retirement_month(birth_month=birth_month, category=category)


def age_in_months(*, birth_month: dt.date, on: dt.date) -> int:
    """Whole months from the birth month to the month of `on`."""
    return (on.year - birth_month.year) * 12 + on.month - birth_month.month

"""Statutory retirement age and the personal-account rate, read from the kernel's dated parameters.

The 2025 reform (`parameters/insurance/retirement_age.yaml`): men 60 -> 63 and female cadres
55 -> 58, one month later for every 4 months of birth; female workers 50 -> 55, one month later
for every 2 months of birth. It applies to a person whose old retirement date falls on or after
the day the reform's step is in force; people who reached the old age earlier keep it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from openfisca_core.parameters import Parameter
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from talentbridge.rules import params
from talentbridge.rules.system import rulebook

RETIREMENT_AGE = "insurance.retirement_age"
PERSONAL_ACCOUNT_RATE = "insurance.pension.personal_account_rate"


class RetirementCategory(StrEnum):
    """Who retires at which statutory age: men, female cadres, female workers."""

    MAN = "man"
    FEMALE_CADRE = "female_cadre"
    FEMALE_WORKER = "female_worker"


def _add_months(month: dt.date, months: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _leaf(tbs: TaxBenefitSystem, path: str) -> Parameter:
    leaf = params.find(tbs, path)
    if not isinstance(leaf, Parameter):
        raise KeyError(path)
    return leaf


def _value_on(tbs: TaxBenefitSystem, path: str, day: dt.date) -> float | None:
    value = _leaf(tbs, path)(day.isoformat())
    return None if value is None else float(value)


def statutory_retirement_age_months(
    *, birth_month: dt.date, category: RetirementCategory | str, tbs: TaxBenefitSystem | None = None
) -> int:
    """Age at statutory retirement, in months, for a person born in `birth_month`."""
    system = tbs or rulebook()
    node = f"{RETIREMENT_AGE}.{RetirementCategory(category).value}"
    born = birth_month.replace(day=1)
    # The old age is the one in force when the person reaches it.
    first = _leaf(system, f"{node}.old_age_months").values_list[-1].value
    old_age = _value_on(system, f"{node}.old_age_months", _add_months(born, int(first)))
    if old_age is None:
        raise ValueError(f"no statutory retirement age in force for a birth in {born:%Y-%m}")
    old_retirement = _add_months(born, int(old_age))
    step = _value_on(system, f"{node}.delay_step_birth_months", old_retirement)
    maximum = _value_on(system, f"{node}.maximum_delay_months", old_retirement)
    if step is None or maximum is None:
        return int(old_age)
    reform_start = dt.date.fromisoformat(
        str(params.effective_date(_leaf(system, f"{node}.delay_step_birth_months"), old_retirement.isoformat()))
    )
    # The first affected cohort reaches the old age in the reform's first month.
    reached_after = (old_retirement.year - reform_start.year) * 12 + old_retirement.month - reform_start.month
    delay = min(reached_after // int(step) + 1, int(maximum))
    return int(old_age) + delay


def statutory_retirement_month(
    *, birth_month: dt.date, category: RetirementCategory | str, tbs: TaxBenefitSystem | None = None
) -> dt.date:
    """The month in which the person reaches the statutory retirement age (first of the month)."""
    age = statutory_retirement_age_months(birth_month=birth_month, category=category, tbs=tbs)
    return _add_months(birth_month.replace(day=1), age)


def retirement_age_reference(tbs: TaxBenefitSystem | None = None) -> str:
    """The citation of the 2025 reform (the reference of its men's step)."""
    leaf = _leaf(tbs or rulebook(), f"{RETIREMENT_AGE}.man.delay_step_birth_months")
    return str(leaf.metadata["reference"])


def personal_account_rate(on: dt.date, tbs: TaxBenefitSystem | None = None) -> float:
    """Share of the contribution wage credited to the personal pension account on `on`."""
    value = _value_on(tbs or rulebook(), PERSONAL_ACCOUNT_RATE, on)
    if value is None:
        raise ValueError(f"no personal-account rate in force on {on.isoformat()}")
    return value


def personal_account_rate_reference(tbs: TaxBenefitSystem | None = None) -> str:
    """The citation of the personal-account rate."""
    return str(_leaf(tbs or rulebook(), PERSONAL_ACCOUNT_RATE).metadata["reference"])

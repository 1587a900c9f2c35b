"""Benefit estimates from a person's records, computed and explained by the rules kernel.

The records give the kernel's inputs (contribution years to the month, average contribution index,
personal account balance, unemployment months, work city, own wage before an injury); the kernel
gives every amount; each estimate is stored as a determination with the rule-set version.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from talentbridge.accounts.models import User
from talentbridge.core import clock
from talentbridge.core.errors import InvalidInput
from talentbridge.insurance.aggregation import (
    Span,
    last_months_average_wage,
    month_from_index,
    month_index,
    scheme_total,
)
from talentbridge.insurance.models import ContributionPeriod, Scheme
from talentbridge.insurance.retirement import Category, age_in_months, statutory_retirement_month
from talentbridge.policy.models import Determination
from talentbridge.policy.services import determination_make
from talentbridge.rules import params
from talentbridge.rules.system import rulebook

PENSION_OUTPUTS = ("pension_eligible", "basic_pension", "personal_account_pension")
UNEMPLOYMENT_OUTPUTS = (
    "unemployment_benefit_eligible",
    "unemployment_benefit_months",
    "unemployment_benefit_monthly",
    "unemployment_one_off_payment",
)
WORK_INJURY_OUTPUTS = ("work_injury_own_wage", "work_injury_one_off_subsidy", "work_injury_monthly_allowance")
LUMP_SUM_OUTPUTS = ("personal_account_balance",)


@functools.cache
def pension_rules_start() -> dt.date:
    """The first day on which every pension parameter has a value: an earlier retirement has no rules to apply."""
    node = params.find(rulebook(), "insurance.pension")
    days = [min(dt.date.fromisoformat(day) for day in params.dated_values(leaf)) for leaf in params.leaves(node)]
    return max(days)


# What the estimate assumes without asking: the unemployment estimate is the benefit of someone who lost
# the job involuntarily and registered as a job seeker. Pages state these as assumptions, never as the
# person's answers; a claim asks them.
ASSUMED_INPUTS: dict[str, Any] = {"involuntary_job_loss": True, "registered_as_job_seeker": True}


def spans_for(person: User) -> list[Span]:
    rows = ContributionPeriod.objects.filter(person=person).select_related("city").order_by("scheme", "start_month")
    return [
        Span(scheme=p.scheme, start=p.start_month, end=p.end_month, wage=p.monthly_wage, city=p.city.code) for p in rows
    ]


def _period(month: dt.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def _previous(month: dt.date) -> dt.date:
    return month_from_index(month_index(month) - 1)


def _on_day(inputs: dict[str, dict[str, Any]], period: str, on: dt.date | None) -> dict[str, dict[str, Any]]:
    """The inputs decided on `on` (a day of the period's month): the kernel reads the rules in force that day."""
    if on is not None:
        inputs["decision_date"] = {period: on.isoformat()}
    return inputs


def pension_inputs(spans: list[Span], *, birth_month: dt.date, retirement_month: dt.date) -> dict[str, dict[str, Any]]:
    """Kernel inputs at the retirement month; open periods are assumed to last until then."""
    total = scheme_total(Scheme.PENSION, spans, until=_previous(retirement_month))
    period = _period(retirement_month)
    return {
        "contribution_years": {period: round(total.decimal_years, 6)},
        "average_contribution_index": {period: round(total.average_contribution_index, 6)},
        "personal_account_balance": {period: round(total.personal_account, 2)},
        "retirement_age_months": {period: age_in_months(birth_month=birth_month, on=retirement_month)},
    }


def _latest_city(spans: list[Span], scheme: str) -> str:
    own = [s for s in spans if s.scheme == scheme] or spans
    return max(own, key=lambda s: s.start).city if own else "guangzhou"


def unemployment_inputs(
    spans: list[Span],
    *,
    month: dt.date,
    involuntary: bool = ASSUMED_INPUTS["involuntary_job_loss"],
    registered: bool = ASSUMED_INPUTS["registered_as_job_seeker"],
    on: dt.date | None = None,
) -> dict[str, dict[str, Any]]:
    """Kernel inputs for `month`, decided on the day `on` of that month (default: its first day)."""
    total = scheme_total(Scheme.UNEMPLOYMENT, spans, until=_previous(month))
    period = _period(month)
    inputs: dict[str, dict[str, Any]] = {
        "unemployment_contribution_months": {period: total.months},
        "work_city": {period: _latest_city(spans, Scheme.UNEMPLOYMENT)},
        "involuntary_job_loss": {period: involuntary},
        "registered_as_job_seeker": {period: registered},
    }
    return _on_day(inputs, period, on)


def work_injury_inputs(
    spans: list[Span], *, month: dt.date, grade: int, employer_arranges_work: bool, on: dt.date | None = None
) -> dict[str, dict[str, Any]]:
    """Kernel inputs for `month`, decided on the day `on` of that month (default: its first day)."""
    period = _period(month)
    wage = last_months_average_wage(spans, Scheme.WORK_INJURY, before=month)
    inputs: dict[str, dict[str, Any]] = {
        "disability_grade": {period: grade},
        "pre_injury_average_wage": {period: float(wage)},
        "employer_arranges_work": {period: employer_arranges_work},
    }
    return _on_day(inputs, period, on)


def lump_sum_inputs(spans: list[Span], *, month: dt.date, on: dt.date | None = None) -> dict[str, dict[str, Any]]:
    """Kernel inputs for `month`, decided on the day `on` of that month (default: its first day)."""
    total = scheme_total(Scheme.PENSION, spans, until=month)
    period = _period(month)
    return _on_day({"personal_account_balance": {period: round(total.personal_account, 2)}}, period, on)


@dataclass
class Estimate:
    retirement_month: dt.date
    statutory_retirement_month: dt.date
    pension: Determination
    unemployment: Determination
    work_injury: Determination

    def determinations(self) -> list[Determination]:
        return [self.pension, self.unemployment, self.work_injury]


def estimate_make(
    *,
    person: User,
    birth_month: dt.date,
    category: Category | str,
    retirement_month: dt.date | None = None,
    disability_grade: int = 10,
    employer_arranges_work: bool = False,
) -> Estimate:
    """Pension at the chosen (default: statutory) retirement month; unemployment and work injury today, with
    the rules in force today."""
    statutory = statutory_retirement_month(birth_month=birth_month.replace(day=1), category=category)
    retirement = (retirement_month or statutory).replace(day=1)
    if retirement < pension_rules_start():
        field = "retirement_month" if retirement_month else "birth_month"
        message = _("A retirement before %(month)s cannot be estimated: the pension rules on record start then.") % {
            "month": date_format(pension_rules_start(), "YEAR_MONTH_FORMAT")
        }
        raise InvalidInput(details={field: [message]})
    spans = spans_for(person)
    today = clock.today()
    month = today.replace(day=1)
    pension = determination_make(
        inputs=pension_inputs(spans, birth_month=birth_month.replace(day=1), retirement_month=retirement),
        period=_period(retirement),
        outputs=PENSION_OUTPUTS,
        user=person,
    )
    unemployment = determination_make(
        inputs=unemployment_inputs(spans, month=month, on=today),
        period=_period(month),
        outputs=UNEMPLOYMENT_OUTPUTS,
        user=person,
    )
    injury = determination_make(
        inputs=work_injury_inputs(
            spans, month=month, grade=disability_grade, employer_arranges_work=employer_arranges_work, on=today
        ),
        period=_period(month),
        outputs=WORK_INJURY_OUTPUTS,
        user=person,
    )
    return Estimate(
        retirement_month=retirement,
        statutory_retirement_month=statutory,
        pension=pension,
        unemployment=unemployment,
        work_injury=injury,
    )

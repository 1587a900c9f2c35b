"""Adding up contribution periods: months per scheme across cities, overlaps, contribution index.

Periods in different Guangdong cities add up (Interim Measures, Order No. 41: periods are
cumulated on transfer). A month counted twice in one scheme is an overlap and counted once.
The average wage W of a month is the kernel's `insurance.pension.calculation_base` in force in that
month; months before its first published value use that first value (stated in `wage_note`). The
personal account is credited each month at the kernel's `insurance.pension.personal_account_rate` in
force in that month (months before 2006 at its first value, 8%).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from talentbridge import rules
from talentbridge.rules import params
from talentbridge.rules.system import rulebook


@dataclass(frozen=True)
class Span:
    """One period as plain values: first and last month (first days), wage, city code."""

    scheme: str
    start: dt.date
    end: dt.date | None
    wage: Decimal
    city: str = ""


def month_index(month: dt.date) -> int:
    return month.year * 12 + month.month - 1


def month_from_index(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(start: dt.date, end: dt.date) -> int:
    """Months from `start` to `end`, both inclusive (0 if `end` is before `start`)."""
    return max(0, month_index(end) - month_index(start) + 1)


@cache
def _dated(path: str) -> tuple[tuple[str, float], ...]:
    leaf = params.find(rulebook(), path)
    values = params.dated_values(leaf)
    return tuple((date, float(value)) for date, value in values.items() if value is not None)


def parameter_on(path: str, month: dt.date) -> float:
    """The kernel parameter's value in force in `month`, or its first value for earlier months."""
    dated = _dated(path)
    instant = month.isoformat()
    chosen = dated[0][1]
    for date, value in dated:
        if date <= instant:
            chosen = value
    return chosen


def average_wage(month: dt.date) -> float:
    return parameter_on("insurance.pension.calculation_base", month)


def wage_bounds(month: dt.date) -> tuple[Decimal, Decimal]:
    """Lowest and highest contribution wage of `month`: 60%–300% of the average wage."""
    wage = average_wage(month)
    low = parameter_on("insurance.pension.contribution_index_floor", month)
    high = parameter_on("insurance.pension.contribution_index_ceiling", month)
    cent = Decimal("0.01")
    return Decimal(str(round(wage * low, 2))).quantize(cent), Decimal(str(round(wage * high, 2))).quantize(cent)


WAGE_PARAMETER = "insurance.pension.calculation_base"


def wage_first_date() -> Any:
    """The first date the average wage (the pension calculation base) is given for; earlier months use it."""
    return _dated(WAGE_PARAMETER)[0][0]


def wage_note() -> str:
    """For developers and the CLI; pages say it in words (see the statement page)."""
    return f"{WAGE_PARAMETER}; months before {wage_first_date()} use its first value"


ACCOUNT_PARAMETER = "insurance.pension.personal_account_rate"


@cache
def personal_account_rate(month: dt.date) -> float:
    """The kernel's personal-account rate in force in `month`; months before its first value use that value."""
    first = dt.date.fromisoformat(str(_dated(ACCOUNT_PARAMETER)[0][0]))
    return rules.personal_account_rate(max(month, first))


def personal_account_reference() -> str:
    """The citation of the personal-account rate (the kernel's)."""
    return rules.personal_account_rate_reference()


@dataclass
class SchemeTotal:
    scheme: str
    months: int = 0
    cities: list[str] = field(default_factory=list)
    overlap_months: int = 0
    wage_sum: Decimal = Decimal(0)
    index_sum: float = 0.0
    personal_account: float = 0.0

    @property
    def years(self) -> int:
        return self.months // 12

    @property
    def extra_months(self) -> int:
        return self.months % 12

    @property
    def decimal_years(self) -> float:
        """Years to the month, as the kernel's `contribution_years` expects."""
        return self.months / 12

    @property
    def average_contribution_index(self) -> float:
        return self.index_sum / self.months if self.months else 1.0

    @property
    def average_wage(self) -> Decimal:
        return (self.wage_sum / self.months).quantize(Decimal("0.01")) if self.months else Decimal(0)


def _clip(spans: Iterable[Span], until: dt.date) -> list[tuple[int, int, Span]]:
    last = month_index(until)
    clipped = []
    for span in spans:
        start = month_index(span.start)
        end = min(month_index(span.end), last) if span.end else last
        if end >= start:
            clipped.append((start, end, span))
    return clipped


def scheme_total(scheme: str, spans: Sequence[Span], *, until: dt.date) -> SchemeTotal:
    """Months (each counted once), cities, overlaps, wage and index sums of one scheme up to `until`."""
    total = SchemeTotal(scheme=scheme)
    seen: set[int] = set()
    for start, end, span in sorted(_clip((s for s in spans if s.scheme == scheme), until), key=lambda t: t[0]):
        if span.city and span.city not in total.cities:
            total.cities.append(span.city)
        wage = float(span.wage)
        for index in range(start, end + 1):
            if index in seen:
                total.overlap_months += 1
                continue
            seen.add(index)
            total.months += 1
            total.wage_sum += span.wage
            total.index_sum += wage / average_wage(month_from_index(index))
            total.personal_account += wage * personal_account_rate(month_from_index(index))
    return total


def totals(spans: Sequence[Span], *, until: dt.date) -> dict[str, SchemeTotal]:
    """Totals per scheme (only schemes with periods), in scheme order of appearance."""
    schemes = list(dict.fromkeys(span.scheme for span in spans))
    return {scheme: scheme_total(scheme, spans, until=until) for scheme in schemes}


def overlaps(spans: Sequence[Span]) -> list[tuple[Span, Span]]:
    """Pairs of periods of the same scheme sharing at least one month."""
    found = []
    ordered = sorted(spans, key=lambda s: (s.scheme, s.start))
    far = dt.date(9999, 12, 1)
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            if second.scheme != first.scheme or second.start > (first.end or far):
                break
            found.append((first, second))
    return found


def last_months_average_wage(spans: Sequence[Span], scheme: str, *, before: dt.date, months: int = 12) -> Decimal:
    """Average monthly contribution wage over the `months` months before `before` (work injury's own wage)."""
    last = month_index(before) - 1
    first = last - months + 1
    wages: dict[int, Decimal] = {}
    for span in spans:
        if span.scheme != scheme:
            continue
        start = max(month_index(span.start), first)
        end = min(month_index(span.end) if span.end else last, last)
        for index in range(start, end + 1):
            wages.setdefault(index, span.wage)
    if not wages:
        return Decimal(0)
    return (sum(wages.values(), Decimal(0)) / len(wages)).quantize(Decimal("0.01"))

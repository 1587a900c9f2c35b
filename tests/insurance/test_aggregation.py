"""Periods add up across cities; overlapping months count once; the index uses the kernel's average wage."""

import datetime as dt
from decimal import Decimal

import pytest

from talentbridge.insurance.aggregation import (
    Span,
    average_wage,
    last_months_average_wage,
    overlaps,
    scheme_total,
    wage_bounds,
)


def span(start, end, wage="7800", city="guangzhou", scheme="pension"):
    return Span(
        scheme=scheme,
        start=dt.date.fromisoformat(f"{start}-01"),
        end=dt.date.fromisoformat(f"{end}-01") if end else None,
        wage=Decimal(wage),
        city=city,
    )


def test_periods_in_two_cities_add_up():
    spans = [span("2024-07", "2024-12", city="guangzhou"), span("2025-01", None, city="shenzhen")]
    total = scheme_total("pension", spans, until=dt.date(2025, 5, 1))
    assert (total.months, total.years, total.extra_months, total.cities) == (11, 0, 11, ["guangzhou", "shenzhen"])
    assert total.overlap_months == 0


def test_overlapping_months_count_once_and_are_reported():
    spans = [span("2024-07", "2024-12"), span("2024-10", "2025-03", city="shenzhen")]
    total = scheme_total("pension", spans, until=dt.date(2025, 5, 1))
    assert (total.months, total.overlap_months) == (9, 3)
    assert len(overlaps(spans)) == 1


def test_average_contribution_index_against_the_kernel_average_wage():
    # W is 7800 from 2024-07 (insurance.pension.calculation_base): 11700 is an index of 1.5.
    total = scheme_total("pension", [span("2024-07", "2024-12", wage="11700")], until=dt.date(2025, 5, 1))
    assert total.average_contribution_index == pytest.approx(1.5)
    assert total.personal_account == pytest.approx(6 * 11700 * 0.08)


def test_months_before_the_first_published_wage_use_the_first_value():
    assert average_wage(dt.date(2015, 1, 1)) == 7500.0
    assert wage_bounds(dt.date(2024, 7, 1)) == (Decimal("4680.00"), Decimal("23400.00"))


def test_own_wage_is_the_average_over_the_last_twelve_months():
    spans = [
        span("2024-01", "2024-12", wage="6000", scheme="work_injury"),
        span("2025-01", None, wage="9000", scheme="work_injury"),
    ]
    # June 2024..May 2025: 7 months at 6000, 5 at 9000.
    assert last_months_average_wage(spans, "work_injury", before=dt.date(2025, 6, 1)) == Decimal("7250.00")


def test_the_personal_account_is_credited_at_the_kernels_rate_and_insurance_keeps_no_copy():
    from pathlib import Path

    from talentbridge import rules
    from talentbridge.insurance import aggregation

    assert aggregation.personal_account_reference() == rules.personal_account_rate_reference()
    assert aggregation.personal_account_rate(dt.date(2025, 6, 1)) == rules.personal_account_rate(dt.date(2025, 6, 1))
    # Months before the rate's first value (2006-01-01) are credited at that value, as before.
    total = scheme_total("pension", [span("2005-11", "2006-02", wage="5000")], until=dt.date(2006, 2, 1))
    assert total.personal_account == pytest.approx(4 * 5000 * 0.08)
    package = Path(aggregation.__file__).resolve().parent
    assert not (package / "data" / "personal_account.yaml").exists()

"""Business-day arithmetic: weekends, holidays and swapped workdays."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talentbridge.core.businessdays import WorkCalendar, add_business_days, business_days_between

PLAIN = WorkCalendar()
NATIONAL_DAY = WorkCalendar(
    holidays=frozenset(dt.date(2026, 10, d) for d in (1, 2, 5, 6, 7)),
    extra_workdays=frozenset({dt.date(2026, 10, 10)}),
)


def test_friday_plus_one_is_monday():
    assert add_business_days(dt.date(2026, 11, 27), 1, PLAIN) == dt.date(2026, 11, 30)


def test_holidays_are_skipped_and_swapped_saturday_counts():
    # Wed 30 Sept + 3 business days: 8 Oct (Thu), 9 Oct (Fri), 10 Oct (swapped Saturday)
    assert add_business_days(dt.date(2026, 9, 30), 3, NATIONAL_DAY) == dt.date(2026, 10, 10)


def test_zero_days_moves_to_the_next_business_day_only_when_needed():
    assert add_business_days(dt.date(2026, 11, 28), 0, PLAIN) == dt.date(2026, 11, 30)
    assert add_business_days(dt.date(2026, 11, 25), 0, PLAIN) == dt.date(2026, 11, 25)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_business_days(dt.date(2026, 1, 1), -1, PLAIN)


@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)), st.integers(1, 400))
def test_counting_back_gives_the_same_number_of_days(start, days):
    end = add_business_days(start, days, NATIONAL_DAY)
    assert business_days_between(start, end, NATIONAL_DAY) == days
    assert NATIONAL_DAY.is_business_day(end)
    assert business_days_between(end, start, NATIONAL_DAY) == -days


@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)), st.integers(1, 60))
def test_deadlines_never_land_on_a_weekend_without_a_swap(start, days):
    end = add_business_days(start, days, PLAIN)
    assert end.weekday() < 5 and end > start

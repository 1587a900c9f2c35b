"""Statutory retirement age after the 2025 reform, at the cohort boundaries."""

import datetime as dt

import pytest

from talentbridge.insurance.retirement import statutory_retirement_age_months, statutory_retirement_month


@pytest.mark.parametrize(
    ("born", "category", "age_months"),
    [
        ("1964-12", "man", 720),  # reached 60 in Dec 2024: old age
        ("1965-01", "man", 721),  # first cohort: one month later
        ("1965-04", "man", 721),
        ("1965-05", "man", 722),  # +1 month every 4 months of birth
        ("1976-09", "man", 756),  # 63 reached
        ("1990-01", "man", 756),  # capped at 63
        ("1969-12", "female_cadre", 660),
        ("1970-01", "female_cadre", 661),
        ("1990-01", "female_cadre", 696),  # capped at 58
        ("1974-12", "female_worker", 600),
        ("1975-01", "female_worker", 601),
        ("1975-03", "female_worker", 602),  # +1 month every 2 months of birth
        ("1990-01", "female_worker", 660),  # capped at 55
    ],
)
def test_statutory_age_by_cohort(born, category, age_months):
    birth = dt.date.fromisoformat(f"{born}-01")
    assert statutory_retirement_age_months(birth_month=birth, category=category) == age_months


def test_retirement_month_is_birth_month_plus_age():
    assert statutory_retirement_month(birth_month=dt.date(1965, 5, 1), category="man") == dt.date(2025, 7, 1)

"""The kernel's public contract: inputs and outputs by area, and the valid range of each input."""

from __future__ import annotations

INPUTS: dict[str, tuple[str, ...]] = {
    "practice": (
        "practice_field",
        "practice_zone",
        "home_jurisdiction",
        "years_of_practice",
        "holds_home_licence",
        "is_permanent_resident",
        "is_chinese_citizen",
        "has_disciplinary_record",
    ),
    "endorsement": ("talent_category", "holds_valid_eep", "work_city", "works_in_hetao_shenzhen_park"),
    "pension": (
        "pension_calculation_base",
        "average_contribution_index",
        "contribution_years",
        "personal_account_balance",
        "retirement_age_months",
    ),
    "unemployment": (
        "unemployment_contribution_months",
        "work_city",
        "involuntary_job_loss",
        "registered_as_job_seeker",
        "local_minimum_wage",
    ),
    "work_injury": ("disability_grade", "pre_injury_average_wage", "local_average_wage", "employer_arranges_work"),
    "opportunities": ("age", "education_level", "is_hong_kong_graduate", "offered_monthly_salary_hkd"),
}

OUTPUTS: dict[str, tuple[str, ...]] = {
    "practice": ("practice_eligible", "practice_mechanism", "practice_validity_years", "practice_authority"),
    "endorsement": ("endorsement_eligible", "endorsement_validity_years", "endorsement_max_stay_days"),
    "pension": ("pension_eligible", "basic_pension", "personal_account_divisor", "personal_account_pension"),
    "unemployment": (
        "unemployment_benefit_eligible",
        "unemployment_benefit_months",
        "unemployment_benefit_monthly",
        "unemployment_one_off_payment",
    ),
    "work_injury": ("work_injury_own_wage", "work_injury_one_off_subsidy", "work_injury_monthly_allowance"),
    "opportunities": (
        "youth_employment_scheme_eligible",
        "youth_employment_allowance_hkd",
        "youth_employment_allowance_months",
    ),
}

# Inputs that set the context of a check rather than a fact of the person: the day decided on
# (`decision_date`, default the first day of the period's month). Optional; not a snapshot column.
CONTEXT_VARIABLES: tuple[str, ...] = ("decision_date",)

ALL_OUTPUTS: tuple[str, ...] = tuple(name for names in OUTPUTS.values() for name in names)

# Outputs counted by a what-if: who is eligible before and after a reform.
ELIGIBILITY_OUTPUTS: tuple[str, ...] = (
    "practice_eligible",
    "endorsement_eligible",
    "pension_eligible",
    "unemployment_benefit_eligible",
    "youth_employment_scheme_eligible",
)

# Inclusive bounds of numeric variables (None: unbounded on that side). Units without an entry here
# ("year", "month", "day", "currency-*", "/1") are bounded below by 0.
RANGES: dict[str, tuple[float | None, float | None]] = {
    "disability_grade": (0, 10),
    "age": (0, 150),
    "retirement_age_months": (0, 150 * 12),
    "years_of_practice": (0, 100),
    "contribution_years": (0, 100),
    "unemployment_contribution_months": (0, 100 * 12),
    "graduation_year": (1950, 2099),
}
NON_NEGATIVE_UNITS = ("year", "month", "day", "grade", "/1", "currency-CNY", "currency-HKD")

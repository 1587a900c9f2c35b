"""Opportunities: the GBA Youth Employment Scheme (HK Labour Department)."""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.model_api import Enum, Variable

from talentbridge.rules.categories import EducationLevel
from talentbridge.rules.lookup import children_of, codes
from talentbridge.rules.variables.base import MoneyVariable, RuleVariable
from talentbridge.rules.variables.day import rules_on_day

YES = "HK Labour Department, GBA Youth Employment Scheme"


def _scheme(person: Any, period: Any, parameters: Any) -> Any:
    return rules_on_day(person, period, parameters).opportunities.youth_employment_scheme


def _in_force(person: Any, period: Any, parameters: Any) -> bool:
    return "phase" in children_of(_scheme(person, period, parameters))


class age(RuleVariable):
    value_type = int
    unit = "year"
    label = "Age in whole years"
    reference = YES


class education_level(RuleVariable):
    value_type = Enum
    possible_values = EducationLevel
    default_value = EducationLevel.none
    label = "Highest qualification"
    reference = YES


class is_hong_kong_graduate(RuleVariable):
    value_type = bool
    label = "Is a Hong Kong graduate (HK resident with a qualification)"
    reference = YES


class offered_monthly_salary_hkd(MoneyVariable):
    unit = "currency-HKD"
    label = "Monthly salary offered by the employer (HKD)"
    reference = YES


class graduation_year(RuleVariable):
    value_type = int
    unit = "year"
    label = "Year in which the graduate obtained the qualification"
    reference = YES


class meets_youth_scheme_graduation_requirement(RuleVariable):
    value_type = bool
    label = "Graduated within the scheme's years (before 2025: a degree of the last three years)"
    reference = YES + "; pilot 2019-2021, regular scheme 2021-2023, no limit from Jan 2025"

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        scheme = _scheme(person, period, parameters)
        limits = children_of(scheme)
        if "earliest_graduation_year" not in limits:
            return np.ones(person.count, dtype=bool)
        year = person("graduation_year", period)
        return (year >= scheme.earliest_graduation_year) & (year <= scheme.latest_graduation_year)


class meets_youth_scheme_age_requirement(RuleVariable):
    value_type = bool
    label = "Within the scheme's age limit (age 29 or under from Jan 2025)"
    reference = YES

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        scheme = _scheme(person, period, parameters)
        if "maximum_age" not in children_of(scheme):
            return np.ones(person.count, dtype=bool)
        return person("age", period) <= scheme.maximum_age


class meets_youth_scheme_education_requirement(RuleVariable):
    value_type = bool
    label = "Has the scheme's minimum qualification"
    reference = YES

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        if not _in_force(person, period, parameters):
            return np.zeros(person.count, dtype=bool)
        minimum = EducationLevel[_scheme(person, period, parameters).minimum_education_level].index
        return codes(person("education_level", period)) >= minimum


class meets_youth_scheme_salary_requirement(RuleVariable):
    value_type = bool
    label = "The offered salary meets the scheme's minimum"
    reference = YES

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        if not _in_force(person, period, parameters):
            return np.zeros(person.count, dtype=bool)
        minimum = _scheme(person, period, parameters).minimum_monthly_salary_hkd
        return person("offered_monthly_salary_hkd", period) >= minimum


class youth_employment_scheme_open(RuleVariable):
    value_type = bool
    label = "The scheme is in force (pilot hires 8 Jan-31 Aug 2021, regular from 1 Mar 2023)"
    reference = YES

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        if not _in_force(person, period, parameters):
            return np.zeros(person.count, dtype=bool)
        _scheme(person, period, parameters).phase  # noqa: B018 (recorded in the trace: which phase applies)
        return np.ones(person.count, dtype=bool)


class youth_employment_scheme_eligible(RuleVariable):
    value_type = bool
    label = "Eligible graduate under the GBA Youth Employment Scheme"
    reference = YES

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        return (
            person("youth_employment_scheme_open", period)
            * person("is_hong_kong_graduate", period)
            * person("meets_youth_scheme_age_requirement", period)
            * person("meets_youth_scheme_graduation_requirement", period)
            * person("meets_youth_scheme_education_requirement", period)
            * person("meets_youth_scheme_salary_requirement", period)
        )


class youth_employment_allowance_hkd(MoneyVariable):
    unit = "currency-HKD"
    label = "Monthly allowance to the employer for the graduate (HKD)"
    reference = YES

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        if not _in_force(person, period, parameters):
            return np.zeros(person.count)
        allowance = _scheme(person, period, parameters).monthly_allowance_hkd
        return np.where(person("youth_employment_scheme_eligible", period), float(allowance), 0.0)


class youth_employment_allowance_months(RuleVariable):
    value_type = int
    unit = "month"
    label = "Months for which the allowance is paid at most"
    reference = YES

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        if not _in_force(person, period, parameters):
            return np.zeros(person.count, dtype=np.int32)
        months = _scheme(person, period, parameters).maximum_allowance_months
        return np.where(person("youth_employment_scheme_eligible", period), months, 0)


class youth_employment_guangdong_top_up_max_rmb(MoneyVariable):
    unit = "currency-CNY"
    label = "Guangdong's monthly top-up per graduate, at most (RMB)"
    reference = YES

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        if "guangdong_monthly_top_up_max_rmb" not in children_of(_scheme(person, period, parameters)):
            return np.zeros(person.count)
        top_up = _scheme(person, period, parameters).guangdong_monthly_top_up_max_rmb
        return np.where(person("youth_employment_scheme_eligible", period), float(top_up), 0.0)


VARIABLES: list[type[Variable]] = [
    age,
    education_level,
    is_hong_kong_graduate,
    offered_monthly_salary_hkd,
    youth_employment_scheme_open,
    graduation_year,
    meets_youth_scheme_graduation_requirement,
    meets_youth_scheme_age_requirement,
    meets_youth_scheme_education_requirement,
    meets_youth_scheme_salary_requirement,
    youth_employment_scheme_eligible,
    youth_employment_allowance_hkd,
    youth_employment_allowance_months,
    youth_employment_guangdong_top_up_max_rmb,
]

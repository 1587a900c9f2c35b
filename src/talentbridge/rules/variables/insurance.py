"""Social insurance for HK/Macao residents in Guangdong: basic pension, unemployment, work injury."""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.model_api import Enum, Variable

from talentbridge.rules.categories import WorkCity
from talentbridge.rules.lookup import by_category, by_key, children_of, codes, record, table_by_year
from talentbridge.rules.variables.base import MoneyVariable, RuleVariable
from talentbridge.rules.variables.day import rules_on_day

GUOFA_38 = "State Council Guofa [2005] No. 38 (basic pension)"
GD_UNEMPLOYMENT = "Guangdong Unemployment Insurance Regulations, Art. 17"
WORK_INJURY = "Regulation on Work-Related Injury Insurance (2010 revision)"

# ---------------------------------------------------------------- basic pension


class pension_calculation_base(MoneyVariable):
    unit = "currency-CNY"
    label = "Pension calculation base W: previous-year provincial average monthly wage"
    reference = GUOFA_38

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        base = rules_on_day(person, period, parameters).insurance.pension.calculation_base
        return np.full(person.count, float(base))


class average_contribution_index(RuleVariable):
    value_type = float
    default_value = 1.0
    unit = "/1"
    label = "Average contribution index I: contribution wage / average wage, averaged over the months"
    reference = GUOFA_38


class contribution_years(RuleVariable):
    value_type = float
    unit = "year"
    label = "Pension contribution years Y, to the month (decimal years)"
    reference = GUOFA_38


class personal_account_balance(MoneyVariable):
    unit = "currency-CNY"
    label = "Balance of the personal pension account at retirement"
    reference = GUOFA_38


class retirement_age_months(RuleVariable):
    value_type = int
    default_value = 720
    unit = "month"
    label = "Age at retirement in months (60 years = 720)"
    reference = GUOFA_38


class bounded_contribution_index(RuleVariable):
    value_type = float
    unit = "/1"
    label = "Contribution index bounded to 60%-300% of the average wage"
    reference = GUOFA_38

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        pension = rules_on_day(person, period, parameters).insurance.pension
        index = person("average_contribution_index", period).astype(np.float64)
        return np.clip(index, pension.contribution_index_floor, pension.contribution_index_ceiling)


class pension_eligible(RuleVariable):
    value_type = bool
    label = "Has the minimum contribution years for a monthly basic pension (by the retirement date)"
    reference = GUOFA_38 + "; minimum rising by 6 months a year from 2030 to 20 years"

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        minimum = rules_on_day(person, period, parameters).insurance.pension.minimum_contribution_years
        return person("contribution_years", period) >= minimum


class basic_pension(MoneyVariable):
    unit = "currency-CNY"
    label = "Monthly basic pension: W x (1 + I) / 2 x Y x 1%"
    reference = GUOFA_38

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        rate = rules_on_day(person, period, parameters).insurance.pension.basic_pension_rate_per_year
        base = person("pension_calculation_base", period)
        index = person("bounded_contribution_index", period)
        years = person("contribution_years", period).astype(np.float64)
        amount = base * (1.0 + index) / 2.0 * years * rate
        return np.where(person("pension_eligible", period), amount, 0.0)


class personal_account_divisor(RuleVariable):
    value_type = float
    unit = "month"
    label = "Personal account divisor in months for the retirement age, interpolated between whole years"
    reference = GUOFA_38

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        node = rules_on_day(person, period, parameters).insurance.pension.personal_account_divisor
        divisors = table_by_year(node, "age_", 40, 70)
        months = np.clip(person("retirement_age_months", period).astype(np.int64), 40 * 12, 70 * 12)
        years, extra_months = np.divmod(months, 12)
        low = years - 40
        high = np.minimum(low + 1, len(divisors) - 1)
        for age in np.unique(np.concatenate([low, high])) + 40:
            record(node, f"age_{age}")
        return divisors[low] + (divisors[high] - divisors[low]) * extra_months / 12.0


class personal_account_pension(MoneyVariable):
    unit = "currency-CNY"
    label = "Monthly personal account pension: balance / divisor"
    reference = GUOFA_38

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        amount = person("personal_account_balance", period) / person("personal_account_divisor", period)
        return np.where(person("pension_eligible", period), amount, 0.0)


# ---------------------------------------------------------------- unemployment


class unemployment_contribution_months(RuleVariable):
    value_type = int
    unit = "month"
    label = "Months of unemployment insurance contributions"
    reference = GD_UNEMPLOYMENT


class work_city(RuleVariable):
    value_type = Enum
    possible_values = WorkCity
    default_value = WorkCity.guangzhou
    label = "Mainland GBA city where the person works"
    reference = "Outline Development Plan for the GBA (2019): the nine mainland cities"


class involuntary_job_loss(RuleVariable):
    value_type = bool
    label = "Lost the job involuntarily"
    reference = GD_UNEMPLOYMENT


class registered_as_job_seeker(RuleVariable):
    value_type = bool
    label = "Registered as unemployed and seeking work"
    reference = GD_UNEMPLOYMENT


class local_minimum_wage(MoneyVariable):
    unit = "currency-CNY"
    label = "Monthly minimum wage of the work city in force in the period"
    reference = "Guangdong and Shenzhen minimum wage notices"

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        node = rules_on_day(person, period, parameters).insurance.minimum_wage
        return by_category(node, person("work_city", period), 0.0).astype(np.float64)


class meets_unemployment_contribution_requirement(RuleVariable):
    value_type = bool
    label = "Has contributed for at least one year"
    reference = GD_UNEMPLOYMENT

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        minimum = rules_on_day(person, period, parameters).insurance.unemployment.minimum_contribution_months
        return person("unemployment_contribution_months", period) >= minimum


class unemployment_benefit_eligible(RuleVariable):
    value_type = bool
    label = "Entitled to unemployment benefit"
    reference = GD_UNEMPLOYMENT

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        return (
            person("meets_unemployment_contribution_requirement", period)
            * person("involuntary_job_loss", period)
            * person("registered_as_job_seeker", period)
        )


class unemployment_benefit_months(RuleVariable):
    value_type = int
    unit = "month"
    label = "Unemployment benefit duration: 1 month per full year for 4 years, then 1 per full half-year, at most 24"
    reference = GD_UNEMPLOYMENT

    def formula_2014_07_01(person: Any, period: Any, parameters: Any) -> Any:
        # The duration rule of the 2002 text is not loaded: 0 months before the 2013 revision (2014-07-01).
        rule = rules_on_day(person, period, parameters).insurance.unemployment
        months = person("unemployment_contribution_months", period).astype(np.int64)
        first_phase_months = int(rule.first_phase_years) * 12
        first = np.minimum(months, first_phase_months) // 12 * rule.months_per_full_year_in_first_phase
        later = np.maximum(months - first_phase_months, 0) // 6 * rule.months_per_full_half_year_after_first_phase
        duration = np.minimum(first + later, rule.maximum_benefit_months)
        return np.where(person("unemployment_benefit_eligible", period), duration, 0)


class unemployment_benefit_monthly(MoneyVariable):
    unit = "currency-CNY"
    label = "Monthly unemployment benefit: a share of the city's minimum wage"
    reference = GD_UNEMPLOYMENT

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        rate = rules_on_day(person, period, parameters).insurance.unemployment.benefit_rate_of_minimum_wage
        amount = person("local_minimum_wage", period) * rate
        return np.where(person("unemployment_benefit_eligible", period), amount, 0.0)


class unemployment_one_off_payment(MoneyVariable):
    unit = "currency-CNY"
    label = "One-off option: 90% of the minimum wage per full 12 contribution months, at most 24 times"
    reference = "Yuefu [2020] No. 67 (dated 15 Dec 2020)"

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        rule = rules_on_day(person, period, parameters).insurance.unemployment
        if "one_off_rate_of_minimum_wage" not in children_of(rule):  # the option starts on 2020-12-15
            return np.zeros(person.count)
        years = person("unemployment_contribution_months", period).astype(np.int64) // 12
        times = np.minimum(years, rule.one_off_maximum_times)
        amount = person("local_minimum_wage", period) * rule.one_off_rate_of_minimum_wage * times
        return np.where(person("unemployment_benefit_eligible", period), amount, 0.0)


# ---------------------------------------------------------------- work injury

GRADE_NAMES = ["grade_0"] + [f"grade_{grade}" for grade in range(1, 11)]


class disability_grade(RuleVariable):
    value_type = int
    unit = "grade"
    label = "Disability grade after a work injury: 1 (most severe) to 10; 0 none"
    reference = WORK_INJURY


class pre_injury_average_wage(MoneyVariable):
    unit = "currency-CNY"
    label = "Average monthly contribution wage over the 12 months before the injury"
    reference = WORK_INJURY


class local_average_wage(MoneyVariable):
    unit = "currency-CNY"
    label = "Local average monthly wage (defaults to the provincial pension calculation base)"
    reference = WORK_INJURY

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        return person("pension_calculation_base", period)


class employer_arranges_work(RuleVariable):
    value_type = bool
    label = "The employer arranges suitable work after the injury"
    reference = WORK_INJURY


class work_injury_own_wage(MoneyVariable):
    unit = "currency-CNY"
    label = "Own wage for work injury benefits, bounded to 60%-300% of the local average wage"
    reference = WORK_INJURY

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        rule = rules_on_day(person, period, parameters).insurance.work_injury
        average = person("local_average_wage", period)
        wage = person("pre_injury_average_wage", period)
        return np.clip(wage, average * rule.own_wage_floor_rate, average * rule.own_wage_ceiling_rate)


def _grades(person: Any, period: Any) -> Any:
    return np.clip(codes(person("disability_grade", period)), 0, 10)


class work_injury_one_off_subsidy(MoneyVariable):
    unit = "currency-CNY"
    label = "One-off disability subsidy: months of own wage by grade (27 for grade 1 ... 7 for grade 10)"
    reference = WORK_INJURY + ", Art. 35-37"

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        node = rules_on_day(person, period, parameters).insurance.work_injury.one_off_subsidy_months
        months = by_key(node, GRADE_NAMES, _grades(person, period), 0).astype(np.float64)
        return months * person("work_injury_own_wage", period)


class work_injury_monthly_allowance(MoneyVariable):
    unit = "currency-CNY"
    label = "Monthly disability allowance: 90/85/80/75% for grades 1-4; 70/60% for grades 5-6 without arranged work"
    reference = WORK_INJURY + ", Art. 35-36"

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        rule = rules_on_day(person, period, parameters).insurance.work_injury
        grades = _grades(person, period)
        rate = by_key(rule.monthly_allowance_rate, GRADE_NAMES, grades, 0.0).astype(np.float64)
        only_without_work = by_key(rule.allowance_only_if_no_work_arranged, GRADE_NAMES, grades, False).astype(bool)
        paid = ~only_without_work | ~person("employer_arranges_work", period)
        return np.where(paid, rate * person("work_injury_own_wage", period), 0.0)


VARIABLES: list[type[Variable]] = [
    pension_calculation_base,
    average_contribution_index,
    contribution_years,
    personal_account_balance,
    retirement_age_months,
    bounded_contribution_index,
    pension_eligible,
    basic_pension,
    personal_account_divisor,
    personal_account_pension,
    unemployment_contribution_months,
    work_city,
    involuntary_job_loss,
    registered_as_job_seeker,
    local_minimum_wage,
    meets_unemployment_contribution_requirement,
    unemployment_benefit_eligible,
    unemployment_benefit_months,
    unemployment_benefit_monthly,
    unemployment_one_off_payment,
    disability_grade,
    pre_injury_average_wage,
    local_average_wage,
    employer_arranges_work,
    work_injury_own_wage,
    work_injury_one_off_subsidy,
    work_injury_monthly_allowance,
]

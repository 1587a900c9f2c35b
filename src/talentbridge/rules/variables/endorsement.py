"""Talent endorsement (往来港澳人才签注) for mainland talents travelling to Hong Kong and Macao."""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.model_api import Enum, Variable

from talentbridge.rules.categories import TalentCategory, WorkCity
from talentbridge.rules.lookup import by_category, children_of, record
from talentbridge.rules.variables.base import RuleVariable
from talentbridge.rules.variables.day import rules_on_day

NIA = "National Immigration Administration announcement, talent endorsement (in force 20 Feb 2023)"
HETAO = NIA + "; Hetao Shenzhen Park staff from 5 Nov 2025, after filing with the park's management"


class talent_category(RuleVariable):
    value_type = Enum
    possible_values = TalentCategory
    default_value = TalentCategory.none
    label = "Talent category recognised for the endorsement"
    reference = NIA


class holds_valid_eep(RuleVariable):
    value_type = bool
    label = "Holds a valid Exit-Entry Permit for Travelling to and from HK and Macao"
    reference = NIA


class works_in_hetao_shenzhen_park(RuleVariable):
    value_type = bool
    label = "Works in the Hetao Shenzhen Park (Shenzhen)"
    reference = HETAO


class filed_with_hetao_park_management(RuleVariable):
    value_type = bool
    label = "Has filed with the Hetao Shenzhen Park's management"
    reference = HETAO


class talent_endorsement_available_in_city(RuleVariable):
    value_type = bool
    label = "The talent endorsement is issued in the work city"
    reference = NIA

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        node = rules_on_day(person, period, parameters).mobility.talent_endorsement.available_in_city
        return by_category(node, person("work_city", period), False).astype(bool)


class talent_category_validity_years(RuleVariable):
    value_type = int
    unit = "year"
    label = "Validity for the talent category (5, 3 or 1 years; 0 when not a category)"
    reference = NIA

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        node = rules_on_day(person, period, parameters).mobility.talent_endorsement.validity_years
        return by_category(node, person("talent_category", period), 0).astype(np.int32)


class hetao_park_staff_route(RuleVariable):
    value_type = bool
    label = "Qualifies as Hetao Shenzhen Park staff, filed with the park (3 years, no talent certificate needed)"
    reference = HETAO

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        rules = children_of(rules_on_day(person, period, parameters).mobility.talent_endorsement)
        if "hetao_park_staff_validity_years" not in rules:
            return np.zeros(person.count, dtype=bool)
        in_shenzhen = person("work_city", period) == WorkCity.shenzhen
        in_park = person("works_in_hetao_shenzhen_park", period) & in_shenzhen
        if not in_park.any():  # the filing is asked of park staff only
            return in_park
        return in_park & person("filed_with_hetao_park_management", period)


class endorsement_eligible(RuleVariable):
    value_type = bool
    label = "May obtain a talent endorsement"
    reference = NIA

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        qualifies = (person("talent_category_validity_years", period) > 0) | person("hetao_park_staff_route", period)
        return person("holds_valid_eep", period) * person("talent_endorsement_available_in_city", period) * qualifies


class endorsement_validity_years(RuleVariable):
    value_type = int
    unit = "year"
    label = "Validity of the talent endorsement in years"
    reference = NIA

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        node = rules_on_day(person, period, parameters).mobility.talent_endorsement
        hetao = person("hetao_park_staff_route", period)
        hetao_years = 0
        if hetao.any():
            hetao_years = int(children_of(node)["hetao_park_staff_validity_years"])
            record(node, "hetao_park_staff_validity_years")
        years = np.maximum(person("talent_category_validity_years", period), np.where(hetao, hetao_years, 0))
        return np.where(person("endorsement_eligible", period), years, 0)


class endorsement_max_stay_days(RuleVariable):
    value_type = int
    unit = "day"
    label = "Longest single stay in HK or Macao on the endorsement, in days"
    reference = NIA

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        eligible = person("endorsement_eligible", period)
        rules = children_of(rules_on_day(person, period, parameters).mobility.talent_endorsement)
        if "maximum_stay_days" not in rules:
            return np.zeros(person.count, dtype=np.int32)
        days = rules_on_day(person, period, parameters).mobility.talent_endorsement.maximum_stay_days
        return np.where(eligible, days, 0)


VARIABLES: list[type[Variable]] = [
    talent_category,
    holds_valid_eep,
    works_in_hetao_shenzhen_park,
    filed_with_hetao_park_management,
    talent_endorsement_available_in_city,
    talent_category_validity_years,
    hetao_park_staff_route,
    endorsement_eligible,
    endorsement_validity_years,
    endorsement_max_stay_days,
]

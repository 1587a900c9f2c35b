"""Cross-border professional practice: which pathway applies, its conditions and its terms."""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.model_api import Enum, Variable

from talentbridge.rules.categories import (
    HomeJurisdiction,
    PracticeField,
    PracticeMechanism,
    PracticePathwayScope,
    PracticeZone,
)
from talentbridge.rules.lookup import codes, is_traced
from talentbridge.rules.variables import _pathways as pw
from talentbridge.rules.variables.base import RuleVariable

DOMAIN_PRACTICE = "Shared DOMAIN.md, section 1: cross-border professional practice"


class practice_field(RuleVariable):
    value_type = Enum
    possible_values = PracticeField
    default_value = PracticeField.none
    label = "Regulated profession in which the person seeks to practise"
    reference = DOMAIN_PRACTICE


class practice_zone(RuleVariable):
    value_type = Enum
    possible_values = PracticeZone
    default_value = PracticeZone.nine_cities
    label = "Where the person will practise: a special zone, or elsewhere in the nine cities"
    reference = "NPCSC decision of 11 Aug 2020; zone plans (Qianhai, Hengqin 2021; Nansha 2022)"


class home_jurisdiction(RuleVariable):
    value_type = Enum
    possible_values = HomeJurisdiction
    default_value = HomeJurisdiction.hong_kong
    label = "SAR where the person is registered or licensed"
    reference = DOMAIN_PRACTICE


class years_of_practice(RuleVariable):
    value_type = float
    unit = "year"
    label = "Years of practice in the home jurisdiction since admission or registration"
    reference = DOMAIN_PRACTICE


class holds_home_licence(RuleVariable):
    value_type = bool
    label = "Holds a current registration or licence in the home jurisdiction"
    reference = DOMAIN_PRACTICE


class is_permanent_resident(RuleVariable):
    value_type = bool
    label = "Is a permanent resident of the home SAR"
    reference = DOMAIN_PRACTICE


class is_chinese_citizen(RuleVariable):
    value_type = bool
    label = "Is a Chinese citizen"
    reference = DOMAIN_PRACTICE


class has_disciplinary_record(RuleVariable):
    value_type = bool
    label = "Has a disciplinary record with the home professional body"
    reference = DOMAIN_PRACTICE


class practice_pathway_scope(RuleVariable):
    value_type = Enum
    possible_values = PracticePathwayScope
    default_value = PracticePathwayScope.none
    label = "Pathway that applies: zone-specific where one exists and is open to the person's SAR, else nine-cities"
    reference = DOMAIN_PRACTICE + " (a pathway is field x territorial scope x mechanism)"

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        return pw.pathway_scope(
            pw.pathways_node(person, period, parameters),
            person("practice_field", period),
            person("practice_zone", period),
            person("home_jurisdiction", period),
        )


class practice_pathway_cell(RuleVariable):
    value_type = int
    label = "Index of the applicable pathway in the field x zone tables (internal; computed once)"
    reference = DOMAIN_PRACTICE

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        return pw.pathway_cell(person, period)


class practice_pathway_available(RuleVariable):
    value_type = bool
    label = "A pathway is in force for the field, place and home SAR"
    reference = DOMAIN_PRACTICE

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        return codes(person("practice_pathway_scope", period)) != pw.SCOPE_NONE


def _requirement_met(person: Any, period: Any, parameters: Any, attribute: str, fact: str, wanted: bool) -> Any:
    required = pw.term(person, period, parameters, attribute, False, dtype=bool)
    return ~required | (person(fact, period) == wanted)


class meets_practice_licence_requirement(RuleVariable):
    value_type = bool
    label = "Meets the home licence requirement of the pathway"
    reference = DOMAIN_PRACTICE

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        return _requirement_met(person, period, parameters, "requires_home_licence", "holds_home_licence", True)


class meets_practice_residence_requirement(RuleVariable):
    value_type = bool
    label = "Meets the permanent residence requirement of the pathway"
    reference = DOMAIN_PRACTICE

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        return _requirement_met(
            person, period, parameters, "requires_permanent_residence", "is_permanent_resident", True
        )


class meets_practice_citizenship_requirement(RuleVariable):
    value_type = bool
    label = "Meets the Chinese citizenship requirement of the pathway"
    reference = DOMAIN_PRACTICE

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        return _requirement_met(person, period, parameters, "requires_chinese_citizenship", "is_chinese_citizen", True)


class meets_practice_conduct_requirement(RuleVariable):
    value_type = bool
    label = "Meets the good-conduct (no discipline) requirement of the pathway"
    reference = DOMAIN_PRACTICE

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        return _requirement_met(
            person, period, parameters, "requires_clean_disciplinary_record", "has_disciplinary_record", False
        )


class meets_practice_experience_requirement(RuleVariable):
    value_type = bool
    label = "Has the minimum years of home practice the pathway requires"
    reference = DOMAIN_PRACTICE + " (lawyers: 5 years, 3 years from Sept 2023)"

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        minimum = pw.term(person, period, parameters, "minimum_years_of_practice", 0, dtype=np.float64)
        return person("years_of_practice", period) >= minimum


class within_practice_application_window(RuleVariable):
    value_type = bool
    label = "The period's month falls in an application window of the pathway"
    reference = "Guangdong HRSS notice 2019 (Hengqin tour guides: 1 Jan-31 Mar and 1 Aug-31 Oct)"

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        node = pw.pathways_node(person, period, parameters)
        month = period.start.month
        windows = pw.flat_table(node, "application_window_months", pw.ALL_MONTHS)
        open_cells = np.array([month in months for months in windows], dtype=bool)
        if is_traced(node):
            field, zone, applies = pw.selected_cells(person, period)
            pw.record_cells(node, "application_window_months", field[applies], zone[applies])
        return open_cells[np.asarray(person("practice_pathway_cell", period), dtype=np.int64)]


class practice_eligible(RuleVariable):
    value_type = bool
    label = "May practise in the GBA through a pathway"
    reference = DOMAIN_PRACTICE

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        return (
            person("practice_pathway_available", period)
            * person("meets_practice_licence_requirement", period)
            * person("meets_practice_residence_requirement", period)
            * person("meets_practice_citizenship_requirement", period)
            * person("meets_practice_conduct_requirement", period)
            * person("meets_practice_experience_requirement", period)
            * person("within_practice_application_window", period)
        )


_MECHANISM_INDEX = {name: position for position, name in enumerate(PracticeMechanism.__members__)}


class practice_mechanism(RuleVariable):
    value_type = Enum
    possible_values = PracticeMechanism
    default_value = PracticeMechanism.none
    label = "Mechanism by which the person gains the right to practise"
    reference = DOMAIN_PRACTICE

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        names = pw.flat_table(pw.pathways_node(person, period, parameters), "mechanism", "none")
        index_table = np.array([_MECHANISM_INDEX[name] for name in names], dtype=np.int16)
        if is_traced(pw.pathways_node(person, period, parameters)):
            pw.term(person, period, parameters, "mechanism", "none")  # records the leaf used
        cell = np.asarray(person("practice_pathway_cell", period), dtype=np.int64)
        return np.where(person("practice_eligible", period), index_table[cell], _MECHANISM_INDEX["none"])


class practice_validity_years(RuleVariable):
    value_type = int
    unit = "year"
    label = "Validity of the right to practise in years (0: none, or no fixed term)"
    reference = DOMAIN_PRACTICE + " (doctors' short-term licence: up to 3 years)"

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        years = pw.term(person, period, parameters, "validity_years", 0, dtype=np.int32)
        return np.where(person("practice_eligible", period), years, 0)


class practice_authority(RuleVariable):
    value_type = str
    label = "Competent authority code (platform reference data), empty when none"
    reference = DOMAIN_PRACTICE

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        authority = pw.term(person, period, parameters, "authority", "")
        return np.where(person("practice_eligible", period), authority, "").astype(object)


VARIABLES: list[type[Variable]] = [
    practice_field,
    practice_zone,
    home_jurisdiction,
    years_of_practice,
    holds_home_licence,
    is_permanent_resident,
    is_chinese_citizen,
    has_disciplinary_record,
    practice_pathway_scope,
    practice_pathway_cell,
    practice_pathway_available,
    meets_practice_licence_requirement,
    meets_practice_residence_requirement,
    meets_practice_citizenship_requirement,
    meets_practice_conduct_requirement,
    meets_practice_experience_requirement,
    within_practice_application_window,
    practice_eligible,
    practice_mechanism,
    practice_validity_years,
    practice_authority,
]

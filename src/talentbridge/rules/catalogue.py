"""Listings of the rule set: every variable and every parameter, with the rule-set version."""

from __future__ import annotations

from typing import Any

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from talentbridge.rules import params
from talentbridge.rules.labels import variable_label
from talentbridge.rules.system import rulebook
from talentbridge.rules.version import rules_version


def _variable_entry(tbs: TaxBenefitSystem, name: str) -> dict[str, Any]:
    variable = tbs.variables[name]
    entry: dict[str, Any] = {
        "name": name,
        "label": variable_label(name),
        "value_type": variable.json_type,
        "unit": variable.unit,
        "reference": variable.reference,
        "computed": bool(variable.formulas),
    }
    if hasattr(variable, "possible_values"):
        entry["possible_values"] = list(variable.possible_values.__members__)
    return entry


def variables_catalogue() -> dict[str, Any]:
    """`{rules_version, variables: [{name, label, value_type, unit, reference, computed, possible_values?}]}`."""
    tbs = rulebook()
    return {"rules_version": rules_version(), "variables": [_variable_entry(tbs, name) for name in tbs.variables]}


def parameters_catalogue() -> dict[str, Any]:
    """`{rules_version, parameters: [{name, description, unit, reference, values: {effective date: value}}]}`."""
    tbs = rulebook()
    return {"rules_version": rules_version(), "parameters": [params.describe(p) for p in params.leaves(tbs.parameters)]}

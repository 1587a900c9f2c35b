"""Reforms as data: `{parameter_path: {"YYYY-MM-DD": value}}`, validated, then applied as an OpenFisca Reform.

A reform changes parameter values from a date on (`null` ends a rule from that date). It is checked
against the parameter tree before use: the path must name a leaf, the date must be a real day,
and the value must have the leaf's type and respect its unit (no negative money, years or rates).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from typing import Any

from openfisca_core.parameters import Parameter, ParameterNode
from openfisca_core.periods import instant
from openfisca_core.reforms import Reform
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from talentbridge.rules import params
from talentbridge.rules.contract import NON_NEGATIVE_UNITS
from talentbridge.rules.system import rulebook

ReformData = dict[str, dict[str, Any]]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ReformError(ValueError):
    """A reform that does not fit the parameter tree; the message names the path at fault."""


def kind(parameter: Parameter) -> str:
    """What a value of `parameter` is: boolean, string (a code), month-list or number."""
    unit = parameter.metadata.get("unit")
    if unit == "boolean":
        return "boolean"
    if unit == "code":
        return "string"
    if unit == "month-list":
        return "month-list"
    known = [value.value for value in parameter.values_list if value.value is not None]
    if known and isinstance(known[0], bool):
        return "boolean"
    if known and isinstance(known[0], str):
        return "string"
    return "number"


def _check_value(parameter: Parameter, value: Any, where: str) -> None:
    if value is None:
        return
    value_kind = kind(parameter)
    unit = parameter.metadata.get("unit")
    if value_kind == "boolean":
        if not isinstance(value, bool):
            raise ReformError(f"{where}: expected true or false (unit {unit}), got {value!r}")
    elif value_kind == "string":
        if not isinstance(value, str) or not value:
            raise ReformError(f"{where}: expected a non-empty code (unit {unit}), got {value!r}")
    elif value_kind == "month-list":
        if not isinstance(value, list) or not all(
            isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12 for m in value
        ):
            raise ReformError(f"{where}: expected a list of months 1..12, got {value!r}")
    else:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            raise ReformError(f"{where}: expected a number (unit {unit}), got {value!r}")
        if unit in NON_NEGATIVE_UNITS and value < 0:
            raise ReformError(f"{where}: {value!r} is negative, but the unit {unit} forbids it")


def validate(reform: Any, tbs: TaxBenefitSystem | None = None) -> ReformData:
    """The reform, checked against the parameter tree; raises ReformError naming the path."""
    system = tbs or rulebook()
    if not isinstance(reform, dict):
        raise ReformError('reform: expected an object {"parameter.path": {"YYYY-MM-DD": value}}')
    for path, values in reform.items():
        node = params.find(system, str(path))
        if node is None:
            raise ReformError(f"{path}: unknown parameter")
        if isinstance(node, ParameterNode):
            raise ReformError(f"{path}: is a group of parameters, name one of its leaves")
        if not isinstance(values, dict) or not values:
            raise ReformError(f'{path}: expected an object of dated values {{"YYYY-MM-DD": value}}')
        for date, value in values.items():
            where = f"{path}.{date}"
            if not isinstance(date, str) or not DATE.match(date):
                raise ReformError(f"{where}: bad date, expected YYYY-MM-DD")
            try:
                datetime.date.fromisoformat(date)
            except ValueError as error:
                raise ReformError(f"{where}: bad date ({error})") from error
            _check_value(node, value, where)
    return reform


def reform_id(reform: ReformData) -> str:
    """A short stable identifier of a reform's content."""
    return hashlib.sha256(json.dumps(reform, sort_keys=True).encode()).hexdigest()[:12]


class DataReform(Reform):  # type: ignore[misc]  # OpenFisca ships no type information
    """An OpenFisca reform built from validated reform data."""

    name = "Data reform"
    reform_data: ReformData = {}

    def apply(self) -> None:
        data = self.reform_data

        def modify(parameters: ParameterNode) -> ParameterNode:
            for path, values in data.items():
                node: Any = parameters
                for part in path.split("."):
                    node = node.children[part]
                for date in sorted(values):  # each later date overrides from its own start
                    node.update(start=instant(date), value=values[date])
            return parameters

        self.modify_parameters(modifier_function=modify)


def apply(reform: Any, tbs: TaxBenefitSystem | None = None) -> TaxBenefitSystem:
    """A new tax-benefit system with the reform applied (the baseline is untouched)."""
    system = tbs or rulebook()
    data = validate(reform, system)
    if not data:
        return system
    reform_class = type("DataReform_" + reform_id(data), (DataReform,), {"reform_data": data})
    return reform_class(system)

"""Explanations: an OpenFisca trace turned into conditions, values and cited parameters, in three languages.

For each output: whether each condition was met, the values it used (given or computed), and
every parameter it read with the value, the start date of that value (effective date) and the
reference. Everything returned is plain JSON-serialisable data; `text` renders it per language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.parameters import Parameter
from openfisca_core.simulations import Simulation, SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from talentbridge.rules import labels, params
from talentbridge.rules.contract import ALL_OUTPUTS
from talentbridge.rules.money import round_money
from talentbridge.rules.system import rulebook
from talentbridge.rules.version import rules_version

PersonInputs = dict[str, dict[str, Any]]


def plain_value(tbs: TaxBenefitSystem, name: str, array: Any, index: int = 0) -> Any:
    """One person's value as JSON: enum names, money rounded to the cent (the one rounding rule)."""
    variable = tbs.variables[name]
    if isinstance(array, EnumArray):
        return str(array.decode_to_str()[index])
    value = np.asarray(array)[index]
    if variable.value_type is bool:
        return bool(value)
    if variable.value_type is int:
        return int(value)
    if variable.value_type is float:
        if (variable.unit or "").startswith("currency"):
            return round_money(float(value))
        return float(value)
    return value.decode() if isinstance(value, bytes) else str(value)


def _person_value(value: Any, index: int) -> Any:
    array = np.asarray(value)
    if array.ndim == 0:
        return array.item()
    return (array[index] if array.size > index else array[0]).item()


def _trace_nodes(simulation: Simulation, period: str) -> dict[str, Any]:
    """First trace node per variable for the period (later requests are cache hits without children)."""
    nodes: dict[str, Any] = {}
    for node in simulation.tracer.browse_trace():
        if str(node.period) != period:
            continue
        current = nodes.get(node.name)
        if current is None or (not current.children and node.children):
            nodes[node.name] = node
    return nodes


def _subtree(nodes: dict[str, Any], root: str) -> tuple[list[str], list[Any]]:
    """Variables below `root` (by name, through cache hits) and the parameter accesses they made."""
    seen: list[str] = []
    accesses: list[Any] = []
    stack = [root]
    while stack:
        name = stack.pop()
        node = nodes.get(name)
        if node is None:
            continue
        accesses.extend(node.parameters)
        for child in node.children:
            if child.name not in seen and child.name != root:
                seen.append(child.name)
                stack.append(child.name)
    return seen, accesses


def _parameter_entries(tbs: TaxBenefitSystem, accesses: Iterable[Any], index: int) -> list[dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for access in accesses:
        leaf = params.find(tbs, access.name)
        if access.name in entries or not isinstance(leaf, Parameter):
            continue
        value = _person_value(access.value, index)
        unit = leaf.metadata.get("unit")
        if isinstance(value, float) and str(unit).startswith("currency"):
            value = round_money(value)
        entries[access.name] = {
            "name": access.name,
            "label": labels.parameter_label(access.name),
            "value": value,
            "unit": unit,
            "effective_date": params.effective_date(leaf, str(access.period)),
            "reference": leaf.metadata.get("reference"),
        }
    return list(entries.values())


def explain_simulation(
    simulation: Simulation, outputs: Sequence[str], period: str, given: Iterable[str] = (), index: int = 0
) -> dict[str, Any]:
    """Explain outputs already computed in a traced simulation, for the person at `index`."""
    tbs = simulation.tax_benefit_system
    given_names = set(given)
    nodes = _trace_nodes(simulation, period)
    explained = []
    for name in outputs:
        variable = tbs.variables[name]
        below, accesses = _subtree(nodes, name)
        conditions, values_used = [], []
        for child in below:
            child_variable = tbs.variables[child]
            value = plain_value(tbs, child, simulation.calculate(child, period), index)
            entry = {"variable": child, "label": labels.variable_label(child)}
            if child_variable.value_type is bool and child_variable.formulas and child not in given_names:
                conditions.append({**entry, "met": value})
            else:
                origin = "given" if child in given_names else ("computed" if child_variable.formulas else "default")
                values_used.append({**entry, "value": value, "given": child in given_names, "origin": origin})
        explained.append(
            {
                "variable": name,
                "label": labels.variable_label(name),
                "value": plain_value(tbs, name, simulation.calculate(name, period), index),
                "given": name in given_names,
                "reference": variable.reference,
                "conditions": conditions,
                "values_used": values_used,
                "parameters": _parameter_entries(tbs, accesses, index),
            }
        )
    explanation = {"period": period, "rules_version": rules_version(), "outputs": explained}
    explanation["text"] = {language: render(explanation, language) for language in labels.LANGUAGES}
    return explanation


def explain(
    inputs: PersonInputs,
    period: str,
    outputs: Sequence[str] = ALL_OUTPUTS,
    tbs: TaxBenefitSystem | None = None,
) -> dict[str, Any]:
    """Compute and explain one person's outputs; `inputs` maps variable -> {period: value}."""
    system = tbs or rulebook()
    given = {name: values for name, values in inputs.items() if any(v is not None for v in values.values())}
    person = {name: {p: v for p, v in values.items() if v is not None} for name, values in given.items()}
    simulation = SimulationBuilder().build_from_entities(system, {"persons": {"person": person}})
    simulation.trace = True
    for name in outputs:
        simulation.calculate(name, period)
    return explain_simulation(simulation, outputs, period, given=given)


def _show(value: Any, language: str) -> str:
    if isinstance(value, bool):
        return labels.phrase("yes" if value else "no")[language]
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value) if value != "" else "—"


def render(explanation: dict[str, Any], language: str) -> list[str]:
    """Plain sentences, one line per output, condition, value and parameter."""
    lines: list[str] = []
    met, not_met = labels.phrase("met")[language], labels.phrase("not_met")[language]
    since, source = labels.phrase("in_force_from")[language], labels.phrase("source")[language]
    for output in explanation["outputs"]:
        lines.append(f"{output['label'][language]}: {_show(output['value'], language)}")
        for condition in output["conditions"]:
            mark = "✓" if condition["met"] else "✗"
            lines.append(f"  {mark} {condition['label'][language]}: {met if condition['met'] else not_met}")
        for used in output["values_used"]:
            origin = labels.phrase(used["origin"])[language]
            lines.append(f"  · {used['label'][language]}: {_show(used['value'], language)} ({origin})")
        for parameter in output["parameters"]:
            lines.append(
                f"  § {parameter['label'][language]}: {_show(parameter['value'], language)} "
                f"({since} {parameter['effective_date']}; {source}: {parameter['reference']})"
            )
    return lines

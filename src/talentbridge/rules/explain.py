"""Explanations: an OpenFisca trace turned into conditions, values and cited parameters, in three languages.

For each output: whether each condition was met, the values it used (given or computed), and
every parameter it read with the value, the start date of that value (effective date) and the
reference. Each condition also carries its reason: the person's value it compared (`facts`), the
rule's value (`rules`, with their references) and a sentence per language (`text`). Everything
returned is plain JSON-serialisable data; `text` renders it per language through `labels`, the one
presenter, so no code, `True`/`False` or internal note of a reference reaches a reader.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.parameters import Parameter
from openfisca_core.simulations import Simulation, SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from talentbridge.rules import labels, params
from talentbridge.rules.contract import ALL_OUTPUTS, CONTEXT_VARIABLES
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
    """Each parameter read once: value, unit, effective date, the raw reference and its citation (`source`)."""
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
            "source": labels.source(leaf.metadata.get("reference")),
        }
    return list(entries.values())


def _reason(
    simulation: Simulation,
    nodes: dict[str, Any],
    entry: dict[str, Any],
    period: str,
    index: int,
    code_labels: labels.CodeLabels | None,
) -> dict[str, Any]:
    """A condition with what it compared: the person's value (`facts`), the rule's (`rules`) and a sentence.

    The fact and rule are those labels.yaml declares for the condition; otherwise the inputs it reads
    directly and the parameters it reads itself (not those of the conditions below it).
    """
    tbs = simulation.tax_benefit_system
    name = entry["variable"]
    node = nodes.get(name)
    declared_fact, declared_rule = labels.reason_fact(name), labels.reason_rule(name)
    if declared_fact:
        fact_names = [declared_fact]
    else:
        children = [child.name for child in node.children] if node is not None else []
        fact_names = [child for child in dict.fromkeys(children) if not tbs.variables[child].formulas]
    facts = [
        {
            "variable": fact,
            "label": labels.variable_label(fact),
            "value": plain_value(tbs, fact, simulation.calculate(fact, period), index),
        }
        for fact in fact_names
    ]
    if declared_rule:
        _below, accesses = _subtree(nodes, name)
        accesses = [access for access in accesses if declared_rule in access.name.split(".")]
    else:
        accesses = list(node.parameters) if node is not None else []
    rules = _parameter_entries(tbs, accesses, index)
    reason = {**entry, "facts": facts, "rules": rules, "reference": tbs.variables[name].reference}
    reason["text"] = {
        language: labels.reason_text(reason, language, code_labels=code_labels) for language in labels.LANGUAGES
    }
    return reason


def explain_simulation(
    simulation: Simulation,
    outputs: Sequence[str],
    period: str,
    given: Iterable[str] = (),
    index: int = 0,
    code_labels: labels.CodeLabels | None = None,
) -> dict[str, Any]:
    """Explain outputs already computed in a traced simulation, for the person at `index`.

    `code_labels` names codes the kernel does not know (e.g. authority codes, from reference data).
    """
    tbs = simulation.tax_benefit_system
    given_names = set(given)
    wanted_inputs = labels.input_conditions()
    nodes = _trace_nodes(simulation, period)
    explained = []
    for name in outputs:
        variable = tbs.variables[name]
        below, accesses = _subtree(nodes, name)
        conditions, values_used = [], []
        for child in below:
            if child in CONTEXT_VARIABLES:
                continue  # the day decided on is the explanation's own, not a value of the rule
            child_variable = tbs.variables[child]
            value = plain_value(tbs, child, simulation.calculate(child, period), index)
            entry = {"variable": child, "label": labels.variable_label(child)}
            if child_variable.value_type is bool and child_variable.formulas and child not in given_names:
                conditions.append(_reason(simulation, nodes, {**entry, "met": value}, period, index, code_labels))
            else:
                origin = "given" if child in given_names else ("computed" if child_variable.formulas else "default")
                values_used.append(
                    {
                        **entry,
                        "value": value,
                        "unit": child_variable.unit,
                        "given": child in given_names,
                        "origin": origin,
                    }
                )
                if child in wanted_inputs:
                    met = value == wanted_inputs[child]
                    conditions.append(_reason(simulation, nodes, {**entry, "met": met}, period, index, code_labels))
        value = plain_value(tbs, name, simulation.calculate(name, period), index)
        output = {
            "variable": name,
            "label": labels.variable_label(name),
            "value": value,
            "unit": variable.unit,
            "given": name in given_names,
            "reference": variable.reference,
            "source": labels.source(variable.reference),
            "conditions": conditions,
            "values_used": values_used,
            "parameters": _parameter_entries(tbs, accesses, index),
        }
        if variable.value_type is bool and name not in given_names:
            entry = {"variable": name, "label": output["label"], "met": value}
            output["reason"] = _reason(simulation, nodes, entry, period, index, code_labels)
        explained.append(output)
    explanation = {"period": period, "rules_version": rules_version(), "outputs": explained}
    explanation["text"] = {
        language: render(explanation, language, code_labels=code_labels) for language in labels.LANGUAGES
    }
    return explanation


def explain(
    inputs: PersonInputs,
    period: str,
    outputs: Sequence[str] = ALL_OUTPUTS,
    tbs: TaxBenefitSystem | None = None,
    code_labels: labels.CodeLabels | None = None,
) -> dict[str, Any]:
    """Compute and explain one person's outputs; `inputs` maps variable -> {period: value}."""
    system = tbs or rulebook()
    given = {name: values for name, values in inputs.items() if any(v is not None for v in values.values())}
    person = {name: {p: v for p, v in values.items() if v is not None} for name, values in given.items()}
    simulation = SimulationBuilder().build_from_entities(system, {"persons": {"person": person}})
    simulation.trace = True
    for name in outputs:
        simulation.calculate(name, period)
    return explain_simulation(simulation, outputs, period, given=given, code_labels=code_labels)


def render(
    explanation: dict[str, Any], language: str, code_labels: Mapping[str, Mapping[str, str]] | None = None
) -> list[str]:
    """Plain sentences, one line per output, condition, value and parameter, each parameter with its citation."""
    lines: list[str] = []
    since, source = labels.phrase("in_force_from")[language], labels.phrase("source")[language]
    # Chinese sentences take full-width punctuation: "：", "；" and "（…）".
    colon, semicolon, opening, closing = (": ", "; ", " (", ")") if language == "en" else ("：", "；", "（", "）")

    def show(value: Any, unit: str | None = None) -> str:
        return labels.show(value, language, unit=unit, code_labels=code_labels)

    for output in explanation["outputs"]:
        lines.append(f"{output['label'][language]}{colon}{show(output['value'])}")
        for condition in output["conditions"]:
            mark = "✓" if condition["met"] else "✗"
            text = condition.get("text", {}).get(language) or labels.reason_text(
                condition, language, code_labels=code_labels
            )
            lines.append(f"  {mark} {text}")
        for used in output["values_used"]:
            origin = labels.phrase(used["origin"])[language]
            lines.append(f"  · {used['label'][language]}{colon}{show(used['value'])}{opening}{origin}{closing}")
        for parameter in output["parameters"]:
            cited = labels.source_text(parameter["reference"], language) or "—"
            date = parameter["effective_date"] or "—"
            lines.append(
                f"  § {parameter['label'][language]}{colon}{show(parameter['value'], parameter.get('unit'))}"
                f"{opening}{since} {date}{semicolon}{source}{colon}{cited}{closing}"
            )
    return lines

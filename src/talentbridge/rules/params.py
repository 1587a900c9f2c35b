"""Walking the parameter tree: leaves, their dated values, references, and the value in force."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from openfisca_core.parameters import Parameter, ParameterNode
from openfisca_core.taxbenefitsystems import TaxBenefitSystem


def leaves(node: ParameterNode) -> Iterator[Parameter]:
    """Every leaf parameter under `node`, depth first, in file order."""
    for child in node.children.values():
        if isinstance(child, Parameter):
            yield child
        elif isinstance(child, ParameterNode):
            yield from leaves(child)


def find(tbs: TaxBenefitSystem, path: str) -> Parameter | ParameterNode | None:
    """The parameter or node at a dotted path, or None."""
    node: Any = tbs.parameters
    for part in path.split("."):
        children = getattr(node, "children", None)
        if not isinstance(children, dict) or part not in children:
            return None
        node = children[part]
    return node


def dated_values(parameter: Parameter) -> dict[str, Any]:
    """`{effective date: value}` in chronological order (`None` ends the rule)."""
    return {value.instant_str: value.value for value in reversed(parameter.values_list)}


def effective_date(parameter: Parameter, instant: str) -> str | None:
    """Start date of the value in force at `instant` (YYYY-MM-DD), or None if none is."""
    for value in parameter.values_list:  # reverse chronological
        if value.instant_str <= instant:
            return str(value.instant_str)
    return None


def describe(parameter: Parameter) -> dict[str, Any]:
    """A JSON-serialisable description of one leaf."""
    return {
        "name": parameter.name,
        "description": parameter.description,
        "unit": parameter.metadata.get("unit"),
        "reference": parameter.metadata.get("reference"),
        "values": dated_values(parameter),
    }

"""Vectorised parameter look-ups by category, recorded in the trace for explanations.

OpenFisca's own fancy indexing (`node[enum_array]`) walks the population element by element
in Python; here each category-indexed parameter becomes a small numpy table (one cell per
category) and the population is served by one `take`, so a million persons cost one pass.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.indexed_enums import EnumArray
from openfisca_core.tracers import TracingParameterNodeAtInstant


def _unwrap(node: Any) -> tuple[Any, Any]:
    """The raw node at an instant and the tracer, if the simulation is traced."""
    if isinstance(node, TracingParameterNodeAtInstant):
        return node.parameter_node_at_instant, node.tracer
    return node, None


def is_traced(node: Any) -> bool:
    """Whether parameter reads on this node are being traced (explanations only; skip the work otherwise)."""
    return isinstance(node, TracingParameterNodeAtInstant)


def codes(values: Any) -> NDArray[np.int64]:
    """Category indices of an enum array as a plain integer array."""
    return np.asarray(values.view(np.ndarray) if isinstance(values, EnumArray) else values, dtype=np.int64)


def children_of(node: Any) -> dict[str, Any]:
    """Children (sub-nodes or values) in force at the node's instant; rules ended by `null` are absent."""
    raw, _ = _unwrap(node)
    return {name: raw[name] for name in raw}


def record(node: Any, leaf_path: str) -> None:
    """Record one parameter leaf (relative to `node`) in the trace, if tracing.

    The leaf is read through the tracing node, which records the access with its name and instant.
    """
    if is_traced(node):
        target = node
        for part in leaf_path.split("."):
            target = target[part]


def by_key(node: Any, names: list[str], index: NDArray[np.int64], default: Any = None) -> NDArray[Any]:
    """`node.<names[i]>` for each person's index i, `default` where that key has no value in force."""
    children = children_of(node)
    table = np.array([children.get(name, default) for name in names])
    if is_traced(node):
        for code in np.unique(index):
            name = names[int(code)]
            if name in children:
                record(node, name)
    return table[index]


def by_category(node: Any, keys: EnumArray, default: Any = None) -> NDArray[Any]:
    """Value of `node.<category>` for each person, `default` where the category has no value in force."""
    enum = keys.possible_values
    if enum is None:
        raise TypeError("by_category needs an EnumArray with its possible values")
    return by_key(node, list(enum.__members__), codes(keys), default)


def table_by_year(node: Any, prefix: str, first: int, last: int) -> NDArray[np.float64]:
    """A table `node.<prefix><n>` for n in first..last as a float array (index 0 is `first`)."""
    children = children_of(node)
    return np.array([float(children[f"{prefix}{n}"]) for n in range(first, last + 1)], dtype=np.float64)

"""Practice pathways as field x scope tables: which pathway applies to each person, and its terms."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from talentbridge.rules.categories import HomeJurisdiction, PracticeField, PracticePathwayScope, PracticeZone
from talentbridge.rules.lookup import children_of, codes, is_traced, record
from talentbridge.rules.variables.day import rules_on_day

FIELDS = list(PracticeField.__members__)
ZONES = list(PracticeZone.__members__)
NINE_CITIES = ZONES.index("nine_cities")
SCOPES = list(PracticePathwayScope.__members__)
SCOPE_NONE = SCOPES.index("none")
SCOPE_ZONE = SCOPES.index("zone")
SCOPE_NINE_CITIES = SCOPES.index("nine_cities")
HONG_KONG = list(HomeJurisdiction.__members__).index("hong_kong")
ALL_MONTHS = tuple(range(1, 13))


def pathways_node(person: Any, period: Any, parameters: Any) -> Any:
    return rules_on_day(person, period, parameters).practice.pathways


def table(node: Any, attribute: str, default: Any) -> NDArray[Any]:
    """A (field x zone) table of one pathway attribute; `default` where no pathway defines it."""
    fields = children_of(node)
    cells = np.empty((len(FIELDS), len(ZONES)), dtype=object)
    for f, field in enumerate(FIELDS):
        scopes = children_of(fields[field]) if field in fields else {}
        for z, zone in enumerate(ZONES):
            leaves = children_of(scopes[zone]) if zone in scopes else {}
            cells[f, z] = leaves.get(attribute, default)
    return cells


def record_cells(node: Any, attribute: str, field_idx: NDArray[np.int64], zone_idx: NDArray[np.int64]) -> None:
    """Trace the leaves actually used (one per distinct field x zone cell), for explanations."""
    if not is_traced(node):
        return
    fields = children_of(node)
    for f, z in set(zip(field_idx.tolist(), zone_idx.tolist(), strict=True)):
        field, zone = FIELDS[f], ZONES[z]
        scopes = children_of(fields[field]) if field in fields else {}
        leaves = children_of(scopes[zone]) if zone in scopes else {}
        if attribute in leaves:
            record(node, f"{field}.{zone}.{attribute}")


def _open_to(
    node: Any, home: NDArray[np.int64], field_idx: NDArray[np.int64], zone_idx: NDArray[np.int64]
) -> NDArray[np.bool_]:
    # Small field x zone tables are typed first, then spread over the population in one take.
    available = (table(node, "mechanism", None) != None).astype(bool)[field_idx, zone_idx]  # noqa: E711
    open_hk = table(node, "open_to_hong_kong", False).astype(bool)[field_idx, zone_idx]
    open_mo = table(node, "open_to_macao", False).astype(bool)[field_idx, zone_idx]
    offered: NDArray[np.bool_] = available & np.where(home == HONG_KONG, open_hk, open_mo)
    return offered


def pathway_scope(node: Any, field: Any, zone: Any, home: Any) -> NDArray[np.int64]:
    """Zone pathway where one is in force and open to the person's SAR, else the nine-cities one, else none."""
    f, z, h = codes(field), codes(zone), codes(home)
    nine = np.full_like(z, NINE_CITIES)
    zone_open = (z != NINE_CITIES) & _open_to(node, h, f, z)
    nine_open = _open_to(node, h, f, nine)
    scope = np.where(zone_open, SCOPE_ZONE, np.where(nine_open, SCOPE_NINE_CITIES, SCOPE_NONE))
    chosen_zone = np.where(scope == SCOPE_ZONE, z, NINE_CITIES)
    used = scope != SCOPE_NONE
    for attribute in ("mechanism", "open_to_hong_kong", "open_to_macao"):
        record_cells(node, attribute, f[used], chosen_zone[used])
    return scope


NO_CELL = len(FIELDS) * len(ZONES)  # index of the "no pathway" slot appended to flattened tables


def pathway_cell(person: Any, period: Any) -> NDArray[np.int64]:
    """Flat field x zone index of each person's applicable pathway, NO_CELL where none applies."""
    scope = codes(person("practice_pathway_scope", period))
    field = codes(person("practice_field", period))
    zone = np.where(scope == SCOPE_ZONE, codes(person("practice_zone", period)), NINE_CITIES)
    return np.where(scope == SCOPE_NONE, NO_CELL, field * len(ZONES) + zone)


def selected_cells(person: Any, period: Any) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]]:
    """(field index, zone column of the applicable pathway, whether a pathway applies) per person."""
    cell = np.asarray(person("practice_pathway_cell", period), dtype=np.int64)
    applies = cell != NO_CELL
    field, zone = np.divmod(np.where(applies, cell, 0), len(ZONES))
    return field, zone, applies


def flat_table(node: Any, attribute: str, default: Any, dtype: Any = object) -> NDArray[Any]:
    """The field x zone table flattened, with `default` appended in the NO_CELL slot."""
    cells = table(node, attribute, default).ravel()
    flat = np.empty(NO_CELL + 1, dtype=object)
    flat[:NO_CELL] = cells
    flat[NO_CELL] = default
    return flat if dtype is object else flat.astype(dtype)


def term(person: Any, period: Any, parameters: Any, attribute: str, default: Any, dtype: Any = object) -> NDArray[Any]:
    """One term of the applicable pathway per person (`default` where no pathway applies).

    The small field x zone table is cast to `dtype` before it is spread over the population.
    """
    node = pathways_node(person, period, parameters)
    if is_traced(node):
        field, zone, applies = selected_cells(person, period)
        record_cells(node, attribute, field[applies], zone[applies])
    cell = np.asarray(person("practice_pathway_cell", period), dtype=np.int64)
    return flat_table(node, attribute, default, dtype)[cell]

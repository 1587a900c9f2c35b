"""The catalogue's "pathway that applies" is the kernel's: same mechanism and authority for every field, zone and SAR."""

from __future__ import annotations

import datetime as dt

import pytest
from openfisca_core.simulations import SimulationBuilder

from talentbridge.practice import catalogue
from talentbridge.rules.explain import plain_value
from talentbridge.rules.situation import DECISION_DATE
from talentbridge.rules.system import rulebook


def _kernel(on, people, variables):
    tbs, period = rulebook(), f"{on:%Y-%m}"
    persons = {
        f"p{i}": {name: {period: value} for name, value in {**person, DECISION_DATE: on.isoformat()}.items()}
        for i, person in enumerate(people)
    }
    simulation = SimulationBuilder().build_from_entities(tbs, {"persons": persons})
    columns = {name: simulation.calculate(name, period) for name in variables}
    return [{name: plain_value(tbs, name, columns[name], i) for name in variables} for i in range(len(people))]


@pytest.mark.parametrize("on", [dt.date(2021, 6, 1), dt.date(2023, 6, 1), dt.date(2026, 10, 4), dt.date(2026, 12, 1)])
def test_the_pathway_applied_and_its_minimum_years_are_the_kernels(on):
    combos = [(f, z, h) for f in catalogue.FIELDS for z in catalogue.ZONES for h in catalogue.HOMES]
    place = [{"practice_field": f, "practice_zone": z, "home_jurisdiction": h} for f, z, h in combos]
    available = _kernel(on, place, ["practice_pathway_available"])
    pathways = [catalogue.pathway_applicable(*combo, on) for combo in combos]
    assert [p is not None for p in pathways] == [bool(row["practice_pathway_available"]) for row in available]
    applied = [(person, p) for person, p in zip(place, pathways, strict=True) if p is not None]
    assert len(applied) > 5  # the comparison is not empty
    # Just short of the catalogue's minimum years the kernel finds the experience short; at it, met.
    people = [
        {**person, "years_of_practice": max(0.0, p.minimum_years_of_practice - short)}
        for person, p in applied
        for short in (0.01, 0.0)
    ]
    met = [
        row["meets_practice_experience_requirement"]
        for row in _kernel(on, people, ["meets_practice_experience_requirement"])
    ]
    for (person, p), (below, at) in zip(applied, zip(met[::2], met[1::2], strict=True), strict=True):
        assert at, (person, p.minimum_years_of_practice)
        assert not below or p.minimum_years_of_practice == 0, (person, p.minimum_years_of_practice)

"""The demo population: a small synthetic population and its what-if snapshot, made once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from talentbridge.population.generate import population_generate
from talentbridge.population.models import PopulationRun
from talentbridge.population.services import snapshot_directory
from talentbridge.population.snapshot import snapshot_write

# A small synthetic population, so the policy officer's what-if page has a snapshot to read.
DEMO_POPULATION_PERSONS = 3_000
DEMO_POPULATION_SEED = 2025
DEMO_SNAPSHOT_NAME = "demo-population.parquet"


@dataclass(frozen=True)
class DemoPopulation:
    """What `demo_population_ensure` did: `generated`, `exported` (run kept, file rewritten), `present` or `skipped`."""

    outcome: str
    path: Path
    persons: int


def demo_population_ensure() -> DemoPopulation:
    """Generate the demo population and its snapshot when no population exists yet; a second run does nothing.

    When other runs exist (a benchmark, an import) the demo adds none: officials export those instead.
    """
    path = snapshot_directory() / DEMO_SNAPSHOT_NAME
    persons = DEMO_POPULATION_PERSONS
    if not PopulationRun.objects.exists():
        run = population_generate(persons=persons, seed=DEMO_POPULATION_SEED, applications_share=0.0)
        snapshot_write(path, run_id=run.pk)
        return DemoPopulation("generated", path, persons)
    demo_runs = PopulationRun.objects.filter(persons=persons, seed=DEMO_POPULATION_SEED, applications_share=0.0)
    demo_run = demo_runs.order_by("created_at").first()
    if demo_run is None:
        return DemoPopulation("skipped", path, 0)
    if path.exists():
        return DemoPopulation("present", path, persons)
    snapshot_write(path, run_id=demo_run.pk)
    return DemoPopulation("exported", path, persons)

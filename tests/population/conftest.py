"""Fixtures for population tests: a small generated population on the test database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from talentbridge.population.generate import population_generate
from talentbridge.population.models import PopulationRun

SMALL = {"persons": 300, "seed": 11, "applications_share": 0.5, "as_of": dt.date(2025, 7, 1)}


@pytest.fixture(autouse=True)
def snapshot_root(settings: Any, tmp_path: Path) -> Path:
    """Snapshots (exports, the demo's) land in the test's own directory, never in the shared var/."""
    settings.SNAPSHOT_ROOT = tmp_path / "snapshots"
    return Path(settings.SNAPSHOT_ROOT)


@pytest.fixture
def population(reference: None) -> PopulationRun:
    return population_generate(**SMALL)


@pytest.fixture
def small_settings() -> dict[str, Any]:
    return dict(SMALL)

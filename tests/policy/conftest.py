"""Fixtures of the policy tests: a small synthetic snapshot and a lawyer's situation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from talentbridge.rules.simulate import synthetic_snapshot

LAWYER_YEARS = "practice.pathways.lawyer.nine_cities.minimum_years_of_practice"


@pytest.fixture(scope="session")
def snapshot_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_snapshot(tmp_path_factory.mktemp("snapshots") / "population.parquet", 2_000, seed=7)


@pytest.fixture
def lawyer_inputs() -> dict[str, dict[str, Any]]:
    """A Hong Kong lawyer with two years of practice: not eligible under today's three-year minimum."""
    month = "2025-01"
    return {
        "practice_field": {month: "lawyer"},
        "practice_zone": {month: "nine_cities"},
        "home_jurisdiction": {month: "hong_kong"},
        "years_of_practice": {month: 2},
        "holds_home_licence": {month: True},
        "is_permanent_resident": {month: True},
        "is_chinese_citizen": {month: True},
        "has_disciplinary_record": {month: False},
    }

"""Fixtures for the rules kernel tests: a small synthetic snapshot (no database needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from talentbridge.rules.simulate import synthetic_snapshot


@pytest.fixture(scope="session")
def small_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_snapshot(tmp_path_factory.mktemp("rules") / "snapshot.parquet", 3_000, seed=7)

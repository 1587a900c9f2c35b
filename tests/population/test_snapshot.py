"""The Parquet snapshot and its background export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.test import override_settings

from talentbridge.accounts.models import Role, User
from talentbridge.core.errors import Forbidden
from talentbridge.core.models import TaskProgress
from talentbridge.population.models import ContributionPeriod, Licence, PopulationRun
from talentbridge.population.services import snapshot_export_start
from talentbridge.population.snapshot import SNAPSHOT_COLUMNS, snapshot_write
from talentbridge.population.tasks import export_snapshot


def test_snapshot_has_one_row_per_person_with_the_expected_columns(population: PopulationRun, tmp_path: Path) -> None:
    path = tmp_path / "snapshot.parquet"

    rows = snapshot_write(path, run_id=population.pk, batch_size=64)

    frame = pl.read_parquet(path)
    assert rows == frame.height == 300
    assert tuple(frame.columns) == SNAPSHOT_COLUMNS
    assert frame["person_id"].is_sorted()
    assert frame["licence_count"].sum() == Licence.objects.filter(person__run=population).count()
    assert frame["contribution_periods"].sum() == ContributionPeriod.objects.filter(person__run=population).count()
    assert frame["has_account"].sum() == population.people.filter(user__isnull=False).count()


def test_export_task_reports_done_with_the_row_count(population: PopulationRun, tmp_path: Path) -> None:
    progress = TaskProgress.objects.create(label="export")
    path = tmp_path / "export.parquet"

    export_snapshot.call(str(progress.pk), str(path))

    progress.refresh_from_db()
    assert (progress.status, progress.done, progress.total) == ("done", 300, 300)
    assert progress.result == {"path": str(path), "rows": 300}
    assert pl.read_parquet(path).height == 300


def test_export_start_enqueues_the_task_after_commit(
    population: PopulationRun,
    make_user: Callable[..., User],
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    analyst = make_user(Role.ANALYST)

    with override_settings(SNAPSHOT_ROOT=tmp_path), django_capture_on_commit_callbacks(execute=True):
        progress = snapshot_export_start(user=analyst)

    progress.refresh_from_db()
    assert (progress.status, progress.owner_id, progress.done) == ("done", analyst.pk, 300)
    assert Path(progress.result["path"]).parent == tmp_path


def test_an_applicant_cannot_start_an_export(make_user: Callable[..., User]) -> None:
    with pytest.raises(Forbidden):
        snapshot_export_start(user=make_user(Role.APPLICANT))

    assert TaskProgress.objects.count() == 0

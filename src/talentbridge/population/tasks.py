"""Background work of populations: the Parquet snapshot export, reporting its progress."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

from talentbridge.core.models import TaskProgress
from talentbridge.core.tasks import progress_update, task
from talentbridge.population.snapshot import snapshot_count, snapshot_write


@task()
def export_snapshot(progress_id: str, path: str) -> dict[str, Any]:
    """Write the snapshot of every person to `path`, updating the progress record as batches land."""
    progress_update(progress_id, status=TaskProgress.Status.RUNNING, done=0, total=snapshot_count())
    try:
        rows = snapshot_write(path, on_progress=lambda done: progress_update(progress_id, done=done))
    except Exception:
        # The reader gets words, not the exception (which the task result keeps for developers).
        progress_update(
            progress_id, status=TaskProgress.Status.FAILED, message=gettext_noop("The export failed; start it again.")
        )
        raise
    result = {"path": path, "rows": rows}
    progress_update(progress_id, status=TaskProgress.Status.DONE, done=rows, total=rows, result=result)
    return result

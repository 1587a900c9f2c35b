"""The one place that imports the task framework (django-tasks today, django.tasks in Django 6).

Progress records double as leases: a running job renews its record (`progress_update` or
`progress_heartbeat`) at least every `TASK_LEASE_SECONDS`; a running record older than that
belongs to a worker that died. A record can also name its task (`progress_attach_task`): when
that task has ended and the record is still unfinished, the job died with its worker (the
supervisor fails a dead worker's tasks). `progress_expire_stale` marks both failed with a reason
the owner can read; `run_worker` (core's management command) sweeps them while it supervises
the database worker.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks import TaskContext, TaskResult, TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from talentbridge.core.models import StoredText, TaskProgress, stored_columns

__all__ = [
    "TaskContext",
    "TaskResult",
    "TaskResultStatus",
    "database_is_locked",
    "lease_seconds",
    "progress_attach_task",
    "progress_expire_stale",
    "progress_heartbeat",
    "progress_is_stale",
    "progress_start",
    "progress_update",
    "retry_when_locked",
    "task",
    "task_result_ended",
    "task_results_abandon",
]

T = TypeVar("T")


def lease_seconds() -> int:
    """How long a running job may go without renewing its progress record before it counts as stopped."""
    return int(settings.TASK_LEASE_SECONDS)


def progress_start(*, label: StoredText, total: int = 0, owner: Any = None) -> TaskProgress:
    """Create the progress record a long job reports to; pass its id to the task."""
    msgid, params = stored_columns(label)
    return TaskProgress.objects.create(label=msgid, label_params=params, total=total, owner=owner)


def progress_update(
    progress_id: uuid.UUID | str,
    *,
    done: int | None = None,
    total: int | None = None,
    status: str | None = None,
    message: StoredText | None = None,
    result: dict[str, Any] | None = None,
) -> None:
    """Record progress (and renew the lease); a single UPDATE so a worker never overwrites fields it did not set.

    `message` is stored text (see `core.models.stored`, `stored_plural`): a msgid, with values or a count.
    """
    fields: dict[str, Any] = {}
    for name, value in (("done", done), ("total", total), ("status", status), ("result", result)):
        if value is not None:
            fields[name] = value
    if message is not None:
        fields["message"], fields["message_params"] = stored_columns(message)
    if fields:
        fields["updated_at"] = timezone.now()
        TaskProgress.objects.filter(pk=progress_id).update(**fields)


def progress_attach_task(progress_id: uuid.UUID | str, task_id: str) -> None:
    """Name the background task doing the job, so a task that ends unfinished fails the job at once."""
    TaskProgress.objects.filter(pk=progress_id).update(task_id=str(task_id)[:64])


def progress_heartbeat(progress_id: uuid.UUID | str) -> bool:
    """Renew a running job's lease; False if the record is no longer running (expired or finished)."""
    return bool(
        TaskProgress.objects.filter(pk=progress_id, status=TaskProgress.Status.RUNNING).update(
            updated_at=timezone.now()
        )
    )


def progress_is_stale(progress: TaskProgress, *, now: dt.datetime | None = None) -> bool:
    """A running record whose lease ran out: its worker stopped without finishing."""
    if progress.status != TaskProgress.Status.RUNNING:
        return False
    return progress.updated_at < (now or timezone.now()) - dt.timedelta(seconds=lease_seconds())


def _stale(ids: list[uuid.UUID | str] | None) -> list[TaskProgress]:
    """Running records past their lease, and unfinished records whose task has ended."""
    cutoff = timezone.now() - dt.timedelta(seconds=lease_seconds())
    unfinished = TaskProgress.objects.filter(status__in=[TaskProgress.Status.QUEUED, TaskProgress.Status.RUNNING])
    if ids is not None:
        unfinished = unfinished.filter(pk__in=ids)
    lapsed = list(unfinished.filter(status=TaskProgress.Status.RUNNING, updated_at__lt=cutoff).select_related("owner"))
    with_task = list(unfinished.exclude(task_id="").exclude(pk__in=[p.pk for p in lapsed]).select_related("owner"))
    ended = {
        str(pk)
        for pk in DBTaskResult.objects.filter(
            pk__in=[p.task_id for p in with_task if _is_uuid(p.task_id)],
            status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        ).values_list("pk", flat=True)
    }
    return lapsed + [p for p in with_task if p.task_id in ended]


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def progress_expire_stale(*, ids: Iterable[uuid.UUID | str] | None = None) -> list[uuid.UUID]:
    """Mark stale jobs failed (see `_stale`), with the reason each reader reads in their language; returns their ids."""
    expired: list[uuid.UUID] = []
    for progress in _stale(list(ids) if ids is not None else None):
        message = gettext_noop(
            "The job stopped before it finished: the background worker was interrupted. Start it again."
        )
        # Conditional on the state read, so a worker that renewed its lease meanwhile keeps its job.
        if TaskProgress.objects.filter(pk=progress.pk, status=progress.status, updated_at=progress.updated_at).update(
            status=TaskProgress.Status.FAILED, message=message, message_params=None, updated_at=timezone.now()
        ):
            expired.append(progress.pk)
    return expired


def database_is_locked(error: BaseException) -> bool:
    """SQLite's "database is locked" (or MySQL's lock wait timeout): worth waiting for, not a failure."""
    if not isinstance(error, OperationalError) or not error.args:
        return False
    first = error.args[0]
    return (isinstance(first, str) and "is locked" in first.lower()) or first == 1205


def retry_when_locked(work: Callable[[], T], *, attempts: int = 8, first_delay: float = 0.5) -> T:
    """Run `work` (one short transaction), waiting and retrying while another writer holds the database."""
    delay = first_delay
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except OperationalError as error:
            if not database_is_locked(error) or attempt == attempts or transaction.get_connection().in_atomic_block:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 10.0)
    raise AssertionError("unreachable")  # pragma: no cover


def task_result_ended(task_id: str) -> bool | None:
    """Whether a queued task has ended (successfully or not): None when the backend keeps no record of it."""
    if not task_id or not _is_uuid(task_id):
        return None
    status = DBTaskResult.objects.filter(pk=task_id).values_list("status", flat=True).first()
    if status is None:
        return None
    return status in {TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED}


def task_results_abandon(*, worker_id: str) -> int:
    """Fail the task results a dead worker had claimed (django-tasks-db leaves them running for ever)."""
    abandoned = 0
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    for result in running.only("pk", "worker_ids"):
        if result.worker_ids and result.worker_ids[-1] == worker_id:
            abandoned += DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path="talentbridge.core.tasks.WorkerStopped",
                traceback=f"The worker {worker_id} stopped while running this task.",
            )
    return abandoned

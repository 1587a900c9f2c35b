"""The one place that imports the task framework (django-tasks today, django.tasks in Django 6)."""

from __future__ import annotations

import uuid
from typing import Any

from django_tasks import TaskContext, TaskResult, TaskResultStatus, task

from talentbridge.core.models import TaskProgress

__all__ = ["TaskContext", "TaskResult", "TaskResultStatus", "progress_start", "progress_update", "task"]


def progress_start(*, label: str, total: int = 0, owner: Any = None) -> TaskProgress:
    """Create the progress record a long job reports to; pass its id to the task."""
    return TaskProgress.objects.create(label=label, total=total, owner=owner)


def progress_update(
    progress_id: uuid.UUID | str,
    *,
    done: int | None = None,
    total: int | None = None,
    status: str | None = None,
    message: str | None = None,
    result: dict[str, Any] | None = None,
) -> None:
    """Record progress; a single UPDATE so a worker never overwrites fields it did not set."""
    fields: dict[str, Any] = {}
    for name, value in (("done", done), ("total", total), ("status", status), ("message", message), ("result", result)):
        if value is not None:
            fields[name] = value
    if fields:
        from django.utils import timezone

        fields["updated_at"] = timezone.now()
        TaskProgress.objects.filter(pk=progress_id).update(**fields)

"""Abstract bases shared by the domain apps, and progress records of background work."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TrilingualName(models.Model):
    """A name in English, Simplified Chinese and Traditional Chinese (Hong Kong)."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh_hans = models.CharField(_("name (Simplified Chinese)"), max_length=200)
    name_zh_hant = models.CharField(_("name (Traditional Chinese)"), max_length=200)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        return localized_name(self)

    def __str__(self) -> str:
        return self.name


def localized_name(obj: object, language: str | None = None) -> str:
    """Pick the name field of `obj` that matches `language` (default: the active language)."""
    lang = (language or get_language() or "en").lower()
    if lang.startswith("zh-hant") or lang in {"zh-hk", "zh-tw", "zh-mo"}:
        return str(obj.name_zh_hant)  # type: ignore[attr-defined]
    if lang.startswith("zh"):
        return str(obj.name_zh_hans)  # type: ignore[attr-defined]
    return str(obj.name_en)  # type: ignore[attr-defined]


class TaskProgress(models.Model):
    """How far a long-running background job has got, for the page that started it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    label = models.CharField(max_length=200)
    owner = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    result = models.JSONField(default=dict, blank=True)
    # The background task doing the job (optional): a job whose task ended without finishing it failed.
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Renewed by every progress report: the job's lease (see core.tasks.progress_expire_stale).
    updated_at = models.DateTimeField(auto_now=True)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class RateLimitCounter(models.Model):
    """Hits of one client against one rate limit in its current window (`core.ratelimit`, database backend)."""

    key = models.CharField(max_length=200, primary_key=True)
    hits = models.PositiveIntegerField(default=0)
    window_ends = models.FloatField(db_index=True, help_text="Seconds since the epoch")

"""Abstract bases shared by the domain apps, and progress records of background work."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext, ngettext
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
    from talentbridge.core.languages import language_key

    return str(getattr(obj, f"name_{language_key(language)}"))


StoredText = str | dict[str, Any]


def _is_stored(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("msgid"), str)


def _count(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def stored_text(stored: StoredText | None) -> str:
    """Words stored for later reading, in the language of whoever reads them.

    Stored as the English msgid (a string), or as `{"msgid": …, "params": {…}}` when they carry values,
    or as `{"msgid": …, "plural": …, "count": n, "params": {…}}` when they carry a count (`stored_plural`):
    the reader's language picks the plural form for `count`. A value that is itself stored text (an amount,
    say: `{"msgid": "CNY %(amount)s", …}`) is put into words first. Rows written before held words of the
    writer's language: a msgid reads translated, any other text is shown as it was stored.
    """
    if isinstance(stored, dict):
        msgid = str(stored.get("msgid", ""))
        params = {
            name: stored_text(value) if _is_stored(value) else value
            for name, value in (stored.get("params") or {}).items()
        }
        plural = stored.get("plural")
        if isinstance(plural, str):
            count = _count(stored.get("count"))
            templates = (ngettext(msgid, plural, count), msgid if count == 1 else plural)
        else:
            templates = (gettext(msgid), msgid)
        for template in templates:
            try:
                return template % params
            except (KeyError, TypeError, ValueError):
                continue
        return msgid
    return gettext(stored) if stored else ""


def stored(msgid: str, **params: Any) -> StoredText:
    """Words to store for later reading (see `stored_text`): mark `msgid` with gettext_noop."""
    return {"msgid": msgid, "params": params} if params else msgid


def stored_plural(words: Callable[[int], str], count: int, **params: Any) -> StoredText:
    """Words with a count to store for later reading, each reader getting the plural form of their language.

    `words` is `lambda n: ngettext(singular, plural, n)`, so that makemessages finds both forms; it is
    asked for them in no language (English), and they are stored with `count` (see `stored_text`).
    """
    with translation.override(None):
        singular, plural = words(1), words(2)
    return {"msgid": singular, "plural": plural, "count": count, "params": params}


def stored_columns(text: StoredText) -> tuple[str, dict[str, Any] | None]:
    """Stored text as a msgid column and a JSON column beside it (`TaskProgress.label` and `label_params`).

    The JSON column holds the values, or, for words with a count, `{"plural": …, "count": n, "params": {…}}`.
    """
    if not isinstance(text, dict):
        return text, None
    params = text.get("params") or {}
    if isinstance(text.get("plural"), str):
        return str(text["msgid"]), {"plural": text["plural"], "count": text.get("count"), "params": params}
    return str(text["msgid"]), params or None


def stored_from_columns(msgid: str, extra: dict[str, Any] | None) -> StoredText:
    """The stored text kept as `stored_columns` wrote it."""
    if not extra:
        return msgid
    if set(extra) == {"plural", "count", "params"} and isinstance(extra["plural"], str):
        return {"msgid": msgid, **extra}
    return {"msgid": msgid, "params": extra}


class TaskProgress(models.Model):
    """How far a long-running background job has got, for the page that started it.

    `label` and `message` are msgids with values (or a plural and its count) in `label_params` /
    `message_params` (`stored_columns`): each reader reads them in their own language (`label_shown`,
    `message_shown`).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    label = models.CharField(max_length=200)
    label_params = models.JSONField(null=True, blank=True)
    owner = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    message_params = models.JSONField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    # The background task doing the job (optional): a job whose task ended without finishing it failed.
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Renewed by every progress report: the job's lease (see core.tasks.progress_expire_stale).
    updated_at = models.DateTimeField(auto_now=True)

    @property
    def label_shown(self) -> str:
        return stored_text(stored_from_columns(self.label, self.label_params))

    @property
    def message_shown(self) -> str:
        return stored_text(stored_from_columns(self.message, self.message_params))

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

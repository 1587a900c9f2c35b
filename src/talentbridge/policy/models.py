"""Rule-set versions, stored determinations (inputs, outputs, explanation) and population what-if runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleSetVersion(models.Model):
    """One version of the rules kernel, seen by this platform: semantic version and content hash."""

    semver = models.CharField(_("semantic version"), max_length=40)
    content_hash = models.CharField(_("content hash"), max_length=64)
    first_seen_at = models.DateTimeField(_("first seen at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rule-set version")
        verbose_name_plural = _("rule-set versions")
        ordering = ["-first_seen_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["semver", "content_hash"], name="policy_ruleset_semver_hash_unique")
        ]

    def __str__(self) -> str:
        return f"{self.semver} ({self.content_hash[:12]})"

    def as_dict(self) -> dict[str, str]:
        return {"semver": self.semver, "content_hash": self.content_hash}


class Determination(models.Model):
    """One person's outputs computed by the kernel, with the inputs, the explanation and the rule set."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="determinations",
    )
    # A case's reference, not a foreign key: policy sits below casework and must not import it.
    case_reference = models.CharField(_("case reference"), max_length=40, blank=True, db_index=True)
    period = models.CharField(_("period"), max_length=7)
    inputs = models.JSONField(_("inputs"))
    outputs = models.JSONField(_("outputs"))
    explanation = models.JSONField(_("explanation"))
    rule_set = models.ForeignKey(
        RuleSetVersion, verbose_name=_("rule set"), on_delete=models.PROTECT, related_name="determinations"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("determination")
        verbose_name_plural = _("determinations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Determination {self.pk} ({self.period})"


class WhatIfRun(models.Model):
    """A reform evaluated over a population snapshot in the background, and its counts by group."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="whatif_runs"
    )
    reform = models.JSONField(_("reform"))
    by = models.JSONField(_("grouped by"), default=list, blank=True)
    period = models.CharField(_("period"), max_length=7)
    snapshot_path = models.CharField(_("snapshot file"), max_length=500)
    snapshot_rows = models.PositiveBigIntegerField(_("snapshot rows"))
    snapshot_sha256 = models.CharField(_("snapshot SHA-256"), max_length=64)
    rule_set = models.ForeignKey(
        RuleSetVersion, verbose_name=_("rule set"), on_delete=models.PROTECT, related_name="whatif_runs"
    )
    progress = models.ForeignKey(
        "core.TaskProgress",
        verbose_name=_("progress"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("what-if run")
        verbose_name_plural = _("what-if runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"What-if run {self.pk} ({self.status})"

"""Applications and everything recorded about them: audit events, decisions, requests, documents."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from talentbridge.core import clock


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    VERIFICATION = "verification", _("Awaiting verification")
    INFO_REQUESTED = "info_requested", _("Information requested")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    PENDING_SECOND_APPROVAL = "pending_second_approval", _("Awaiting second approval")
    COMPENSATION_REQUIRED = "compensation_required", _("Compensation measure required")
    COMPENSATION_REPORTED = "compensation_reported", _("Compensation measure reported")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class Application(models.Model):
    """One case: what a person asked for, from which authority, and where it stands."""

    reference = models.CharField(_("reference"), max_length=24, unique=True)
    kind = models.CharField(_("kind"), max_length=32, db_index=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications", verbose_name=_("applicant")
    )
    authority = models.ForeignKey(
        "reference.Authority", on_delete=models.PROTECT, related_name="applications", verbose_name=_("authority")
    )
    state = models.CharField(_("state"), max_length=32, choices=State.choices, default=State.DRAFT)
    payload = models.JSONField(_("application data"), default=dict)
    rules_version = models.CharField(_("rules version"), max_length=80)
    version = models.PositiveIntegerField(
        default=1, help_text="Incremented on every change; guards against lost updates."
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    state_entered_at = models.DateTimeField()
    created_at = models.DateTimeField(default=clock.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["authority", "state", "deadline"], name="case_queue_idx"),
            models.Index(fields=["authority", "deadline", "submitted_at", "id"], name="case_queue_order_idx"),
            models.Index(fields=["applicant", "-created_at"], name="case_applicant_idx"),
            models.Index(fields=["state", "deadline"], name="case_deadline_idx"),
        ]

    def __str__(self) -> str:
        return self.reference


class AppendOnlyQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only")


class AuditEvent(models.Model):
    """One thing that happened, by whom, when, why and under which rules. Never changed."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events", null=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    actor_role = models.CharField(max_length=24)
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=32, blank=True)
    to_state = models.CharField(max_length=32, blank=True)
    reason = models.TextField(blank=True)
    rules_version = models.CharField(max_length=80, blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or kwargs.get("force_update"):
            raise PermissionError("The audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only")


class Decision(models.Model):
    """A decision on an application: its outcome, who took it (and who proposed it), why, under which rules."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        TACITLY_APPROVED = "tacitly_approved", _("Approved tacitly (deadline passed)")
        REFUSED = "refused", _("Refused")
        REVOKED = "revoked", _("Revoked")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.TextField(blank=True)
    rules_version = models.CharField(max_length=80)
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["decided_at"]


class InfoRequest(models.Model):
    """A reviewer's request for more information, and the applicant's reply."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="info_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    message = models.TextField()
    requested_at = models.DateTimeField()
    reply = models.TextField(blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]


class Verification(models.Model):
    """A request to a second authority (often in another jurisdiction) to confirm, e.g., a licence."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        CONFIRMED = "confirmed", _("Confirmed")
        NOT_CONFIRMED = "not_confirmed", _("Not confirmed")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="verifications")
    authority = models.ForeignKey("reference.Authority", on_delete=models.PROTECT, related_name="verifications")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    question = models.TextField(blank=True)
    requested_at = models.DateTimeField()
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    note = models.TextField(blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]
        indexes = [models.Index(fields=["authority", "outcome"], name="verification_queue_idx")]


class Document(models.Model):
    """An uploaded file, stored outside the web root under a random name."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    # Which of the case's required documents this is (a code its workflow or pathway lists); blank for
    # any other supporting document. Submission checks that every required one is there.
    document_type = models.CharField(_("document type"), max_length=48, blank=True, default="")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    storage_name = models.CharField(max_length=100, unique=True)
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at"]


class Notification(models.Model):
    """An in-app message (also e-mailed), written in the same transaction as the change it reports."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, null=True, related_name="notifications")
    event = models.CharField(max_length=40)
    params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_inbox_idx")]

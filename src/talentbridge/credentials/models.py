"""Issuer keys, issued certificates and the append-only history of their status changes."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IssuerKey(models.Model):
    """An Ed25519 signing key of an authority; the private half is encrypted at rest (see keys.py)."""

    authority = models.ForeignKey("reference.Authority", on_delete=models.PROTECT, related_name="issuer_keys")
    kid = models.CharField(max_length=120, unique=True)
    private_key_encrypted = models.TextField()
    public_jwk = models.JSONField()
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["authority_id", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority"], condition=models.Q(active=True), name="one_active_issuer_key_per_authority"
            )
        ]

    def __str__(self) -> str:
        return self.kid


class Standing(models.TextChoices):
    """Where a certificate stands on a day: its status and its dates together (the validity rule).

    The order of precedence is the verifier's (verify_core): a revocation or replacement wins over a
    suspension, a suspension over the dates.
    """

    IN_FORCE = "in_force", pgettext_lazy("standing", "In force")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("Not yet in force")
    EXPIRED = "expired", _("Expired")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Replaced by a newer certificate")


class CertificateQuerySet(models.QuerySet["Certificate"]):
    """The validity rule as a query; `Certificate.standing` is the same rule for one row (a test holds both)."""

    def in_force(self, on: dt.date) -> CertificateQuerySet:
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on),
            revoked_at__isnull=True,
            suspended_at__isnull=True,
            valid_from__lte=on,
        )


class Certificate(models.Model):
    """One issued Verifiable Credential, kept as the exact JWT the holder received.

    A certificate replaced by a newer one (its registration was renewed) is revoked — the revocation
    status list flags it, so it fails verification offline too — and names its replacement in
    `superseded_by`, so the platform can say "replaced" rather than "revoked".
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    authority = models.ForeignKey("reference.Authority", on_delete=models.PROTECT, related_name="certificates")
    kid = models.CharField(max_length=120)
    jwt = models.TextField()
    credential_type = models.CharField(max_length=80)
    subject = models.JSONField(default=dict)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="certificates"
    )
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True)
    status_index = models.PositiveIntegerField()
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revocation_reason = models.TextField(blank=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    suspension_reason = models.TextField(blank=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "status_index"], name="one_status_index_per_issuer"),
        ]

    def __str__(self) -> str:
        return f"{self.credential_type} {self.id}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def is_superseded(self) -> bool:
        return self.superseded_by_id is not None

    def standing(self, on: dt.date) -> Standing:
        """Where the certificate stands on `on` (what verification answers for its JWT on that day)."""
        if self.superseded_by_id is not None:
            return Standing.SUPERSEDED
        if self.revoked_at is not None:
            return Standing.REVOKED
        if self.suspended_at is not None:
            return Standing.SUSPENDED
        if on < self.valid_from:
            return Standing.NOT_YET_IN_FORCE
        if self.valid_until is not None and on > self.valid_until:
            return Standing.EXPIRED
        return Standing.IN_FORCE

    def is_in_force(self, on: dt.date) -> bool:
        return self.standing(on) == Standing.IN_FORCE


class CertificateEvent(models.Model):
    """Who revoked, suspended or reinstated a certificate, when and why (never updated)."""

    class Action(models.TextChoices):
        ISSUED = "issued", _("Issued")
        REVOKED = "revoked", _("Revoked")
        SUSPENDED = "suspended", _("Suspended")
        REINSTATED = "reinstated", _("Reinstated")
        SUPERSEDED = "superseded", _("Replaced by a newer certificate")

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.certificate_id}"

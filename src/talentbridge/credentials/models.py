"""Issuer keys, issued certificates and the append-only history of their status changes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class Certificate(models.Model):
    """One issued Verifiable Credential, kept as the exact JWT the holder received."""

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


class CertificateEvent(models.Model):
    """Who revoked, suspended or reinstated a certificate, when and why (never updated)."""

    class Action(models.TextChoices):
        ISSUED = "issued", _("Issued")
        REVOKED = "revoked", _("Revoked")
        SUSPENDED = "suspended", _("Suspended")
        REINSTATED = "reinstated", _("Reinstated")

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

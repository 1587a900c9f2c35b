"""Registrations to practise, compensation measures imposed on a case, and alerts on barred professionals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from talentbridge.core import clock


class RegistrationStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional (awaiting confirmation)")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")
    LAPSED = "lapsed", _("Lapsed (not confirmed)")


class Registration(models.Model):
    """The right of one professional to practise one field in one zone, granted by one authority."""

    number = models.CharField(_("registration number"), max_length=24, unique=True)
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="practice_registrations"
    )
    full_name = models.CharField(_("name"), max_length=150)
    field = models.CharField(_("field"), max_length=32, db_index=True)
    profession = models.CharField(_("profession"), max_length=48, blank=True)
    zone = models.CharField(_("zone"), max_length=16, db_index=True)
    city = models.CharField(_("city"), max_length=16, blank=True)
    home_jurisdiction = models.CharField(_("home jurisdiction"), max_length=16)
    licence_number = models.CharField(_("home licence number"), max_length=40, blank=True)  # private
    authority = models.ForeignKey(
        "reference.Authority", on_delete=models.PROTECT, related_name="practice_registrations"
    )
    mechanism = models.CharField(_("mechanism"), max_length=32)
    scope = models.CharField(_("scope"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RegistrationStatus.choices, default=RegistrationStatus.ACTIVE
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)  # private
    tacit = models.BooleanField(_("granted tacitly"), default=False)
    certificate_id = models.UUIDField(_("certificate"), null=True, blank=True)
    case_reference = models.CharField(_("case reference"), max_length=24, blank=True, db_index=True)
    renews = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="renewals")
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-valid_from", "-pk"]
        indexes = [
            models.Index(fields=["status", "field", "zone"], name="practice_register_idx"),
            models.Index(fields=["status", "valid_until"], name="practice_expiry_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class CompensationMeasure(models.Model):
    """An adaptation period or aptitude test the host authority requires before it approves a case."""

    class Kind(models.TextChoices):
        ADAPTATION_PERIOD = "adaptation_period", _("Adaptation period")
        APTITUDE_TEST = "aptitude_test", _("Aptitude test")

    case_reference = models.CharField(max_length=24, db_index=True)
    kind = models.CharField(_("measure"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("what is required"))
    months = models.PositiveSmallIntegerField(_("duration in months"), null=True, blank=True)
    required_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    required_at = models.DateTimeField()
    reported_at = models.DateTimeField(null=True, blank=True)
    report = models.TextField(_("applicant's report"), blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["-required_at", "-pk"]


class PracticeAlert(models.Model):
    """An authority's warning that a professional is barred from practice (shown to other authorities)."""

    person_identifier = models.CharField(_("person identifier"), max_length=120, db_index=True)
    field = models.CharField(_("field"), max_length=32, blank=True)  # blank: every field
    reason = models.TextField(_("reason"))
    authority = models.ForeignKey("reference.Authority", on_delete=models.PROTECT, related_name="practice_alerts")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(default=clock.now)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]

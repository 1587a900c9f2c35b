"""Registrations to practise, compensation measures imposed on a case, and alerts on barred professionals."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talentbridge.core import clock, languages

# How long before the end of its term a registration may be renewed (the renewal reminder goes then too).
RENEWAL_WINDOW_DAYS = 90


class RegistrationStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional (awaiting confirmation)")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")
    LAPSED = "lapsed", _("Lapsed (not confirmed)")
    SUPERSEDED = "superseded", _("Superseded (replaced by a newer registration)")


class Standing(models.TextChoices):
    """Where a registration stands on a given day: its status and its dates together (the validity rule)."""

    IN_FORCE = "in_force", pgettext_lazy("standing", "In force")
    PROVISIONAL = "provisional", _("Provisional (awaiting confirmation)")
    SUSPENDED = "suspended", _("Suspended")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("Not yet in force")
    EXPIRED = "expired", _("Expired")
    LAPSED = "lapsed", _("Lapsed (not confirmed)")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded (replaced by a newer registration)")


# The languages a registration's scope is translated into (its `scope` itself is English).
SCOPE_LANGUAGES = ("zh_hans", "zh_hant")

# Who may practise on a day: a granted registration in force, or a provisional one (practise first).
PRACTISING = frozenset({Standing.IN_FORCE, Standing.PROVISIONAL})
# What the public register shows: who may practise, and who is suspended from practice.
CURRENT = frozenset({Standing.IN_FORCE, Standing.PROVISIONAL, Standing.SUSPENDED})


def _not_ended(on: dt.date) -> Q:
    return Q(valid_until__isnull=True) | Q(valid_until__gte=on)


class RegistrationQuerySet(models.QuerySet["Registration"]):
    """The validity rule as queries; `Registration.standing` is the same rule for one row (a test holds
    the two together). Pages, API answers, statistics, reminders and checks read one of them."""

    def in_force(self, on: dt.date) -> RegistrationQuerySet:
        """Granted (not provisional), neither suspended, revoked nor superseded, and within its dates."""
        return self.filter(_not_ended(on), status=RegistrationStatus.ACTIVE, valid_from__lte=on)

    def provisional(self, on: dt.date) -> RegistrationQuerySet:
        return self.filter(_not_ended(on), status=RegistrationStatus.PROVISIONAL, valid_from__lte=on)

    def suspended(self, on: dt.date) -> RegistrationQuerySet:
        return self.filter(_not_ended(on), status=RegistrationStatus.SUSPENDED)

    def with_standing(self, standing: str, on: dt.date) -> RegistrationQuerySet:
        """Rows whose standing on `on` is one of the current ones (in force, provisional, suspended)."""
        by_standing = {
            Standing.IN_FORCE: self.in_force,
            Standing.PROVISIONAL: self.provisional,
            Standing.SUSPENDED: self.suspended,
        }
        if standing not in by_standing:
            raise ValueError(f"not a current standing: {standing!r}")
        return by_standing[Standing(standing)](on)

    def current(self, on: dt.date) -> RegistrationQuerySet:
        """What the public register shows on `on`: in force, provisional or suspended."""
        return self.in_force(on) | self.provisional(on) | self.suspended(on)


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
    scope = models.CharField(_("scope"), max_length=300, blank=True)  # in English
    # The scope in the other languages, by language key: {"zh_hans": "…", "zh_hant": "…"}.
    scope_translations = models.JSONField(_("scope in Chinese"), default=dict, blank=True)
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
    years_of_practice = models.PositiveSmallIntegerField(_("years of practice when granted"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now)
    updated_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-valid_from", "-pk"]
        indexes = [
            models.Index(fields=["status", "field", "zone"], name="practice_register_idx"),
            models.Index(fields=["status", "valid_until"], name="practice_expiry_idx"),
        ]

    objects = RegistrationQuerySet.as_manager()

    def __str__(self) -> str:
        return self.number

    @property
    def scope_texts(self) -> dict[str, str]:
        """The scope in every language it is written in, by language key (`en`, `zh_hans`, `zh_hant`)."""
        translations = self.scope_translations if isinstance(self.scope_translations, dict) else {}
        texts = {"en": self.scope} if self.scope else {}
        texts.update({str(k): str(v) for k, v in translations.items() if k in SCOPE_LANGUAGES and v})
        return texts

    @property
    def scope_shown(self) -> str:
        """The scope in the page's language (English when it has none in it)."""
        texts = self.scope_texts
        return texts.get(languages.language_key()) or texts.get("en") or ""

    def standing(self, on: dt.date) -> Standing:
        """Where the registration stands on `on` (a decision wins over the dates; the dates over the status)."""
        final = {
            RegistrationStatus.REVOKED: Standing.REVOKED,
            RegistrationStatus.SUPERSEDED: Standing.SUPERSEDED,
            RegistrationStatus.LAPSED: Standing.LAPSED,
            RegistrationStatus.EXPIRED: Standing.EXPIRED,
        }
        if self.status in final:
            return final[RegistrationStatus(self.status)]
        ended = self.valid_until is not None and on > self.valid_until
        if self.status == RegistrationStatus.SUSPENDED:
            return Standing.EXPIRED if ended else Standing.SUSPENDED
        if self.status == RegistrationStatus.PROVISIONAL:
            if ended:
                return Standing.LAPSED
            return Standing.NOT_YET_IN_FORCE if on < self.valid_from else Standing.PROVISIONAL
        if on < self.valid_from:
            return Standing.NOT_YET_IN_FORCE
        return Standing.EXPIRED if ended else Standing.IN_FORCE

    def is_in_force(self, on: dt.date) -> bool:
        return self.standing(on) == Standing.IN_FORCE

    def renewable_from(self) -> dt.date | None:
        """The first day a renewal may be asked for: `RENEWAL_WINDOW_DAYS` before the term ends (None: no term)."""
        return self.valid_until - dt.timedelta(days=RENEWAL_WINDOW_DAYS) if self.valid_until else None

    def is_renewable(self, on: dt.date) -> bool:
        """A registration with a fixed term renews once expired, or in force within its last days.

        A renewal runs on from the end of the term it renews, so renewing earlier would hold more than
        one term at once (a 3-year licence renewed on its first day would reach six years).
        """
        start = self.renewable_from()
        standing = self.standing(on)
        if start is None or standing not in (Standing.IN_FORCE, Standing.EXPIRED):
            return False
        return standing == Standing.EXPIRED or on >= start


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

    def is_active(self, on: dt.date) -> bool:
        """Not withdrawn and not past its expiry day (the rule `selectors.alerts_active` queries)."""
        return self.withdrawn_at is None and (self.expires_on is None or self.expires_on >= on)

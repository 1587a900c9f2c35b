"""Employer attestations, talent endorsements and the stays made on them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talentbridge.core.choices import choices, text_choices
from talentbridge.vocabulary import (
    DESTINATION,
    HK_AND_MACAO,
    NO_PROFESSIONAL_TITLE,
    NO_TALENT_CATEGORY,
    PROFESSIONAL_TITLE,
    STAY_DESTINATION,
    TALENT_CATEGORY,
)

# The vocabulary's concepts as Django choices (codes and labels are defined there, once).
ProfessionalTitle = text_choices("ProfessionalTitle", PROFESSIONAL_TITLE, module=__name__)
TalentCategory = text_choices("TalentCategory", TALENT_CATEGORY, module=__name__)
Destination = text_choices("Destination", DESTINATION, module=__name__)
# How a person reads "no talent category" on an endorsement or a case: the Hetao Shenzhen Park route it is
# granted on (`NO_TALENT_CATEGORY`); every page and answer names the route with these words.
HETAO_ROUTE_LABEL = _("Hetao Shenzhen Park staff (no talent category)")


class EmployerAttestation(models.Model):
    """An organisation confirms (or refuses to confirm) that a talent works for it, in a post and title."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")
        REFUSED = "refused", _("Refused")

    talent = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("talent"), on_delete=models.PROTECT, related_name="attestations"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="attestations"
    )
    job_title = models.CharField(_("job title"), max_length=120)
    professional_title = models.CharField(
        _("professional title"), max_length=24, choices=ProfessionalTitle.choices, default=NO_PROFESSIONAL_TITLE
    )
    employed_since = models.DateField(_("employed since"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED)
    requested_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attestations_decided",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)

    class Meta:
        verbose_name = _("employer attestation")
        verbose_name_plural = _("employer attestations")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.talent} @ {self.organisation} ({self.status})"


class EndorsementStatus(models.TextChoices):
    """What the exit-entry office decided since the grant (the dates decide the rest, see `Standing`)."""

    GRANTED = "granted", _("Granted")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


class Standing(models.TextChoices):
    """Where an endorsement stands on a given day: its status and its dates together (the validity rule)."""

    IN_FORCE = "in_force", pgettext_lazy("standing", "In force")
    NOT_YET_VALID = "not_yet_valid", _("Not yet valid")
    EXPIRED = "expired", _("Expired")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


class EndorsementQuerySet(models.QuerySet["Endorsement"]):
    def in_force(self, on: dt.date) -> EndorsementQuerySet:
        """Endorsements in force on `on`: granted (not suspended or revoked) and within their dates.

        The same rule as `Endorsement.standing`; every page, API answer and statistic reads one of the two.
        """
        return self.filter(status=EndorsementStatus.GRANTED, valid_from__lte=on, valid_to__gte=on)


class Endorsement(models.Model):
    """A talent endorsement granted on an approved case: who, where to, how long, under which rules."""

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="endorsements"
    )
    case_reference = models.CharField(_("case reference"), max_length=32, unique=True)
    category = models.CharField(_("category"), max_length=24, choices=TalentCategory.choices)
    destination = models.CharField(_("destination"), max_length=8, choices=Destination.choices)
    work_city = models.CharField(_("work city"), max_length=16)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    max_stay_days = models.PositiveIntegerField(_("maximum days per stay"))
    rule_set = models.ForeignKey(
        "policy.RuleSetVersion", verbose_name=_("rule-set version"), on_delete=models.PROTECT, related_name="+"
    )
    determination = models.ForeignKey(
        "policy.Determination", verbose_name=_("determination"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"))
    status = models.CharField(
        _("status"), max_length=12, choices=EndorsementStatus.choices, default=EndorsementStatus.GRANTED
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)

    objects = EndorsementQuerySet.as_manager()

    class Meta:
        verbose_name = _("talent endorsement")
        verbose_name_plural = _("talent endorsements")
        ordering = ["-valid_from", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_reference} {self.destination} {self.valid_from}–{self.valid_to}"

    def category_shown(self) -> str:
        """The category as a person reads it; without one, the Hetao Shenzhen Park route it was granted on."""
        if self.category == NO_TALENT_CATEGORY.code:
            return str(HETAO_ROUTE_LABEL)
        return str(self.get_category_display())

    def destinations(self) -> list[str]:
        return list(STAY_DESTINATION.codes) if self.destination == HK_AND_MACAO.code else [self.destination]

    def standing(self, on: dt.date) -> Standing:
        """Where the endorsement stands on `on`: a suspension or revocation wins over the dates."""
        if self.status == EndorsementStatus.REVOKED:
            return Standing.REVOKED
        if self.status == EndorsementStatus.SUSPENDED:
            return Standing.SUSPENDED
        if on < self.valid_from:
            return Standing.NOT_YET_VALID
        if on > self.valid_to:
            return Standing.EXPIRED
        return Standing.IN_FORCE

    def is_in_force(self, on: dt.date) -> bool:
        return self.standing(on) == Standing.IN_FORCE


class StayRecord(models.Model):
    """One stay in Hong Kong or Macao on an endorsement; open while `exited_at` is empty."""

    class Source(models.TextChoices):
        HOLDER = "holder", _("Logged by the holder")
        BORDER = "border", _("Border records")

    endorsement = models.ForeignKey(
        Endorsement, verbose_name=_("endorsement"), on_delete=models.CASCADE, related_name="stays"
    )
    destination = models.CharField(_("destination"), max_length=2, choices=choices(STAY_DESTINATION))
    entered_at = models.DateTimeField(_("entered at"))
    exited_at = models.DateTimeField(_("exited at"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.HOLDER)

    class Meta:
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        ordering = ["-entered_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(exited_at__isnull=True) | models.Q(exited_at__gte=models.F("entered_at")),
                name="mobility_stay_exit_after_entry",
            )
        ]

    def __str__(self) -> str:
        return f"{self.destination} {self.entered_at:%Y-%m-%d}–{self.exited_at or '…'}"

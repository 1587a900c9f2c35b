"""Reference tables, loaded from the version-controlled files in `data/`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from talentbridge.core.models import TrilingualName


class Jurisdiction(TrilingualName):
    """Guangdong (mainland), Hong Kong SAR or Macao SAR."""

    code = models.CharField(max_length=8, unique=True)

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        ordering = ["code"]


class City(TrilingualName):
    """One of the eleven GBA cities: the nine in Guangdong plus Hong Kong and Macao."""

    code = models.CharField(max_length=16, unique=True)
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="cities")
    is_mainland = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["code"]


class SpecialZone(TrilingualName):
    """A cooperation zone with rules of its own (Qianhai, Hengqin, Nansha, Huangpu, Hetao)."""

    code = models.CharField(max_length=16, unique=True)
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="zones")
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("special zone")
        verbose_name_plural = _("special zones")
        ordering = ["code"]


class ProfessionalField(TrilingualName):
    """A field of professional practice, e.g. legal services or construction."""

    code = models.CharField(max_length=32, unique=True)

    class Meta:
        verbose_name = _("professional field")
        verbose_name_plural = _("professional fields")
        ordering = ["code"]


class Profession(TrilingualName):
    """A regulated profession within a field, e.g. lawyer or structural engineer."""

    code = models.CharField(max_length=48, unique=True)
    field = models.ForeignKey(ProfessionalField, on_delete=models.PROTECT, related_name="professions")

    class Meta:
        verbose_name = _("profession")
        verbose_name_plural = _("professions")
        ordering = ["code"]


class IdentityDocumentType(TrilingualName):
    """A kind of identity or travel document, and the jurisdiction that issues it."""

    code = models.CharField(max_length=32, unique=True)
    issued_by = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="document_types")

    class Meta:
        verbose_name = _("identity document type")
        verbose_name_plural = _("identity document types")
        ordering = ["code"]


class Authority(TrilingualName):
    """A competent authority or registration body that reviews or verifies applications."""

    class Kind(models.TextChoices):
        JUSTICE = "justice", _("Justice department")
        HOUSING = "housing", _("Housing and construction department")
        NATURAL_RESOURCES = "natural_resources", _("Natural resources department")
        HEALTH = "health", _("Health authority")
        HUMAN_RESOURCES = "human_resources", _("Human resources and social security")
        EXIT_ENTRY = "exit_entry", _("Exit-entry administration")
        SOCIAL_INSURANCE = "social_insurance", _("Social insurance fund")
        TOURISM = "tourism", _("Tourism authority")
        TAX = "tax", _("Tax authority")
        REGISTRATION_BODY = "registration_body", _("Professional registration body")
        LABOUR = "labour", _("Labour department")

    code = models.CharField(max_length=32, unique=True)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, related_name="authorities")
    city = models.ForeignKey(City, null=True, blank=True, on_delete=models.PROTECT, related_name="authorities")
    fields = models.ManyToManyField(ProfessionalField, blank=True, related_name="authorities")

    class Meta:
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")
        ordering = ["code"]


class CalendarDay(models.Model):
    """A public holiday, or a weekend day worked instead (调休), in one jurisdiction."""

    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.CASCADE, related_name="calendar_days")
    date = models.DateField()
    is_workday = models.BooleanField(default=False)
    label = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["jurisdiction", "date"]
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "date"], name="one_entry_per_day")]

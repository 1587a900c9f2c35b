"""Synthetic persons for simulation and load: who they are, their licences, their contribution history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from talentbridge.core.choices import text_choices
from talentbridge.vocabulary import EDUCATION, NO_PROFESSIONAL_TITLE, PROFESSIONAL_TITLE, SEX, SOCIAL_SECURITY_SYSTEM


class PopulationRun(models.Model):
    """One call of `generate_population`: its seed and size; every generated row points back to it."""

    seed = models.BigIntegerField()
    persons = models.PositiveIntegerField()
    applications_share = models.FloatField()
    as_of = models.DateField(help_text="The date ages, years of practice and case timelines are computed against.")
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"population run {self.pk} (seed {self.seed}, {self.persons} persons)"


# The vocabulary's concepts as Django choices. A contribution period names the social security system it was
# paid into (Guangdong's, the MPF, Macao's fund); the insurance scheme of a record is `insurance.Scheme`.
Sex = text_choices("Sex", SEX, module=__name__)
Education = text_choices("Education", EDUCATION, module=__name__)
ProfessionalTitle = text_choices("ProfessionalTitle", PROFESSIONAL_TITLE, module=__name__)
SocialSecuritySystem = text_choices("SocialSecuritySystem", SOCIAL_SECURITY_SYSTEM, module=__name__)


class Person(models.Model):
    """A synthetic resident of Hong Kong, Macao or the mainland working in the Greater Bay Area."""

    run = models.ForeignKey(PopulationRun, on_delete=models.CASCADE, related_name="people")
    number = models.PositiveIntegerField(help_text="Position within the run; same seed, same number, same person.")
    residence = models.CharField(_("residence"), max_length=2)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    education = models.CharField(_("education"), max_length=12, choices=Education.choices)
    professional_title = models.CharField(
        _("professional title"), max_length=20, choices=ProfessionalTitle.choices, default=NO_PROFESSIONAL_TITLE
    )
    work_city = models.ForeignKey("reference.City", on_delete=models.PROTECT, related_name="+", db_index=False)
    employer = models.ForeignKey(
        "accounts.Organisation", null=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    monthly_wage = models.DecimalField(_("monthly wage (CNY)"), max_digits=10, decimal_places=2)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="synthetic_person"
    )

    class Meta:
        ordering = ["run", "number"]

    def __str__(self) -> str:
        return f"person {self.number} of run {self.run_id}"


class Licence(models.Model):
    """A professional licence held by a person: which profession, issued by whom, since when."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="licences")
    profession = models.ForeignKey("reference.Profession", on_delete=models.PROTECT, related_name="+", db_index=False)
    issuing_body = models.ForeignKey("reference.Authority", on_delete=models.PROTECT, related_name="+", db_index=False)
    number = models.CharField(max_length=40)
    issued_on = models.DateField()
    years_of_practice = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["person", "issued_on"]


class ContributionPeriod(models.Model):
    """A stretch of social security contributions in one city and scheme; `end` is empty while it lasts."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contributions")
    city = models.ForeignKey("reference.City", on_delete=models.PROTECT, related_name="+", db_index=False)
    scheme = models.CharField(max_length=16, choices=SocialSecuritySystem.choices)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    monthly_wage = models.DecimalField(
        _("monthly contribution wage"),
        max_digits=10,
        decimal_places=2,
        help_text="In the scheme's currency: CNY for Guangdong, HKD for the MPF, MOP for the Macao fund.",
    )

    class Meta:
        ordering = ["person", "start"]

"""Synthetic persons for simulation and load: who they are, their licences, their contribution history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class Education(models.TextChoices):
    SECONDARY = "secondary", _("Secondary")
    SUB_DEGREE = "sub_degree", _("Sub-degree")
    BACHELOR = "bachelor", _("Bachelor's degree")
    MASTER = "master", _("Master's degree")
    DOCTORATE = "doctorate", _("Doctorate")


class ProfessionalTitle(models.TextChoices):
    """Mainland professional and technical titles (职称); HK and Macao residents usually hold none."""

    NONE = "", _("None")
    JUNIOR = "junior", _("Junior (初级)")
    INTERMEDIATE = "intermediate", _("Intermediate (中级)")
    ASSOCIATE_SENIOR = "associate_senior", _("Associate senior (副高)")
    SENIOR = "senior", _("Senior (正高)")


class Scheme(models.TextChoices):
    """The social security scheme a contribution period was paid into."""

    GD_EMPLOYEE = "gd_employee", _("Guangdong employee social insurance (five insurances)")
    GD_FLEXIBLE = "gd_flexible", _("Guangdong flexible-employment pension and medical insurance")
    HK_MPF = "hk_mpf", _("Hong Kong Mandatory Provident Fund")
    MO_FSS = "mo_fss", _("Macao Social Security Fund")


class Person(models.Model):
    """A synthetic resident of Hong Kong, Macao or the mainland working in the Greater Bay Area."""

    run = models.ForeignKey(PopulationRun, on_delete=models.CASCADE, related_name="people")
    number = models.PositiveIntegerField(help_text="Position within the run; same seed, same number, same person.")
    residence = models.CharField(_("residence"), max_length=2)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    education = models.CharField(_("education"), max_length=12, choices=Education.choices)
    professional_title = models.CharField(
        _("professional title"), max_length=20, choices=ProfessionalTitle.choices, blank=True
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
    scheme = models.CharField(max_length=16, choices=Scheme.choices)
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

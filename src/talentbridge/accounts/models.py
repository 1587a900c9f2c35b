"""People who use the platform, the organisations they act for, and machine-client tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    ORGANISATION_STAFF = "organisation_staff", _("Organisation staff")
    REVIEWER = "reviewer", _("Reviewer")
    POLICY_OFFICER = "policy_officer", _("Policy officer")
    ANALYST = "analyst", _("Analyst")
    ADMINISTRATOR = "administrator", _("Administrator")


class Residence(models.TextChoices):
    HONG_KONG = "HK", _("Hong Kong resident")
    MACAO = "MO", _("Macao resident")
    MAINLAND = "GD", _("Mainland resident")


class Organisation(models.Model):
    """An employer, university, research institute, hospital, incubator or training institution."""

    class Kind(models.TextChoices):
        EMPLOYER = "employer", _("Employer")
        UNIVERSITY = "university", _("University")
        RESEARCH_INSTITUTE = "research_institute", _("Research institute")
        HOSPITAL = "hospital", _("Hospital")
        INCUBATOR = "incubator", _("Incubator")
        TRAINING_INSTITUTION = "training_institution", _("Training institution")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    city = models.ForeignKey("reference.City", on_delete=models.PROTECT, related_name="organisations")
    unified_social_credit_code = models.CharField(_("registration number"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.ADMINISTRATOR)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with an e-mail address and acts in exactly one role."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=24, choices=Role.choices, default=Role.APPLICANT)
    residence = models.CharField(_("residence"), max_length=2, choices=Residence.choices, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, default="en")
    authority = models.ForeignKey(
        "reference.Authority", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    email_confirmed_at = models.DateTimeField(null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]
    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="reviewer") | models.Q(authority__isnull=False),
                name="reviewer_has_authority",
            ),
            models.CheckConstraint(
                condition=~models.Q(role="organisation_staff") | models.Q(organisation__isnull=False),
                name="organisation_staff_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name


class ApiToken(models.Model):
    """A bearer token for a machine client; only a hash of the secret is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

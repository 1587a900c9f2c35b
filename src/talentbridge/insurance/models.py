"""Contribution records of HK/Macao residents insured in Guangdong, exemptions, imports and benefit awards."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from talentbridge.core.choices import term_label
from talentbridge.core.models import stored_text
from talentbridge.vocabulary import BENEFIT, INSURANCE_SCHEME

# Macao residents in Macao's first-tier social security may opt out of these (Order No. 41, Art. 9).
from talentbridge.vocabulary import EXEMPTIBLE_SCHEMES as EXEMPTIBLE_SCHEMES


class Scheme(models.TextChoices):
    """The insurance scheme (险种) a contribution record is for: the vocabulary's, with its labels.

    Members are spelled out for the code that names them; tests/test_vocabulary.py holds them equal to it.
    """

    PENSION = "pension", term_label(INSURANCE_SCHEME["pension"])
    UNEMPLOYMENT = "unemployment", term_label(INSURANCE_SCHEME["unemployment"])
    WORK_INJURY = "work_injury", term_label(INSURANCE_SCHEME["work_injury"])
    MEDICAL = "medical", term_label(INSURANCE_SCHEME["medical"])
    MATERNITY = "maternity", term_label(INSURANCE_SCHEME["maternity"])


def reason_text(reason: str | dict[str, Any]) -> str:
    """A stored rejection reason in the active language (stored as a msgid with its values: core.models.stored_text)."""
    return stored_text(reason)


class ContributionImport(models.Model):
    """One contribution file sent by an employer or a fund: who sent it, its hash, and what became of its rows.

    An import belongs to its importer: the idempotency key is (importer, SHA-256), so the same bytes
    sent by someone else are their own import, never a view of this one.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contribution_imports"
    )
    original_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=4)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    stored_path = models.CharField(max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(_("rows read"), default=0)
    rows_accepted = models.PositiveIntegerField(_("rows accepted"), default=0)
    rows_duplicate = models.PositiveIntegerField(_("rows already recorded"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    # At most REPORT_LIMIT rejected rows are kept with their reasons; the counts are always complete.
    rejected = models.JSONField(_("rejected rows"), default=list, blank=True)
    error = models.TextField(blank=True)
    # Why the attempt failed as a msgid with its values (see `reason_text`) and the attempt it is about,
    # read in the reader's language; `error` keeps the words of the run's language (for reports stored
    # before, and for a failure written elsewhere, e.g. a worker found dead).
    error_reason = models.JSONField(null=True, blank=True, default=None)
    # Each run of the task carries the attempt it was started for; a retry starts a new attempt, so a
    # worker left over from an earlier one finds itself superseded and stops writing.
    attempt = models.PositiveIntegerField(default=1)
    # The background task of the current attempt, to tell a task that ended (its worker died) from one that waits.
    task_id = models.CharField(max_length=64, blank=True)
    progress = models.ForeignKey(
        "core.TaskProgress", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["uploaded_by", "sha256"], name="insurance_import_per_importer"),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def retriable(self) -> bool:
        """Failed for a cause a new attempt may overcome: not the file itself (its format or its header)."""
        stored = self.error_reason
        file_fault = isinstance(stored, dict) and stored.get("attempt") == self.attempt and stored.get("file")
        return self.status == self.Status.FAILED and not file_fault

    def error_text(self) -> str:
        """Why the import failed, in the active language."""
        stored = self.error_reason
        if isinstance(stored, dict) and stored.get("attempt") == self.attempt and stored.get("reason"):
            return reason_text(stored["reason"])
        return reason_text(self.error)

    def rejected_rows(self) -> list[dict[str, Any]]:
        """The kept rejected rows with their reasons in the active language."""
        return [
            {
                "row": entry.get("row"),
                "person": entry.get("person", ""),
                "reasons": [reason_text(reason) for reason in entry.get("reasons", [])],
            }
            for entry in self.rejected or []
        ]


class ContributionPeriod(models.Model):
    """A stretch of monthly contributions to one scheme in one city; `end_month` empty while it lasts.

    Months are stored as the first day of the month; both ends are inclusive.
    """

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contribution_periods")
    scheme = models.CharField(_("scheme"), max_length=16, choices=Scheme.choices)
    jurisdiction = models.ForeignKey("reference.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    city = models.ForeignKey("reference.City", on_delete=models.PROTECT, related_name="+")
    employer_name = models.CharField(_("employer"), max_length=200)
    employer_code = models.CharField(_("employer code"), max_length=32, blank=True)
    start_month = models.DateField(_("first month"))
    end_month = models.DateField(_("last month"), null=True, blank=True)
    monthly_wage = models.DecimalField(_("monthly contribution wage"), max_digits=10, decimal_places=2)
    source_import = models.ForeignKey(
        ContributionImport, null=True, blank=True, on_delete=models.PROTECT, related_name="periods"
    )

    class Meta:
        ordering = ["person", "scheme", "start_month"]
        constraints = [
            # Row identity: one period per person, scheme and first month (overlaps are refused before).
            models.UniqueConstraint(fields=["person", "scheme", "start_month"], name="insurance_period_identity"),
            models.CheckConstraint(
                condition=models.Q(end_month__isnull=True) | models.Q(end_month__gte=models.F("start_month")),
                name="insurance_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.scheme} {self.start_month:%Y-%m}–{self.end_month or '…'}"


class Exemption(models.Model):
    """A Macao resident covered by Macao's first-tier social security, exempt from mainland pension and unemployment."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="insurance_exemptions")
    evidence = models.CharField(
        _("evidence"), max_length=200, help_text=_("Macao Social Security Fund certificate number")
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.person_id} exempt from {self.valid_from}"


class BenefitAward(models.Model):
    """A benefit granted on a claim, computed by the rules kernel, with the rule-set version used."""

    class Benefit(models.TextChoices):
        """The vocabulary's benefits (tests/test_vocabulary.py holds them equal)."""

        PENSION = "pension", term_label(BENEFIT["pension"])
        UNEMPLOYMENT = "unemployment", term_label(BENEFIT["unemployment"])
        WORK_INJURY = "work_injury", term_label(BENEFIT["work_injury"])
        LUMP_SUM = "lump_sum", term_label(BENEFIT["lump_sum"])

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="benefit_awards")
    benefit = models.CharField(_("benefit"), max_length=16, choices=Benefit.choices)
    city = models.ForeignKey("reference.City", on_delete=models.PROTECT, related_name="+")
    # A case's reference, not a foreign key: insurance sits below casework.
    case_reference = models.CharField(_("case reference"), max_length=40, unique=True)
    amounts = models.JSONField(_("amounts"), default=dict)
    total = models.DecimalField(_("total or monthly amount"), max_digits=12, decimal_places=2)
    determination = models.ForeignKey("policy.Determination", on_delete=models.PROTECT, related_name="+")
    rule_set = models.ForeignKey("policy.RuleSetVersion", on_delete=models.PROTECT, related_name="+")
    periods_ended = models.PositiveIntegerField(default=0)
    awarded_at = models.DateTimeField()
    # Set when the claim's approval is revoked: the award is no longer paid, nor counted as granted.
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-awarded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.benefit} {self.case_reference}"

    @property
    def in_force(self) -> bool:
        """The one rule of an award's validity: granted and not revoked (see `selectors.awards_in_force`)."""
        return self.revoked_at is None

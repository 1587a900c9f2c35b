"""Forms of the insurance pages: contribution upload, estimate inputs, benefit claim."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from talentbridge import vocabulary
from talentbridge.casework.requirements import documents_required, missing_documents_message
from talentbridge.casework.workflow import DocumentSpec, get_workflow
from talentbridge.core import clock
from talentbridge.core.choices import choices
from talentbridge.core.errors import InvalidInput
from talentbridge.insurance.retirement import Category
from talentbridge.insurance.services import CLAIM_KIND, month_parse
from talentbridge.reference.models import City
from talentbridge.web.fields import ChoiceField, MonthInput, TypedChoiceField

CATEGORY_CHOICES = [
    (Category.MAN.value, _("Man (60, rising to 63)")),
    (Category.FEMALE_CADRE.value, _("Woman, cadre (55, rising to 58)")),
    (Category.FEMALE_WORKER.value, _("Woman, worker (50, rising to 55)")),
]
GRADE_CHOICES = [(grade, str(grade)) for grade in vocabulary.DISABILITY_GRADES]
BENEFIT_CHOICES = choices(vocabulary.BENEFIT)


# A birth month a person can have: from 1900 on, and at least 16 years ago (the working age).
EARLIEST_BIRTH_YEAR = 1900
WORKING_AGE = 16
BIRTH_IN_FUTURE = _("This month is still to come: enter the month you were born.")
BIRTH_TOO_EARLY = _("Enter a birth month from %(year)s on.")
BIRTH_TOO_RECENT = _("Enter a birth month at least 16 years ago: social insurance covers people aged 16 or over.")


class MonthField(forms.CharField):
    """A month written YYYY-MM (the `month` input of browsers), as the first day of that month."""

    widget = MonthInput

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        text = super().to_python(value)
        try:
            return month_parse(text, field="month")
        except InvalidInput as exc:
            raise forms.ValidationError(exc.details["month"]) from exc


class BirthMonthField(MonthField):
    """A person's birth month: past, from `earliest_year` on (1900), and of someone aged 16 or over today."""

    def __init__(self, *, earliest_year: int = EARLIEST_BIRTH_YEAR, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.earliest_year = earliest_year

    def validate(self, value: Any) -> None:
        super().validate(value)
        if not isinstance(value, dt.date):
            return
        today = clock.today()
        if value > today:
            raise forms.ValidationError(BIRTH_IN_FUTURE, code="future")
        if value.year < self.earliest_year:
            raise forms.ValidationError(BIRTH_TOO_EARLY, code="too_early", params={"year": self.earliest_year})
        if value > dt.date(today.year - WORKING_AGE, today.month, 1):
            raise forms.ValidationError(BIRTH_TOO_RECENT, code="too_recent")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Contribution file (CSV or XLSX)"),
        help_text=_("The first row names the columns listed above; months are written YYYY-MM."),
    )


class EstimateForm(forms.Form):
    # From 1930 on, as the estimate API asks (`api.routers.insurance`).
    birth_month = BirthMonthField(label=_("Birth month"), earliest_year=1930)
    category = ChoiceField(label=_("Retirement category"), choices=CATEGORY_CHOICES)
    retirement_month = MonthField(
        label=_("Retirement month"),
        required=False,
        help_text=_("Leave empty for the statutory age after the 2025 reform."),
    )
    disability_grade = TypedChoiceField(
        label=_("Disability grade for the work-injury estimate"), choices=GRADE_CHOICES, coerce=int, initial=10
    )
    employer_arranges_work = forms.BooleanField(label=_("The employer would arrange suitable work"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        birth, retirement = data.get("birth_month"), data.get("retirement_month")
        if (
            birth
            and retirement
            and not 40 * 12 <= (retirement.year - birth.year) * 12 + retirement.month - birth.month <= 70 * 12
        ):
            self.add_error("retirement_month", _("Choose a retirement month between the ages of 40 and 70."))
        return data


class ClaimForm(forms.Form):
    benefit = ChoiceField(label=_("Benefit"), choices=BENEFIT_CHOICES, widget=forms.RadioSelect)
    city = ChoiceField(label=_("City of insurance"), choices=())
    insurance_number = forms.CharField(label=_("Social insurance number"), max_length=30)
    payment_option = ChoiceField(
        label=_("Unemployment: payment"),
        choices=[("monthly", _("Monthly benefit")), ("one_off", _("One-off payment"))],
        required=False,
    )
    involuntary_job_loss = forms.BooleanField(label=_("Unemployment: I lost my job involuntarily"), required=False)
    registered_as_job_seeker = forms.BooleanField(
        label=_("Unemployment: I am registered as a job seeker"), required=False
    )
    disability_grade = TypedChoiceField(
        label=_("Work injury: disability grade"),
        choices=[("", "—"), *GRADE_CHOICES],
        coerce=int,
        required=False,
        empty_value=None,
    )
    employer_arranges_work = forms.BooleanField(
        label=_("Work injury: my employer arranges suitable work"), required=False
    )
    birth_month = BirthMonthField(label=_("Pension: birth month"), required=False)
    retirement_category = ChoiceField(
        label=_("Pension: retirement category"), choices=[("", "—"), *CATEGORY_CHOICES], required=False
    )
    confirm_end = forms.BooleanField(
        label=_("Lump sum: I understand that my contribution periods end and my account is closed."), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cities = [(c.code, c.name) for c in City.objects.filter(is_mainland=True).order_by("pk")]
        self.fields["city"].choices = cities  # type: ignore[attr-defined]
        # One file per document the claim workflow requires; which are needed depends on the benefit.
        benefits = dict(BENEFIT_CHOICES)
        for spec in self.document_specs():
            needed_for = [str(benefits.get(value, value)) for value in spec.when.get("benefit", ())]
            self.fields[f"document_{spec.code}"] = forms.FileField(
                label=spec.localized_label(),
                required=False,
                help_text=(
                    _("Needed for: %(benefits)s. PDF, JPEG or PNG, at most 10 MB.")
                    % {"benefits": ", ".join(needed_for)}
                    if needed_for
                    else _("Needed for every claim. PDF, JPEG or PNG, at most 10 MB.")
                ),
            )

    @staticmethod
    def document_specs() -> tuple[DocumentSpec, ...]:
        return get_workflow(CLAIM_KIND).documents

    def documents(self) -> list[tuple[Any, str, str, str]]:
        """The files sent for the chosen benefit, as (stream, name, title, document type) for casework."""
        payload = {"benefit": self.cleaned_data.get("benefit", "")}
        attached = []
        for spec in self.document_specs():
            upload = self.cleaned_data.get(f"document_{spec.code}")
            if upload is not None and spec.applies(payload):
                attached.append((upload, upload.name or spec.code, spec.localized_label(), spec.code))
        return attached

    def clean(self) -> dict[str, Any]:
        """Every document the chosen benefit needs and lacks: at its field, and named in one notice above.

        The documents and the notice are casework's (`documents_required`, `missing_documents_message`),
        as the claim service checks them at submission.
        """
        data = super().clean() or {}
        required = documents_required(kind=CLAIM_KIND, payload={"benefit": data.get("benefit", "")})
        missing = [
            document
            for document in required
            if f"document_{document.code}" in self.fields and not data.get(f"document_{document.code}")
        ]
        for document in missing:
            self.add_error(f"document_{document.code}", _("Attach this document: the fund needs it for this claim."))
        if missing:
            self.add_error(None, missing_documents_message(missing))
        return data

    def claim(self) -> dict[str, Any]:
        """The answers as the claim service takes them (what each benefit needs is the service's rule)."""
        data = self.cleaned_data
        return {
            "benefit": data.get("benefit", ""),
            "city": data.get("city", ""),
            "insurance_number": data.get("insurance_number", ""),
            "payment_option": data.get("payment_option") or "",
            "involuntary_job_loss": bool(data.get("involuntary_job_loss")),
            "registered_as_job_seeker": bool(data.get("registered_as_job_seeker")),
            "disability_grade": data.get("disability_grade"),
            "employer_arranges_work": bool(data.get("employer_arranges_work")),
            "birth_month": data.get("birth_month"),
            "retirement_category": data.get("retirement_category") or "",
            "confirm_end": bool(data.get("confirm_end")),
        }

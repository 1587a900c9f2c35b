"""Forms of the mobility pages: checker, attestations, applying for an endorsement, logging stays."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from talentbridge import vocabulary
from talentbridge.accounts.models import Organisation
from talentbridge.casework.requirements import RequiredDocument, missing_documents_message
from talentbridge.core import clock
from talentbridge.core.choices import choices
from talentbridge.mobility.models import Destination, EmployerAttestation, ProfessionalTitle, TalentCategory
from talentbridge.web.fields import (
    ChoiceField,
    DateField,
    DateTimeLocalField,
    ModelChoiceField,
    RecordIdField,
    TypedChoiceField,
)

HETAO_PARK_LABEL = _("I work in the Hetao Shenzhen Park")
HETAO_FILED_LABEL = _("I have filed with the Hetao Shenzhen Park's management")


def hetao_fields() -> dict[str, forms.BooleanField]:
    """The two Hetao Shenzhen Park questions, asked alike by the checker and the application."""
    return {
        "works_in_hetao_shenzhen_park": forms.BooleanField(label=HETAO_PARK_LABEL, required=False),
        "filed_with_hetao_park_management": forms.BooleanField(label=HETAO_FILED_LABEL, required=False),
    }


class EndorsementCheckForm(forms.Form):
    category = ChoiceField(label=_("Talent category"), choices=[*TalentCategory.choices, ("none", _("None of these"))])
    holds_valid_eep = forms.BooleanField(label=_("I hold a valid Exit-Entry Permit (EEP)"), required=False)
    work_city = ChoiceField(label=_("Work city"), choices=choices(vocabulary.MAINLAND_CITY))
    works_in_hetao_shenzhen_park = hetao_fields()["works_in_hetao_shenzhen_park"]
    filed_with_hetao_park_management = hetao_fields()["filed_with_hetao_park_management"]
    on = DateField(label=_("Date"), initial=clock.today)


ATTESTATION_NOT_FOUND = _("This attestation is not in your queue, so nothing was decided.")


class AttestationChoiceForm(forms.Form):
    """Which attestation of the queue a decision is about (each row's form sends its id)."""

    attestation = RecordIdField(
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), ATTESTATION_NOT_FOUND)
    )


class AttestationDecisionForm(forms.Form):
    decision = ChoiceField(label=_("Decision"), choices=[("confirm", _("Confirm")), ("refuse", _("Refuse"))])
    reasons = forms.CharField(
        label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class AttestationRequestForm(forms.Form):
    organisation = ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name", "pk"), empty_label=_("Choose…")
    )
    job_title = forms.CharField(label=_("Job title"), max_length=120)
    professional_title = ChoiceField(label=_("Professional title"), choices=ProfessionalTitle.choices)
    employed_since = DateField(label=_("Employed since"))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files; cleans to a list."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            if not data:
                return [single(None, initial)] if self.required else []
            return [single(item, initial) for item in data]
        cleaned = single(data, initial)
        return [cleaned] if cleaned else []


# No talent category: the Hetao Shenzhen Park route (staff who have filed with the park's management).
HETAO_ROUTE = vocabulary.NO_TALENT_CATEGORY.code
APPLY_CATEGORIES: list[tuple[str, Any]] = [
    *TalentCategory.choices,
    (HETAO_ROUTE, _("None of these: Hetao Shenzhen Park staff filed with the park's management")),
]


class EndorsementApplyForm(forms.Form):
    category = ChoiceField(label=_("Talent category"), choices=APPLY_CATEGORIES)
    destination = ChoiceField(label=_("Destination"), choices=Destination.choices)
    work_city = ChoiceField(label=_("Work city"), choices=choices(vocabulary.MAINLAND_CITY))
    works_in_hetao_shenzhen_park = hetao_fields()["works_in_hetao_shenzhen_park"]
    filed_with_hetao_park_management = hetao_fields()["filed_with_hetao_park_management"]
    authority = ChoiceField(
        label=_("Exit-entry office"),
        required=False,
        help_text=_("Leave empty to apply at your work city's office; outstanding talents may choose any office."),
    )
    employer_attestation = TypedChoiceField(label=_("Employer attestation"), coerce=int)
    eep_number = forms.CharField(label=_("Exit-Entry Permit number"), max_length=20)
    documents = MultipleFileField(
        label=_("Other documents (optional)"),
        required=False,
        help_text=_("PDF, JPEG or PNG, at most 10 MB each; you may select several files."),
    )

    def __init__(
        self,
        *args: Any,
        attestations: list[EmployerAttestation],
        offices: list[tuple[str, str]],
        required_documents: Sequence[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        """`required_documents`: (code, name) of each document the category needs, one file field each."""
        super().__init__(*args, **kwargs)
        extra = self.fields.pop("documents")
        for code, name in required_documents:
            # Not required one by one: a missing document is named in the form's one notice (`clean`).
            self.fields[f"document_{code}"] = forms.FileField(
                label=name, required=False, help_text=_("PDF, JPEG or PNG, at most 10 MB.")
            )
        self.fields["documents"] = extra
        self.required_documents = list(required_documents)
        self.fields["authority"].choices = [("", _("My work city's office")), *offices]  # type: ignore[attr-defined]
        self.fields["employer_attestation"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose…")),
            *[(a.pk, f"{a.organisation.name} — {a.job_title} ({a.get_status_display()})") for a in attestations],
        ]

    def clean(self) -> dict[str, Any]:
        """Every required document not given is named in one notice above the form (casework's wording)."""
        cleaned = super().clean() or {}
        missing = [
            RequiredDocument(code=code, label=str(name))
            for code, name in self.required_documents
            if f"document_{code}" not in self.errors and not cleaned.get(f"document_{code}")
        ]
        if missing:
            self.add_error(None, missing_documents_message(missing))
        return cleaned

    def typed_documents(self) -> list[tuple[Any, str]]:
        """(file, code) of each required document given, in the order they are asked for."""
        return [(self.cleaned_data[f"document_{code}"], code) for code, _name in self.required_documents]


class StayEntryForm(forms.Form):
    destination = ChoiceField(label=_("Destination"))
    entered_at = DateTimeLocalField(label=_("Entered at"))

    def __init__(self, *args: Any, destinations: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(choices(vocabulary.STAY_DESTINATION))
        self.fields["destination"].choices = [(d, labels[d]) for d in destinations]  # type: ignore[attr-defined]


class StayExitForm(forms.Form):
    exited_at = DateTimeLocalField(label=_("Left at"))

"""Forms of the mobility pages: checker, attestations, applying for an endorsement, logging stays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from talentbridge import vocabulary
from talentbridge.accounts.models import Organisation
from talentbridge.casework.documents import sniff_content_type
from talentbridge.casework.requirements import RequiredDocument, missing_documents_message
from talentbridge.core import clock
from talentbridge.core.choices import choices
from talentbridge.core.errors import InvalidInput
from talentbridge.mobility.models import Destination, EmployerAttestation, ProfessionalTitle, TalentCategory
from talentbridge.mobility.services import confirmed_attestation
from talentbridge.rules.situation import FIRST_YEAR, LAST_YEAR
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

    def clean_on(self) -> dt.date:
        """Only a day the rulebook can be asked about (`FIRST_YEAR` to `LAST_YEAR`), refused in words."""
        day: dt.date = self.cleaned_data["on"]
        first, last = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
        if not first <= day <= last:
            raise forms.ValidationError(
                _("Enter a date from %(first)s to %(last)s.")
                % {"first": date_format(first, "DATE_FORMAT"), "last": date_format(last, "DATE_FORMAT")}
            )
        return day


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


# The documents one category asks for, given the Hetao Shenzhen Park answer: (code, name) of each.
DocumentsFor = Callable[[str, bool], Sequence[tuple[str, str]]]
FILE_HINT = _("PDF, JPEG or PNG, at most 10 MB.")
NOT_A_DOCUMENT = _("The file is not a PDF, JPEG or PNG document.")
TOO_LARGE = _("The file is larger than 10 MB.")
NO_CONFIRMED_ATTESTATION = _(
    "None of your employer attestations is confirmed yet: ask your employer to confirm one, then apply."
)


def document_refusal(upload: Any) -> str:
    """Why an uploaded file is not accepted as a document ("" when it is): casework's rule, checked here so
    that the form reports it on its field with every other fault."""
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        return str(TOO_LARGE)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return "" if sniff_content_type(head) else str(NOT_A_DOCUMENT)


class AttestationField(TypedChoiceField):
    """One of the talent's attestations: only confirmed ones are offered, but any of theirs is accepted here so
    that the form can say precisely why a refused or waiting one cannot be used (`clean_employer_attestation`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.known: set[str] = set()

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.known or super().valid_value(value)


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
    employer_attestation = AttestationField(label=_("Employer attestation"), coerce=int)
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
        documents_for: DocumentsFor,
        talent_id: int,
        **kwargs: Any,
    ) -> None:
        """`documents_for(category, works_in_hetao_shenzhen_park)`: the documents each category asks for. The
        form asks for the documents of every category, each saying which categories need it, so that choosing
        a category never costs a round; only the chosen category's are required."""
        super().__init__(*args, **kwargs)
        self.documents_for, self.talent_id = documents_for, talent_id
        extra = self.fields.pop("documents")
        for code, (name, categories) in self._every_document().items():
            self.fields[f"document_{code}"] = forms.FileField(
                label=name, required=False, help_text=self._needed_by(categories)
            )
        self.fields["documents"] = extra
        self.fields["authority"].choices = [("", _("My work city's office")), *offices]  # type: ignore[attr-defined]
        field = self.fields["employer_attestation"]
        assert isinstance(field, AttestationField)
        confirmed = [a for a in attestations if a.status == EmployerAttestation.Status.CONFIRMED]
        field.known = {str(a.pk) for a in attestations}
        field.choices = [("", _("Choose…")), *[(a.pk, f"{a.organisation.name} — {a.job_title}") for a in confirmed]]
        if not confirmed:
            field.help_text = NO_CONFIRMED_ATTESTATION

    def _every_document(self) -> dict[str, tuple[str, list[str]]]:
        """Each document any category asks for: its name and the categories (labels) that need it."""
        found: dict[str, tuple[str, list[str]]] = {}
        for code, label in APPLY_CATEGORIES:
            for doc_code, name in self.documents_for(code, code == HETAO_ROUTE):
                found.setdefault(doc_code, (name, []))[1].append(str(label))
        return found

    @staticmethod
    def _needed_by(categories: list[str]) -> str:
        if len(categories) == len(APPLY_CATEGORIES):
            return f"{_('Needed for every category.')} {FILE_HINT}"
        names = pgettext("list separator", ", ").join(categories)
        return f"{_('Needed for: %(categories)s.') % {'categories': names}} {FILE_HINT}"

    def clean_employer_attestation(self) -> Any:
        """A refused or still waiting attestation is refused with the reason (the service's own words)."""
        value = self.cleaned_data.get("employer_attestation")
        try:
            confirmed_attestation(attestation_id=value, talent_id=self.talent_id)
        except InvalidInput as error:
            raise forms.ValidationError(error.details["employer_attestation"]) from error
        return value

    def chosen_documents(self) -> list[tuple[str, str]]:
        """(code, name) of the documents the chosen category needs (none before a valid category)."""
        category = self.cleaned_data.get("category")
        if not category:
            return []
        return list(self.documents_for(category, bool(self.cleaned_data.get("works_in_hetao_shenzhen_park"))))

    def clean(self) -> dict[str, Any]:
        """Every fault at once: a file that is not a document on its field, the needed documents missing above."""
        cleaned = super().clean() or {}
        for name in [n for n in self.fields if n.startswith("document_")]:
            upload = cleaned.get(name)
            if upload and document_refusal(upload):
                self.add_error(name, document_refusal(upload))
        refused = [upload for upload in cleaned.get("documents") or [] if document_refusal(upload)]
        if refused and "documents" not in self.errors:
            self.add_error("documents", document_refusal(refused[0]))
        # Every needed document not given is named in one notice above the form (casework's wording).
        missing = [
            RequiredDocument(code=code, label=str(name))
            for code, name in self.chosen_documents()
            if f"document_{code}" not in self.errors and not cleaned.get(f"document_{code}")
        ]
        if missing:
            self.add_error(None, missing_documents_message(missing))
        return cleaned

    def typed_documents(self) -> list[tuple[Any, str]]:
        """(file, code) of each document the chosen category needs, in the order they are asked for."""
        return [(self.cleaned_data[f"document_{code}"], code) for code, _name in self.chosen_documents()]

    def other_documents(self) -> list[Any]:
        """Files attached under another category's document: kept as supporting documents, never dropped."""
        chosen = {code for code, _name in self.chosen_documents()}
        given = [self.cleaned_data.get(f"document_{code}") for code in self._every_document() if code not in chosen]
        return [upload for upload in given if upload]


class StayEntryForm(forms.Form):
    destination = ChoiceField(label=_("Destination"))
    entered_at = DateTimeLocalField(label=_("Entered at"))

    def __init__(self, *args: Any, destinations: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(choices(vocabulary.STAY_DESTINATION))
        self.fields["destination"].choices = [(d, labels[d]) for d in destinations]  # type: ignore[attr-defined]


class StayExitForm(forms.Form):
    exited_at = DateTimeLocalField(label=_("Left at"))

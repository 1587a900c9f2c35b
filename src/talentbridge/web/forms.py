"""Forms of the web face: accounts, applications, case actions, queue filters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from talentbridge.accounts.models import Residence
from talentbridge.casework.models import State
from talentbridge.casework.payload import allowed_values
from talentbridge.casework.workflow import PayloadField, Workflow, registry
from talentbridge.core.models import localized_name
from talentbridge.reference.models import Authority, City, Profession
from talentbridge.web.fields import ChoiceField, HiddenErrorsAbove
from talentbridge.web.labels import choice_label

BLANK = ("", "—")


class LoginForm(AuthenticationForm):
    """Sign in with e-mail address and password (the field stays `username` for django-axes)."""

    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    error_messages = {
        "invalid_login": _(
            "The e-mail address or password is not correct, or the account is not confirmed yet. "
            "Both fields are case-sensitive."
        ),
        "inactive": _("This account is not active. Confirm your e-mail address first."),
    }


class SignupForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    residence = ChoiceField(label=_("Where are you a resident?"), choices=[BLANK, *Residence.choices])
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only numbers and not a common password."),
    )
    password_again = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", _("The two passwords differ."))
        return data


def _payload_field(spec: PayloadField, payload: dict[str, Any]) -> forms.Field:
    """The form field of one payload field, offering only the values the rest of `payload` allows."""
    label = spec.localized_label()
    allowed = allowed_values(spec, payload)
    if spec.type == "integer":
        return forms.IntegerField(label=label, required=spec.required, min_value=spec.min, max_value=spec.max)
    if spec.type == "choice":
        choices = [BLANK, *((code, choice_label(code)) for code in spec.choices)]
        return ChoiceField(label=label, required=spec.required, choices=choices)
    if spec.type == "profession":
        rows = Profession.objects.order_by("code")
        rows = rows if allowed is None else rows.filter(code__in=allowed)
        professions = [(p.code, localized_name(p)) for p in rows]
        return ChoiceField(label=label, required=spec.required, choices=[BLANK, *professions])
    if spec.type == "mainland_city":
        places = City.objects.filter(is_mainland=True).order_by("code")
        places = places if allowed is None else places.filter(code__in=allowed)
        cities = [(c.code, localized_name(c)) for c in places]
        return ChoiceField(label=label, required=spec.required, choices=[BLANK, *cities])
    return forms.CharField(label=label, required=spec.required, max_length=spec.max_length)


class ApplicationForm(forms.Form):
    """A draft's editable data: the workflow's applicant fields, never the authority or platform-set fields."""

    def __init__(
        self,
        *args: Any,
        workflow: Workflow,
        document_types: Sequence[tuple[str, str]] = (),
        payload: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        """`payload`: the draft's data, whose platform-set fields (field, zone) narrow the choices offered."""
        super().__init__(*args, **kwargs)
        self.workflow = workflow
        for spec in workflow.applicant_fields:
            self.fields[spec.name] = _payload_field(spec, payload or {})
        self.fields["document"] = forms.FileField(
            label=_("Supporting document (PDF, JPEG or PNG, at most 10 MB)"), required=False
        )
        if document_types:
            self.fields["document_type"] = _document_type_field(list(document_types))
        self.fields["document_title"] = forms.CharField(label=_("Document title"), required=False, max_length=200)

    def as_draft(self) -> None:
        """A draft may leave fields empty; the service checks them all on submission."""
        for spec in self.workflow.applicant_fields:
            self.fields[spec.name].required = False

    def payload(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            spec.name: data.get(spec.name)
            for spec in self.workflow.applicant_fields
            if data.get(spec.name) not in (None, "")
        }


class VersionedForm(HiddenErrorsAbove, forms.Form):
    """Every case action carries the version it was shown at, so concurrent changes are caught."""

    expected_version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"),
            _("This form is out of date or incomplete: reload the page and try again."),
        ),
    )


class DecisionForm(VersionedForm):
    reason = forms.CharField(
        label=_("Reason or message"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when refusing, revoking or requesting information; the applicant sees it."),
    )

    def __init__(self, *args: Any, transitions: list[tuple[str, str]], verifiers: list[Authority], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["transition"] = ChoiceField(
            label=_("Action"),
            widget=forms.RadioSelect,
            choices=transitions,
            initial=transitions[0][0] if len(transitions) == 1 else None,  # the only action open is chosen already
            error_messages={
                "invalid_choice": _("This action is not open on this case now. Choose one of those listed.")
            },
        )
        self.order_fields(["expected_version", "transition", "reason"])
        if verifiers:
            self.fields["verifier"] = ChoiceField(
                label=_("Authority asked to verify"),
                required=False,
                choices=[BLANK, *((a.code, localized_name(a)) for a in verifiers)],
                initial=verifiers[0].code if len(verifiers) == 1 else "",
                help_text=_("Only for “Ask another authority to verify”."),
                error_messages={"invalid_choice": _("Choose one of the authorities listed.")},
            )


class ApplicantActionForm(VersionedForm):
    transition = ChoiceField(
        widget=forms.HiddenInput,
        choices=[("submit", "submit"), ("withdraw", "withdraw")],
        error_messages={"invalid_choice": _("This action is not open on this case now.")},
    )
    # Withdrawing cannot be undone: the box must be ticked, so a slip of the hand withdraws nothing.
    confirm = forms.BooleanField(label=_("I want to withdraw this application"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("transition") == "withdraw" and not data.get("confirm"):
            # said above the buttons, where the page says the form's refusals
            self.add_error(None, _("Tick the box to confirm that you want to withdraw the application."))
        return data


class ReplyForm(VersionedForm):
    reply = forms.CharField(label=_("Your reply"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    document = forms.FileField(label=_("Attach a document (optional)"), required=False)


def _document_type_field(document_types: list[tuple[str, str]]) -> ChoiceField:
    """Which of the case's required documents a file is; the first choice is any other document."""
    return ChoiceField(
        label=_("Which document is it?"),
        required=False,
        choices=[("", _("Another supporting document")), *document_types],
    )


class UploadForm(forms.Form):
    """One file for a case, named as one of its required documents or as another supporting one."""

    def __init__(self, *args: Any, document_types: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if document_types:
            self.fields["document_type"] = _document_type_field(list(document_types))
        self.fields["title"] = forms.CharField(
            label=_("Document title"),
            required=False,
            max_length=200,
            help_text=_("Leave it empty to use the document's name."),
        )
        self.fields["file"] = forms.FileField(label=_("File (PDF, JPEG or PNG, at most 10 MB)"))


class DocumentRemoveForm(HiddenErrorsAbove, forms.Form):
    """Take one document out of a draft: the box must be ticked, so a slip of the hand removes nothing."""

    document = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(
            ("required", "invalid"), _("This document is no longer on the case: reload the page and try again.")
        ),
    )
    confirm = forms.BooleanField(
        label=_("I want to remove this document from my draft"),
        error_messages={"required": _("Tick the box to confirm that you want to remove the document.")},
    )


class VerificationAnswerForm(VersionedForm):
    answer = ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=[("confirm", _("Confirm")), ("deny", _("Do not confirm"))],
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you do not confirm."),
    )


class QueueFilterForm(forms.Form):
    overdue = forms.BooleanField(label=_("Only overdue cases"), required=False)
    q = forms.CharField(label=_("Reference"), required=False, max_length=40)

    def __init__(self, *args: Any, authority_kind: str | None = None, **kwargs: Any) -> None:
        """`authority_kind`: the reviewer's authority, which decides some kinds of case only: only those
        kinds, and the states their cases reach once submitted (a draft is never in a queue), are offered."""
        super().__init__(*args, **kwargs)
        workflows = [w for w in registry().values() if authority_kind is None or authority_kind in w.authority_kinds]
        kinds = [("", _("All kinds")), *((w.kind, w.localized_label()) for w in workflows)]
        reached = {name for w in workflows for name in w.states} - {State.DRAFT}
        states = [(value, label) for value, label in State.choices if value in reached]
        self.fields["state"] = ChoiceField(label=_("State"), required=False, choices=[("", _("All states")), *states])
        self.fields["kind"] = ChoiceField(label=_("Kind"), required=False, choices=kinds)
        self.order_fields(["state", "kind", "overdue", "q"])

"""Forms of the practice pages: catalogue filters, the eligibility questions, apply, registrations, alerts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from talentbridge import vocabulary
from talentbridge.core.choices import choices
from talentbridge.practice import catalogue
from talentbridge.practice.selectors import REGISTER_STANDINGS
from talentbridge.reference.models import City
from talentbridge.web.fields import ISO_DATE, ChoiceField, DateField, HiddenErrorsAbove, RecordIdField


def _choices(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def _field_choices(blank: str | None = None) -> list[tuple[str, str]]:
    choices = [(code, catalogue.field_label(code)) for code in catalogue.FIELDS]
    return [("", blank), *choices] if blank else choices


def _zone_choices(blank: str | None = None) -> list[tuple[str, str]]:
    choices = [(code, capfirst(catalogue.zone_label(code))) for code in catalogue.ZONES]
    return [("", blank), *choices] if blank else choices


class PathwayFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    field = ChoiceField(label=_("Profession"), required=False)
    zone = ChoiceField(label=_("Where"), required=False)
    mechanism = ChoiceField(label=_("Mechanism"), required=False)
    on = DateField(label=_("In force on"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "field").choices = _field_choices(str(_("Any profession")))
        _choices(self, "zone").choices = _zone_choices(str(_("Anywhere")))
        _choices(self, "mechanism").choices = [("", _("Any mechanism"))] + [
            (code, catalogue.mechanism_label(code)) for code in catalogue.MECHANISMS
        ]


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class CheckForm(forms.Form):
    field = ChoiceField(label=_("Your profession"))
    zone = ChoiceField(label=_("Where you want to practise"), initial="nine_cities")
    home_jurisdiction = ChoiceField(label=_("Where you are registered"))
    holds_home_licence = ChoiceField(
        label=_("Do you hold a current home registration or licence?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        initial="yes",
    )
    years_of_practice = forms.DecimalField(
        label=_("Years of practice since admission or registration"), min_value=0, max_value=60, decimal_places=2
    )
    is_permanent_resident = ChoiceField(
        label=_("Are you a permanent resident of your home SAR?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        initial="yes",
    )
    is_chinese_citizen = ChoiceField(
        label=_("Are you a Chinese citizen?"), choices=YES_NO, widget=forms.RadioSelect, initial="yes"
    )
    has_disciplinary_record = ChoiceField(
        label=_("Do you have a disciplinary record?"), choices=YES_NO, widget=forms.RadioSelect, initial="no"
    )
    on = DateField(label=_("Date to check"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "field").choices = _field_choices()
        _choices(self, "zone").choices = _zone_choices()
        _choices(self, "home_jurisdiction").choices = [(code, catalogue.home_label(code)) for code in catalogue.HOMES]

    @staticmethod
    def initial_of(answers: Any) -> dict[str, Any]:
        """The form's values for answers already given (a stored check's), to show them again as given."""
        return {
            "field": answers.field,
            "zone": answers.zone,
            "home_jurisdiction": answers.home_jurisdiction,
            "years_of_practice": answers.years_of_practice,
            "on": answers.on,
            **{
                name: "yes" if getattr(answers, name) else "no"
                for name in (
                    "holds_home_licence",
                    "is_permanent_resident",
                    "is_chinese_citizen",
                    "has_disciplinary_record",
                )
            },
        }

    def answers_data(self, today: dt.date) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "field": data["field"],
            "zone": data["zone"],
            "home_jurisdiction": data["home_jurisdiction"],
            "years_of_practice": float(data["years_of_practice"]),
            "on": data.get("on") or today,
            **{
                name: data[name] == "yes"
                for name in (
                    "holds_home_licence",
                    "is_permanent_resident",
                    "is_chinese_citizen",
                    "has_disciplinary_record",
                )
            },
        }


CHECK_NOT_FOUND = _("This eligibility check was not found: check your eligibility again, then apply.")


class PathwayDayForm(forms.Form):
    """The day a pathway page shows (`?on=`), today when not given."""

    on = DateField(
        required=False, error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")}, input_formats=[ISO_DATE]
    )


class ApplyForm(HiddenErrorsAbove, forms.Form):
    """Apply from a check: the check is a hidden field, so its refusal is said above the form."""

    check = RecordIdField(
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), CHECK_NOT_FOUND),
    )
    profession = ChoiceField(label=_("Profession"), required=False)
    city = ChoiceField(label=_("City of practice"))
    licence_number = forms.CharField(label=_("Home licence number"), max_length=40)

    def __init__(self, *args: Any, practice_field: str = "", **kwargs: Any) -> None:
        """`practice_field`: the checked field; when it covers several professions the applicant picks one."""
        super().__init__(*args, **kwargs)
        cities = City.objects.filter(is_mainland=True).order_by("code")
        _choices(self, "city").choices = [(c.code, c.name) for c in cities]
        professions = [term for term in vocabulary.PROFESSION if term.practice_field == practice_field]
        if len(professions) > 1:
            _choices(self, "profession").choices = [("", "—"), *choices(professions)]
            self.fields["profession"].required = True
        else:
            del self.fields["profession"]


class ReasonForm(forms.Form):
    action = ChoiceField(
        widget=forms.HiddenInput,
        choices=[("suspend", "suspend"), ("reinstate", "reinstate"), ("revoke", "revoke")],
        error_messages={"invalid_choice": _("This action is not open on this registration.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("A reason is required.")},
    )
    # Revoking cannot be undone: it is taken only with the box ticked, whatever the page or browser sent.
    confirm = forms.BooleanField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "revoke" and not data.get("confirm"):
            self.add_error(
                "confirm", _("Tick the box to confirm that you understand revoking the registration cannot be undone.")
            )
        return data


class CompensationReportForm(forms.Form):
    report = forms.CharField(label=_("What you completed"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class RegisterSearchForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=100)
    field = ChoiceField(label=_("Profession"), required=False)
    zone = ChoiceField(label=_("Where"), required=False)
    status = ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "field").choices = _field_choices(str(_("Any profession")))
        _choices(self, "zone").choices = _zone_choices(str(_("Anywhere")))
        # The register's filter names each current standing (`practice.selectors.REGISTER_STANDINGS`).
        _choices(self, "status").choices = [("", _("In force or suspended"))] + [
            (status, standing.label) for status, standing in REGISTER_STANDINGS.items()
        ]


class AlertForm(forms.Form):
    person_identifier = forms.CharField(label=_("E-mail address or home licence number"), max_length=120)
    field = ChoiceField(label=_("Profession"), required=False)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    expires_on = DateField(label=_("Expires on"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "field").choices = _field_choices(str(_("Every profession")))

"""Forms of the policy pages: a what-if (reform rows, grouping columns, period)."""

from __future__ import annotations

import datetime
import functools
import re
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from talentbridge import vocabulary
from talentbridge.core import clock, languages
from talentbridge.policy import presenter
from talentbridge.policy.services import parameter_in_force
from talentbridge.rules import labels, params
from talentbridge.rules.categories import ENUMS
from talentbridge.rules.simulate import SNAPSHOT_COLUMNS
from talentbridge.rules.system import rulebook
from talentbridge.web.fields import ChoiceField, DateField, MultipleChoiceField

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$", re.ASCII)
TRUE_WORDS = {"true", "yes", "y", "1", "是"}
FALSE_WORDS = {"false", "no", "n", "0", "否"}


def unit_label(unit: Any) -> str:
    """The unit as shown next to a value (codes and yes/no values need none)."""
    return presenter.unit_label(unit)


def show_value(value: Any) -> str:
    """A value as a person reads it: yes/no, labels of codes and authorities, "no rule" for none."""
    return presenter.value_shown(value)


@functools.lru_cache(maxsize=8)
def _parameter_choices(language: str, on: datetime.date) -> tuple[tuple[str, str], ...]:
    choices = []
    known = presenter.code_labels()
    for leaf in params.leaves(rulebook().parameters):
        info = parameter_in_force(leaf.name, on)
        assert info is not None
        label = labels.parameter_label(leaf.name)[language]
        current = presenter.value_shown(info["current"], unit=info["unit"], known=known)  # `language` is active
        shown = f"{label} — {current} {presenter.unit_after(info['current'], info['unit'])}".strip()
        if labels.source(info.get("reference"))["provisional"]:
            shown += f" ({labels.phrase('provisional_short')[language]})"
        choices.append((leaf.name, shown))
    return tuple(choices)


def parameter_choices(on: datetime.date) -> list[tuple[str, str]]:
    """Every parameter leaf, labelled in the page's language with the value in force on `on` and its unit."""
    return [("", "—"), *_parameter_choices(languages.language_key(), on)]


def grouping_choices() -> list[tuple[str, str]]:
    """Snapshot columns with few values (categories and yes/no), labelled in the page's language."""
    language = languages.language_key()
    tbs = rulebook()
    return [
        (name, labels.variable_label(name)[language])
        for name in SNAPSHOT_COLUMNS
        if name in ENUMS or tbs.variables[name].value_type is bool
    ]


# The largest magnitude a changed figure may have (money in yuan, years, months): beyond it is a typing slip.
MAX_MAGNITUDE = 1e9


def code_options(info: dict[str, Any]) -> dict[str, str]:
    """The codes a text parameter can take, with their labels in the page's language.

    The codes it has held, and the other codes of the vocabulary concept (or the authorities) they belong to.
    """
    held = {str(value) for value in info.get("values", {}).values() if isinstance(value, str)}
    known = presenter.code_labels()
    language = languages.language_key()
    options: dict[str, str] = {}
    for concept in vocabulary.VALUE_CONCEPTS:
        if held & set(concept.codes):
            options.update({term.code: term.label(language) for term in concept if term.code != "none"})
    if held & set(known):
        options.update({code: str(names[language]) for code, names in known.items()})
    for code in held:
        options.setdefault(code, presenter.value_shown(code, known=known))
    return options


def parse_value(info: dict[str, Any], text: str) -> Any:
    """The typed value for the parameter `info` describes; ValidationError (translated) when it does not fit.

    A share is entered as a percentage ("2" or "2%" is 0.02), as the page shows it; a code is one of the
    options (its label or its code).
    """
    kind, text = info["kind"], text.strip()
    if kind == "boolean":
        if text.lower() in TRUE_WORDS:
            return True
        if text.lower() in FALSE_WORDS:
            return False
        raise forms.ValidationError(_("Enter yes or no."), code="boolean")
    if kind == "month-list":
        try:
            months = [int(part) for part in re.split(r"[,\s，、]+", text) if part]
        except ValueError as error:
            raise forms.ValidationError(_("Enter months as numbers, e.g. 1, 7."), code="months") from error
        if not months or any(not 1 <= month <= 12 for month in months):
            raise forms.ValidationError(_("Enter months as numbers, e.g. 1, 7."), code="months")
        return months
    if kind == "string":
        options = code_options(info)
        for code, label in options.items():
            if text.casefold() in (code.casefold(), label.casefold()):
                return code
        raise forms.ValidationError(
            _("Choose one of: %(options)s.") % {"options": "; ".join(sorted(options.values()))}, code="option"
        )
    share = info.get("unit") == "/1"
    text = plain_number(text)
    if share:
        text = text.removesuffix("%").strip()
    if GROUPED.match(text):
        text = text.replace(",", "")
    try:
        number = float(text)
    except ValueError as error:
        raise forms.ValidationError(_("Enter a number."), code="number") from error
    if number != number or abs(number) > MAX_MAGNITUDE:
        raise forms.ValidationError(_("Enter a number."), code="number")
    if share:
        if not 0 <= number <= 100:
            raise forms.ValidationError(_("Enter a percentage from 0 to 100."), code="share")
        number = round(number / 100, 10)
    return int(number) if number.is_integer() and not share else number


# A number as typed on any keyboard: full-width digits and signs (Chinese input) read as their ASCII forms.
FULL_WIDTH = str.maketrans("０１２３４５６７８９，．％－＋", "0123456789,.%-+")
# Thousands grouped with commas ("2,800", "1,234,567.5"): the commas go; any other comma is no number.
GROUPED = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)


def plain_number(text: str) -> str:
    """`text` with full-width characters as ASCII and no spaces (thin, no-break or plain) inside."""
    return re.sub(r"[\s\u2009\u202f\u00a0]+", "", text.translate(FULL_WIDTH))


def period_start(period: str | None) -> datetime.date | None:
    """The first day of the month evaluated (YYYY-MM), whose rules the what-if counts with; None if no month."""
    text = str(period or "").strip()
    if not MONTH.match(text):
        return None
    try:
        return datetime.date(int(text[:4]), int(text[5:]), 1)
    except ValueError:  # the year 0000
        return None


def too_late(date: datetime.date, first_day: datetime.date) -> Any:
    """Why a change from `date` is refused: the month evaluated is counted before it takes effect."""
    shown = {
        "date": formats.date_format(date, "DATE_FORMAT"),
        "month": formats.date_format(first_day, "YEAR_MONTH_FORMAT"),
    }
    if (date.year, date.month) == (first_day.year, first_day.month):
        return (
            _(
                "This change takes effect on %(date)s, but the month evaluated (%(month)s) is counted with the rules "
                "in force on its first day: it would change nothing."
            )
            % shown
        )
    return (
        _("This change takes effect on %(date)s, after the month evaluated (%(month)s): it would change nothing.")
        % shown
    )


class ReformRowForm(forms.Form):
    """One parameter changed from a date on; a row left entirely blank is ignored."""

    path = ChoiceField(label=_("Parameter"), required=False)
    value = forms.CharField(label=_("New value"), required=False, max_length=200)
    effective_date = DateField(label=_("In force from"), required=False)

    def __init__(self, *args: Any, on: datetime.date | None = None, period: str | None = None, **kwargs: Any) -> None:
        """`period`: the month evaluated as sent (YYYY-MM); a row is held to it when it is one."""
        super().__init__(*args, **kwargs)
        self.first_day = period_start(period)
        self.fields["path"].choices = parameter_choices(on or clock.today())  # type: ignore[attr-defined]
        chosen = self.data.get(self.add_prefix("path")) if self.is_bound else self.initial.get("path")
        info = parameter_in_force(str(chosen), clock.today()) if chosen else None
        if info is not None and info["kind"] == "string":
            # A coded value is chosen from its options (labelled in the page's language), not typed.
            options = sorted(code_options(info).items(), key=lambda option: option[1])
            self.fields["value"].widget = forms.Select(choices=[("", "—"), *options])
        self.fields["path"].widget.attrs.update(
            {
                "class": "parameter-select",
                "hx-get": reverse("web:whatif_parameter"),
                "hx-trigger": "change",
                "hx-target": f"#{self.prefix or 'change'}-info",
                "hx-swap": "innerHTML",
            }
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        path, text, date = data.get("path"), (data.get("value") or "").strip(), data.get("effective_date")
        if not path:
            if (text or date) and "path" not in self.errors:
                self.add_error("path", _("Choose the parameter to change."))
            return data
        if not text:
            self.add_error("value", _("Enter the new value."))
        if date is None and "effective_date" not in self.errors:
            self.add_error("effective_date", _("Enter the date the new value applies from."))
        elif date is not None and self.first_day is not None and date > self.first_day:
            self.add_error("effective_date", too_late(date, self.first_day))
        info = parameter_in_force(path, clock.today())
        if text and info is not None:
            try:
                data["parsed"] = parse_value(info, text)
            except forms.ValidationError as error:
                self.add_error("value", error)
        return data

    def change(self) -> tuple[str, str, Any] | None:
        """(path, date, value) of a valid, filled row."""
        data = self.cleaned_data
        if not data.get("path") or "parsed" not in data or data.get("effective_date") is None:
            return None
        return data["path"], data["effective_date"].isoformat(), data["parsed"]


class BaseReformRowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        if any(form.errors for form in self.forms):
            return
        seen: set[tuple[str, str]] = set()
        changes = 0
        for form in self.forms:
            change = form.change()
            if change is None:
                continue
            changes += 1
            if change[:2] in seen:
                form.add_error("effective_date", _("This parameter already changes on this date above."))
            seen.add(change[:2])
        if not changes:
            raise forms.ValidationError(_("Change at least one parameter."), code="empty")
        self._refuse_replaced()

    def _refuse_replaced(self) -> None:
        """A change another row of the same parameter replaces before the month evaluated changes nothing."""
        first_day = period_start(self.form_kwargs.get("period"))
        if first_day is None:
            return
        latest: dict[str, str] = {}
        for form in self.forms:
            change = form.change()
            if change is not None:
                latest[change[0]] = max(latest.get(change[0], change[1]), change[1])
        for form in self.forms:
            change = form.change()
            if change is not None and change[1] < latest[change[0]]:
                form.add_error(
                    "effective_date",
                    _(
                        "The change of this parameter from %(later)s replaces this one before the month "
                        "evaluated (%(month)s): it would change nothing."
                    )
                    % {
                        "later": formats.date_format(datetime.date.fromisoformat(latest[change[0]]), "DATE_FORMAT"),
                        "month": formats.date_format(first_day, "YEAR_MONTH_FORMAT"),
                    },
                )

    def reform(self) -> dict[str, dict[str, Any]]:
        reform: dict[str, dict[str, Any]] = {}
        for form in self.forms:
            change = form.change()
            if change is not None:
                path, date, value = change
                reform.setdefault(path, {})[date] = value
        return reform


ReformRowFormSet: type[BaseReformRowFormSet] = forms.formset_factory(  # type: ignore[assignment]
    ReformRowForm, formset=BaseReformRowFormSet, extra=3, max_num=12, absolute_max=12
)


class WhatIfForm(forms.Form):
    """Grouping columns and the month evaluated."""

    by = MultipleChoiceField(
        label=_("Count by"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for totals only."),
    )
    period = forms.CharField(
        label=_("Month evaluated"),
        max_length=7,
        help_text=_("YYYY-MM, e.g. 2025-01."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["by"].choices = grouping_choices()  # type: ignore[attr-defined]
        self.fields["period"].initial = clock.today().strftime("%Y-%m")  # the month of today (core.clock)

    def clean_period(self) -> str:
        period = str(self.cleaned_data.get("period", "")).strip()
        if period_start(period) is None:
            raise forms.ValidationError(_("Enter a month as YYYY-MM."), code="period")
        return period

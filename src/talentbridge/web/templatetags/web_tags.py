"""Filters that turn codes into translated labels and field widgets into accessible markup."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.forms import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from talentbridge.core import languages
from talentbridge.core.models import localized_name
from talentbridge.credentials import documents
from talentbridge.insurance.awards import money_text
from talentbridge.policy import presenter
from talentbridge.practice import catalogue
from talentbridge.reference.selectors import reference_labels
from talentbridge.rules import labels as rules_labels
from talentbridge.web import labels

register = template.Library()


@register.filter
def state_label(state: str) -> str:
    return labels.state_label(state)


@register.filter
def kind_label(kind: str) -> str:
    return labels.kind_label(kind)


@register.filter
def action_label(action: str) -> str:
    return labels.action_label(action)


@register.filter
def actor_role_label(role: str) -> str:
    return labels.actor_role_label(role)


@register.filter
def choice_label(code: Any) -> str:
    return labels.choice_label(str(code))


@register.filter
def localized(obj: Any) -> str:
    return localized_name(obj) if obj is not None else ""


@register.filter
def described(field: BoundField) -> str:
    """The widget with `aria-describedby` pointing at its help and error texts, and `aria-invalid`."""
    ids = []
    attrs: dict[str, Any] = {}
    if field.help_text:
        ids.append(f"{field.auto_id}_help")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return field.as_widget(attrs=attrs)


@register.filter
def code_label(code: Any) -> str:
    """A category or authority code in the page's language (`examination_licence`, `GD-DOJ`, `shenzhen`)."""
    if code in (None, ""):
        return ""
    return presenter.code_shown(str(code))


@register.filter
def codes_label(codes: Any) -> str:
    """Several codes, labelled and joined."""
    return ", ".join(code_label(code) for code in codes or ())


@register.filter
def parameter_label(path: Any) -> str:
    """A rules parameter's label in the page's language, never its path."""
    try:
        return rules_labels.parameter_label(str(path))[languages.language_key()]
    except KeyError:
        return str(path).rsplit(".", 1)[-1].replace("_", " ")


@register.filter
def shown(value: Any) -> str:
    """A value as a person reads it: yes/no, labels of codes, "—" for nothing."""
    return presenter.value_shown(value)


@register.filter
def cite(reference: Any) -> str:
    """A citation: its title in the page's language (a link when there is one) and "provisional" in plain words.

    Takes a raw reference (text with data-file markers) or a citation from the presenter; the title is the
    cited source's title in the page's language (rules/sources.yaml), from `presenter.source_view`.
    """
    cited = presenter.source_view(reference)
    parts = []
    if cited["url"]:
        parts.append(
            format_html('<a href="{}" rel="noopener" class="source-link">{}</a>', cited["url"], cited["title"])
        )
    elif cited["title"]:
        parts.append(format_html("<cite>{}</cite>", cited["title"]))
    if cited["provisional"]:
        parts.append(format_html('<span class="provisional">({})</span>', cited["provisional_text"]))
    return mark_safe(" ".join(str(part) for part in parts) or "—")  # noqa: S308 - parts are escaped above


@register.filter
def credential_type_label(types: Any) -> str:
    """A certificate's type(s) in the page's language."""
    names = [t.strip() for t in str(types or "").split(",") if t.strip()]
    return ", ".join(documents.type_label(name, languages.language_key()) for name in names)


@register.filter
def claim_label(name: Any) -> str:
    """The name of a statement on a certificate in the page's language."""
    return documents.claim_label(str(name), languages.language_key())


@register.filter
def claim_value(value: Any) -> str:
    """A statement's value on a certificate: codes in the page's language; a profession or city by its
    reference name (a person is a "Structural engineer", not "structural engineers")."""
    if value in (None, ""):
        return "—"
    named = reference_labels().get(str(value))
    shown = named[languages.language_key()] if named else presenter.code_shown(str(value))
    return shown[:1].upper() + shown[1:]  # a statement's value opens like a name ("Nine cities")


@register.filter
def parse_day(value: Any) -> Any:
    """An ISO date string as a date (for the `date` filter); other values pass through."""
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


@register.simple_tag
def pathways_ended(form: Any, on: datetime.date) -> list[Any]:
    """Pathways that have ended by `on`, filtered like the catalogue's form: shown with their end date.

    A bound form's valid filters apply even when another is refused (a day that is no date), as they do
    to the pathways in force."""
    data: dict[str, Any] = {}
    if form is not None and form.is_bound:
        form.is_valid()  # cleans every field: the valid ones are in cleaned_data
        data = form.cleaned_data
    return catalogue.pathway_list(
        on=on,
        field_code=data.get("field") or None,
        zone=data.get("zone") or None,
        mechanism=data.get("mechanism") or None,
        search=data.get("q") or None,
        ended=True,
    )


@register.simple_tag
def pathway_ended_on(field: str, zone: str, on: datetime.date) -> Any:
    """The pathway for `field` in `zone` that has ended by `on` (None if it has not, or never existed)."""
    return catalogue.pathway_ended(str(field), str(zone), on)


@register.filter
def parse_month(value: Any) -> Any:
    """A `YYYY-MM` period as the first day of that month (for the `date` filter); others pass through."""
    if isinstance(value, str) and len(value) == 7:
        try:
            return datetime.date.fromisoformat(f"{value}-01")
        except ValueError:
            return value
    return value


@register.filter
def version_label(value: Any) -> str:
    """A rules or workflow version as a person reads it ("version 2.0.0"); the full identifier, with
    its workflow name and content hash, stays in the title for whoever needs to re-run the decision."""
    text = str(value or "")
    if not text:
        return "—"
    semver = text.rpartition("@")[2].split("+", 1)[0]
    return format_html('<span class="version" title="{}">{}</span>', text, _("version %(number)s") % {"number": semver})


@register.filter
def money(value: Any) -> str:
    """An amount in yuan with its currency and thousands grouped: "CNY 159,120.00" / "人民币 159,120.00 元"."""
    return money_text(value)


@register.simple_tag
def colon() -> str:
    """What stands between a label and its value in the page's language: ": " in English, "：" in Chinese."""
    return pgettext("between a label and its value", ": ")


@register.simple_tag
def semicolon() -> str:
    """What stands between two items of a list run into a sentence: "; " in English, "；" in Chinese."""
    return pgettext("between the items of a list", "; ")


@register.simple_tag
def comma() -> str:
    """What stands between two items of a list, such as a time and a name: ", " in English, "，" in Chinese."""
    return pgettext("between the items of a list", ", ")


@register.simple_tag
def aside(text: Any) -> str:
    """A remark after a text, in parentheses: " (proposed by …)" in English, "（由……提议）" in Chinese."""
    pattern = pgettext("a remark in parentheses after a text", " (%(remark)s)")
    return mark_safe(conditional_escape(pattern) % {"remark": conditional_escape(text)})  # noqa: S308 - both escaped

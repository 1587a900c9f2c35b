"""The presenter of rules for people: values, citations and reasons in the page's language.

Every page that shows a determination, a parameter or a reason goes through here (and through the
kernel's `rules.labels` underneath): codes become labels (authority codes from reference data),
`True`/`False` become yes/no, and references become citations with a title, a link when there is
one, and "provisional" in plain words when no official notice confirms the figure yet.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from talentbridge.core import languages
from talentbridge.reference.selectors import authority_labels
from talentbridge.rules import labels

Label = dict[str, str]

UNITS: dict[str, Any] = {
    "year": _("years"),
    "month": _("months"),
    "day": _("days"),
    "grade": _("grade"),
    "/1": _("share (0 to 1)"),
    "currency-CNY": _("CNY"),
    "currency-HKD": _("HKD"),
    "boolean": _("yes or no"),
    "code": "",
    "month-list": _("months of the year"),
}


def unit_label(unit: Any) -> str:
    """A parameter's unit in the page's language ("" for codes and yes/no, which speak for themselves)."""
    if unit in (None, "", "code", "boolean"):
        return ""
    return str(UNITS.get(str(unit), ""))


def _grade(value: Any, unit: Any) -> int | None:
    """The grade a value of unit "grade" is (a whole number), else None."""
    if str(unit) != "grade" or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if float(value).is_integer() else None


def grade_shown(grade: int) -> str:
    """A grade as a person reads it in the page's language: "grade 5", "5级", "5級"; grade 0 is "none"."""
    return labels.segment_label(f"grade_{grade}" if grade > 0 else "none")[languages.language_key()]


def unit_after(value: Any, unit: Any) -> str:
    """The unit to write after `value` as shown ("" after "no rule", yes/no, a percentage or a grade, which
    `value_shown` names with its unit: "grade 5")."""
    if _grade(value, unit) is not None:
        return ""
    return unit_label(unit) if labels.unit_needed(value, unit) else ""


def code_labels() -> dict[str, Label]:
    """Labels of the codes the kernel does not name itself: the authorities of reference data."""
    return authority_labels()


def value_shown(value: Any, *, unit: str | None = None, known: dict[str, Label] | None = None) -> str:
    """A value as a person reads it in the page's language (yes/no, labels of codes, "—", "grade 5")."""
    grade = _grade(value, unit)
    if grade is not None:
        return grade_shown(grade)
    return labels.show(
        value, languages.language_key(), unit=unit, code_labels=known if known is not None else code_labels()
    )


def code_shown(code: str, *, known: dict[str, Label] | None = None) -> str:
    """A code's label in the page's language; an unknown code is shown with spaces, never as snake_case."""
    shown = value_shown(code, known=known)
    return shown.replace("_", " ") if shown == code else shown


def category_shown(column: str, value: Any, *, known: dict[str, Label] | None = None) -> str:
    """A group's value of the category `column` in the page's language ("No profession", "Lawyer", "yes")."""
    if not isinstance(value, str):
        return value_shown(value)
    try:
        return labels.category_label(column, value, code_labels=known if known is not None else code_labels())[
            languages.language_key()
        ]
    except KeyError:
        return code_shown(value, known=known)


def source_view(reference: Any) -> dict[str, Any]:
    """A reference as a citation in the page's language: `{title, url, provisional, provisional_text}`.

    `title` is the page language's title of the source the reference cites (sources.yaml, see
    `labels.source_title`). A citation that is already a view (from this function) keeps its title.
    """
    language = languages.language_key()
    if isinstance(reference, dict) and "provisional_text" in reference:
        cited, title = reference, str(reference["title"])
    else:
        cited = reference if isinstance(reference, dict) and "title" in reference else labels.source(reference)
        title = labels.source_title(cited, language)
    return {
        **cited,
        "title": title,
        "provisional_text": labels.phrase("provisional")[language] if cited["provisional"] else "",
    }


def source_text(reference: Any) -> str:
    """A citation as one line of plain text in the page's language, for places that show text only."""
    return labels.source_text(reference, languages.language_key())


def _day(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def parameter_view(entry: dict[str, Any], *, known: dict[str, Label] | None = None) -> dict[str, Any]:
    """An explained parameter: label, value (as stored) and value shown, unit, effective date and citation."""
    language = languages.language_key()
    known = known if known is not None else code_labels()
    return {
        "name": entry["name"],
        "label": entry["label"][language],
        "value": entry["value"],
        "value_shown": value_shown(entry["value"], unit=entry.get("unit"), known=known),
        "unit": entry.get("unit"),
        "unit_shown": unit_after(entry["value"], entry.get("unit")),
        "effective_date": entry.get("effective_date"),
        "effective_day": _day(entry.get("effective_date")),
        "reference": source_text(entry.get("reference")),
        "source": source_view(entry.get("reference")),
    }


def reason_view(condition: dict[str, Any], *, known: dict[str, Label] | None = None) -> dict[str, Any]:
    """A condition as a reason: met or not, the sentence with both values, and the sources of the rule."""
    language = languages.language_key()
    known = known if known is not None else code_labels()
    rules = [parameter_view(rule, known=known) for rule in condition.get("rules", [])]
    sources: dict[str, dict[str, Any]] = {}
    for rule in rules:
        if rule["source"]["title"] or rule["source"]["provisional"]:
            kept = sources.setdefault(rule["source"]["title"], rule["source"])
            if rule["source"]["provisional"] and not kept["provisional"]:  # one source, any figure provisional
                sources[rule["source"]["title"]] = rule["source"]
    if not sources and condition.get("reference"):
        cited = source_view(condition["reference"])
        if cited["title"] or cited["provisional"]:
            sources[cited["title"]] = cited
    return {
        "variable": condition["variable"],
        "label": condition["label"][language],
        "met": bool(condition["met"]),
        "text": labels.reason_text(condition, language, code_labels=known),
        "rules": rules,
        "sources": list(sources.values()),
    }


def _with_unit(value: Any, unit: Any, known: dict[str, Label]) -> str:
    return f"{value_shown(value, unit=unit, known=known)} {unit_after(value, unit)}".strip()


def output_view(output: dict[str, Any], *, known: dict[str, Label] | None = None) -> dict[str, Any]:
    """One explained output: value shown, its reason (for yes/no outputs), conditions, values used, rules."""
    language = languages.language_key()
    known = known if known is not None else code_labels()
    reason = output.get("reason")
    return {
        "variable": output["variable"],
        "label": output["label"][language],
        "value": _with_unit(output["value"], output.get("unit"), known),
        "reference": source_text(output.get("reference")),
        "source": source_view(output.get("reference")),
        "reason": reason_view(reason, known=known) if reason else None,
        "conditions": [reason_view(condition, known=known) for condition in output["conditions"]],
        "values_used": [
            {
                "label": used["label"][language],
                "value": _with_unit(used["value"], used.get("unit"), known),
                "origin": labels.phrase(used["origin"])[language],
            }
            for used in output["values_used"]
        ],
        # For pages: `value` and `unit` are the shown ones here.
        "parameters": [
            {**view, "value": view["value_shown"], "unit": view["unit_shown"]}
            for view in (parameter_view(entry, known=known) for entry in output["parameters"])
        ],
    }

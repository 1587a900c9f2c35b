"""The check's words: why a pathway applies or not, what a change would do, why no change helps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from talentbridge.core import languages
from talentbridge.policy import presenter
from talentbridge.practice import catalogue
from talentbridge.practice.checker.answers import Answers
from talentbridge.rules import labels


def change_text(change: dict[str, Any]) -> str:
    if change["kind"] == "wait" and change["months"] == 0:
        return _("Eligible from %(on)s, when the rules change, with %(years)s years of practice.") % {
            "on": date_format(dt.date.fromisoformat(change["on"]), "DATE_FORMAT"),
            "years": f"{change['years_of_practice']:g}",
        }
    if change["kind"] == "wait" and change.get("because") == "rules":
        return _("Eligible in %(months)s months (from %(on)s), when the rules change.") % {
            "months": change["months"],
            "on": date_format(dt.date.fromisoformat(change["on"]), "DATE_FORMAT"),
        }
    if change["kind"] == "wait":
        return _("Eligible in %(months)s months (from %(on)s), when you reach %(years)s years of practice.") % {
            "months": change["months"],
            "on": date_format(dt.date.fromisoformat(change["on"]), "DATE_FORMAT"),
            "years": f"{change['years_of_practice']:g}",
        }
    answer, value = change["answer"], change["value"]
    if answer == "zone":
        return _("Eligible if you practise in %(zone)s.") % {"zone": catalogue.zone_label(str(value))}
    if answer == "home_jurisdiction":
        return _("Eligible for professionals of %(home)s.") % {"home": catalogue.home_label(str(value))}
    texts = {
        "holds_home_licence": _("Eligible if you hold a current home registration or licence."),
        "is_permanent_resident": _("Eligible if you are a permanent resident of your home SAR."),
        "is_chinese_citizen": _("Eligible if you are a Chinese citizen."),
        "has_disciplinary_record": _("Eligible only without a disciplinary record."),
    }
    return str(texts[answer])


def _day(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


def _homes(codes: tuple[str, ...] | list[str]) -> str:
    return _(" and ").join(catalogue.home_label(code) for code in codes)


def pathway_reason(answers: Answers) -> dict[str, Any]:
    """Whether a pathway applies to the person, said plainly, with its source.

    Distinguishes a pathway in force for the person, one in force but not open to their SAR, one that
    has ended (with its last day), and none at all; the kernel's condition only says "met" or not.
    """
    field_name = catalogue.field_group_label(answers.field)
    home_name = catalogue.home_label(answers.home_jurisdiction)
    applicable = catalogue.pathway_applicable(answers.field, answers.zone, answers.home_jurisdiction, answers.on)
    if applicable is not None:
        text = _("A pathway is in force for %(field)s (%(zone)s) by %(mechanism)s, open to %(homes)s.") % {
            "field": field_name,
            "zone": applicable.zone_name,
            "mechanism": applicable.mechanism_name,
            "homes": _homes(applicable.open_to),
        }
        cited = catalogue.term_reference(answers.field, applicable.zone, "mechanism")
        return _pathway_reason(True, text, applicable, reference=cited)
    scopes = list(dict.fromkeys((answers.zone, "nine_cities")))
    for scope in scopes:
        closed = catalogue.pathway_get(answers.field, scope, answers.on)
        if closed is not None:
            text = _(
                "The pathway for %(field)s (%(zone)s) is open to professionals of %(homes)s only; "
                "you are registered in %(home)s."
            ) % {"field": field_name, "zone": closed.zone_name, "homes": _homes(closed.open_to), "home": home_name}
            cited = catalogue.term_reference(answers.field, scope, f"open_to_{answers.home_jurisdiction}")
            return _pathway_reason(False, text, closed, reference=cited)
    for scope in scopes:
        ended = catalogue.pathway_ended(answers.field, scope, answers.on)
        if ended is not None and ended.last_day is not None:
            text = _("The pathway for %(field)s (%(zone)s) ended on %(day)s; no extension has been published.") % {
                "field": field_name,
                "zone": ended.zone_name,
                "day": _day(ended.last_day),
            }
            cited = catalogue.term_reference(answers.field, scope, "mechanism")
            return _pathway_reason(False, text, ended, ended=True, reference=cited)
    text = _("No pathway for %(field)s (%(zone)s) is in force on %(day)s.") % {
        "field": field_name,
        "zone": catalogue.zone_label(answers.zone),
        "day": _day(answers.on),
    }
    return {**_pathway_heading(), "met": False, "text": text, "sources": [], "rules": []}


def _pathway_heading() -> dict[str, Any]:
    return {
        "variable": "practice_pathway_available",
        "label": labels.variable_label("practice_pathway_available")[languages.language_key()],
    }


def _pathway_reason(
    met: bool, text: str, pathway: catalogue.Pathway, *, reference: str, ended: bool = False
) -> dict[str, Any]:
    cited = presenter.source_view(reference)
    return {
        **_pathway_heading(),
        "met": met,
        "text": text,
        "pathway": pathway,
        "ended": ended,
        "sources": [cited] if cited["title"] or cited["provisional"] else pathway.citations[:1],
        "rules": [],
    }


def no_change_text(answers: Answers, reason: dict[str, Any]) -> str:
    """Why nothing the person could change makes them eligible under the rules in force."""
    pathway = reason.get("pathway")
    if reason.get("ended") and pathway is not None and pathway.last_day is not None:
        return _(
            "Under the rules in force on %(day)s no change to your answers makes you eligible: the pathway "
            "ended on %(end)s. If it is extended, this check will show the new terms."
        ) % {"day": _day(answers.on), "end": _day(pathway.last_day)}
    if pathway is not None and pathway.ends_on and pathway.last_day is not None:
        return _("No change to your answers makes you eligible before the pathway ends on %(end)s.") % {
            "end": _day(pathway.last_day)
        }
    return _("Under the rules in force on %(day)s no single change to your answers makes you eligible.") % {
        "day": _day(answers.on)
    }

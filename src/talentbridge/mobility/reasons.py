"""The checker's reasons: one per condition of the answer, each with the person's value, the rule's value (and
the day it applies from) and its source, read from the same parameters the kernel decided on.

The kernel's own sentences are kept for the Exit-Entry Permit; the route (a talent category, or the Hetao
Shenzhen Park route without one) and the work city are said here, because their rules start on a day and a
reason must say which day, the same day the rest of the page gives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from talentbridge.policy import presenter
from talentbridge.rules import params
from talentbridge.rules.system import rulebook
from talentbridge.vocabulary import NO_TALENT_CATEGORY, TALENT_CATEGORY

ROOT = "mobility.talent_endorsement"
HETAO_VALIDITY = f"{ROOT}.hetao_park_staff_validity_years"
HETAO_CITY = "shenzhen"  # the Hetao Shenzhen Park lies in Shenzhen


@dataclass(frozen=True)
class DatedRule:
    """A rule of the kernel's parameters: the first day it gives a value, that value, and its source."""

    start: dt.date | None
    value: Any
    source: dict[str, Any]

    def applies_on(self, on: dt.date) -> bool:
        return self.start is not None and self.start <= on


def dated_rule(path: str) -> DatedRule:
    """The parameter at `path`: its first day with a value (a "no" or 0 is no value) and that value."""
    parameter = params.find(rulebook(), path)
    if parameter is None or not hasattr(parameter, "values_list"):
        return DatedRule(start=None, value=None, source=presenter.source_view(None))
    source = presenter.source_view(parameter.metadata.get("reference"))
    for instant, value in params.dated_values(parameter).items():
        if value:
            return DatedRule(start=dt.date.fromisoformat(instant), value=value, source=source)
    return DatedRule(start=None, value=None, source=source)


def _day(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


def years_shown(years: Any) -> str:
    """A validity in years as a person reads it ("3 years", "3年")."""
    return ngettext("%(n)s year", "%(n)s years", int(years)) % {"n": years}


def _item(variable: str, met: bool, text: str, *sources: dict[str, Any]) -> dict[str, Any]:
    cited = [s for s in sources if s.get("title") or s.get("provisional")]
    unique = list({s["title"]: s for s in cited}.values())
    # A source another one repeats with more detail (the same announcement, then its Hetao clause) is that one's.
    unique = [s for s in unique if not any(s is not o and s["title"] and s["title"] in o["title"] for o in unique)]
    return {"variable": variable, "met": met, "text": text, "sources": unique}


def category_reason(category: str, on: dt.date) -> dict[str, Any]:
    """A talent category: its validity and the day the endorsement is issued to it from."""
    rule = dated_rule(f"{ROOT}.validity_years.{category}")
    values = {"category": presenter.code_shown(category), "on": _day(on)}
    if rule.start is None:
        text = _("Talent category — yours: %(category)s; the endorsement is not issued to this category.") % values
    elif rule.applies_on(on):
        text = _(
            "Talent category — yours: %(category)s; the rule: an endorsement of %(years)s for this category, "
            "issued from %(start)s."
        ) % {**values, "years": years_shown(rule.value), "start": _day(rule.start)}
    else:
        text = _(
            "Talent category — yours: %(category)s, on %(on)s; the rule: an endorsement of %(years)s for this "
            "category, issued only from %(start)s."
        ) % {**values, "years": years_shown(rule.value), "start": _day(rule.start)}
    return _item("talent_category", rule.applies_on(on), text, rule.source)


def no_category_reason(on: dt.date) -> dict[str, Any]:
    """No talent category and not Hetao Shenzhen Park staff: what the rule issues the endorsement to."""
    categories = ", ".join(presenter.code_shown(code) for code in TALENT_CATEGORY.codes)
    hetao = dated_rule(HETAO_VALIDITY)
    if hetao.start is not None:
        text = _(
            "Talent category — yours: none of these; the rule: the endorsement is issued to %(categories)s, and "
            "from %(start)s also without a category to Hetao Shenzhen Park staff who have filed with the park's "
            "management."
        ) % {"categories": categories, "start": _day(hetao.start)}
    else:
        text = _("Talent category — yours: none of these; the rule: the endorsement is issued to %(categories)s.") % {
            "categories": categories
        }
    source = dated_rule(f"{ROOT}.validity_years.{TALENT_CATEGORY.codes[0]}").source
    return _item("talent_category", False, text, source, hetao.source)


def hetao_reason(answers: Any, met: bool) -> dict[str, Any]:
    """The Hetao Shenzhen Park route (no talent category needed): the person's answers against the route."""
    rule = dated_rule(HETAO_VALIDITY)
    filed = bool(answers.filed_with_hetao_park_management)
    values = {
        "city": presenter.code_shown(answers.work_city),
        "filed": presenter.value_shown(filed),
        "on": _day(answers.on),
        "park_city": presenter.code_shown(HETAO_CITY),
    }
    if rule.start is None:
        text = (
            _(
                "Hetao Shenzhen Park route — you work in the park, in %(city)s; filed with the park's management: "
                "%(filed)s; the rule: no endorsement is issued on this route."
            )
            % values
        )
    else:
        text = _(
            "Hetao Shenzhen Park route (no talent category needed) — yours: you work in the park, in %(city)s; "
            "filed with the park's management: %(filed)s; on %(on)s. The rule: park staff working in "
            "%(park_city)s who have filed with the park's management, an endorsement of %(years)s, issued from "
            "%(start)s."
        ) % {**values, "years": years_shown(rule.value), "start": _day(rule.start)}
    return _item("hetao_park_staff_route", met, text, rule.source)


def city_reason(work_city: str, on: dt.date, met: bool) -> dict[str, Any]:
    """The work city: the day the endorsement is issued there from (the page's "issued in the work city")."""
    rule = dated_rule(f"{ROOT}.available_in_city.{work_city}")
    values = {"city": presenter.code_shown(work_city), "on": _day(on)}
    if rule.start is None:
        text = _("Work city — yours: %(city)s; the rule: the endorsement is not issued there.") % values
    elif met:
        text = _("Work city — yours: %(city)s; the rule: the endorsement is issued there from %(start)s.") % {
            **values,
            "start": _day(rule.start),
        }
    else:
        text = _(
            "Work city — yours: %(city)s, on %(on)s; the rule: the endorsement is issued there only from %(start)s."
        ) % {**values, "start": _day(rule.start)}
    return _item("talent_endorsement_available_in_city", met, text, rule.source)


def check_reasons(explanation: dict[str, Any], answers: Any) -> list[dict[str, Any]]:
    """The reasons of an answer, in order: the route (category or Hetao Shenzhen Park), the permit, the city."""
    eligible = next(o for o in explanation["outputs"] if o["variable"] == "endorsement_eligible")
    conditions = {c["variable"]: c for c in eligible["conditions"]}
    hetao_met = bool(conditions.get("hetao_park_staff_route", {}).get("met"))
    items: list[dict[str, Any]] = []
    if answers.category != NO_TALENT_CATEGORY.code:
        items.append(category_reason(answers.category, answers.on))
        if hetao_met:  # a second route the person qualifies on (its validity may be longer)
            items.append(hetao_reason(answers, True))
    elif answers.works_in_hetao_shenzhen_park:
        items.append(hetao_reason(answers, hetao_met))
    else:
        items.append(no_category_reason(answers.on))
    if "holds_valid_eep" in conditions:
        items.append(presenter.reason_view(conditions["holds_valid_eep"]))
    city_met = bool(conditions.get("talent_endorsement_available_in_city", {"met": True})["met"])
    items.append(city_reason(answers.work_city, answers.on, city_met))
    return items

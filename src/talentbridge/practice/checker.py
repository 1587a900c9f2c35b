"""The eligibility check: answers to the kernel, the stored determination, reasons, and what would change it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openfisca_core.simulations import SimulationBuilder

from talentbridge.accounts.models import User
from talentbridge.core.errors import InvalidInput
from talentbridge.policy import presenter
from talentbridge.policy.models import Determination
from talentbridge.policy.services import determination_make
from talentbridge.practice import catalogue
from talentbridge.rules import labels, params
from talentbridge.rules.explain import plain_value
from talentbridge.rules.system import rulebook

OUTPUTS = ("practice_eligible", "practice_mechanism", "practice_validity_years", "practice_authority")
BOOLEAN_ANSWERS = ("holds_home_licence", "is_permanent_resident", "is_chinese_citizen", "has_disciplinary_record")
# The answer that satisfies each yes/no condition.
WANTED = {
    "holds_home_licence": True,
    "is_permanent_resident": True,
    "is_chinese_citizen": True,
    "has_disciplinary_record": False,
}
MAX_YEARS = 60.0
DECISION_DATE = "decision_date"  # the kernel reads every rule as it stands on this day
SEARCH_MONTHS = 120  # how far ahead "eligible in N months" looks


@dataclass(frozen=True)
class Answers:
    field: str
    zone: str
    home_jurisdiction: str
    years_of_practice: float
    holds_home_licence: bool
    is_permanent_resident: bool
    is_chinese_citizen: bool
    has_disciplinary_record: bool
    on: dt.date

    @property
    def period(self) -> str:
        return f"{self.on.year:04d}-{self.on.month:02d}"

    def person(self) -> dict[str, Any]:
        return {
            "practice_field": self.field,
            "practice_zone": self.zone,
            "home_jurisdiction": self.home_jurisdiction,
            "years_of_practice": float(self.years_of_practice),
            "holds_home_licence": self.holds_home_licence,
            "is_permanent_resident": self.is_permanent_resident,
            "is_chinese_citizen": self.is_chinese_citizen,
            "has_disciplinary_record": self.has_disciplinary_record,
        }

    def inputs(self) -> dict[str, dict[str, Any]]:
        """The answers for the kernel, decided on the day asked about (the rules in force that day)."""
        values = {**self.person(), DECISION_DATE: self.on.isoformat()}
        return {name: {self.period: value} for name, value in values.items()}


def answers_from(data: dict[str, Any]) -> Answers:
    """Validated answers from plain data (form or API); every fault is reported by its field."""
    errors: dict[str, list[str]] = {}
    field_code = str(data.get("field") or "")
    if field_code not in catalogue.FIELDS:
        errors["field"] = [_("Choose a profession from the list.")]
    zone = str(data.get("zone") or "nine_cities")
    if zone not in catalogue.ZONES:
        errors["zone"] = [_("Choose a place from the list.")]
    home = str(data.get("home_jurisdiction") or "")
    if home not in catalogue.HOMES:
        errors["home_jurisdiction"] = [_("Choose Hong Kong or Macao.")]
    years = data.get("years_of_practice")
    try:
        if isinstance(years, bool):
            raise ValueError
        years_value = float(str(years).strip())
        if not 0 <= years_value <= MAX_YEARS or years_value != years_value:
            raise ValueError
    except (TypeError, ValueError):
        errors["years_of_practice"] = [_("Enter a number of years from 0 to 60.")]
        years_value = 0.0
    flags: dict[str, bool] = {}
    for name in BOOLEAN_ANSWERS:
        value = data.get(name, False)
        if not isinstance(value, bool):
            errors[name] = [_("Answer yes or no.")]
        flags[name] = bool(value)
    on = data.get("on") or dt.date.today()
    if isinstance(on, str):
        try:
            on = dt.date.fromisoformat(on)
        except ValueError:
            errors["on"] = [_("Enter a date as YYYY-MM-DD.")]
            on = dt.date.today()
    if not isinstance(on, dt.date) or not 1990 <= on.year <= 2099:
        errors["on"] = [_("Enter a date between 1990 and 2099.")]
        on = dt.date.today()
    if errors:
        raise InvalidInput(details=errors)
    return Answers(field=field_code, zone=zone, home_jurisdiction=home, years_of_practice=years_value, on=on, **flags)


def _evaluate(people: list[dict[str, Any]], on: dt.date) -> list[dict[str, Any]]:
    """One vectorised kernel run over several variants of a person on one day: eligibility, mechanism, authority."""
    tbs = rulebook()
    period = _period_of(on)
    situation = {
        "persons": {
            f"p{i}": {name: {period: value} for name, value in {**person, DECISION_DATE: on.isoformat()}.items()}
            for i, person in enumerate(people)
        }
    }
    simulation = SimulationBuilder().build_from_entities(tbs, situation)
    eligible = np.asarray(simulation.calculate("practice_eligible", period))
    mechanism = simulation.calculate("practice_mechanism", period)
    authority = simulation.calculate("practice_authority", period)
    return [
        {
            "eligible": bool(eligible[i]),
            "mechanism": plain_value(tbs, "practice_mechanism", mechanism, i),
            "authority": plain_value(tbs, "practice_authority", authority, i),
        }
        for i in range(len(people))
    ]


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def _period_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def what_would_change(answers: Answers) -> list[dict[str, Any]]:
    """Changes to one answer (or waiting) that would make the person eligible, each checked with the kernel.

    Years of practice: the first month in which the person, practising on, would qualify under the rules in
    force that month. Yes/no answers, the home SAR and the zone: each flipped alone, on the same date.
    """
    base = answers.person()
    variants: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for name in BOOLEAN_ANSWERS:
        if base[name] != WANTED[name]:
            variants.append(({"kind": "answer", "answer": name, "value": WANTED[name]}, {**base, name: WANTED[name]}))
    for home in catalogue.HOMES:
        if home != answers.home_jurisdiction:
            variants.append(
                ({"kind": "answer", "answer": "home_jurisdiction", "value": home}, {**base, "home_jurisdiction": home})
            )
    for zone in catalogue.ZONES:
        if zone != answers.zone:
            variants.append(({"kind": "answer", "answer": "zone", "value": zone}, {**base, "practice_zone": zone}))
    changes: list[dict[str, Any]] = []
    if variants:
        results = _evaluate([person for _change, person in variants], answers.on)
        for (change, _person), result in zip(variants, results, strict=True):
            if result["eligible"]:
                changes.append({**change, "mechanism": result["mechanism"], "authority": result["authority"]})
    waiting = _months_to_wait(answers, base)
    if waiting is not None:
        changes.insert(0, waiting)
    for change in changes:
        change["text"] = change_text(change)
    return changes


def _rule_change_days(after: dt.date, until: dt.date) -> list[dt.date]:
    """Days in (after, until] on which any parameter of the rules changes."""
    days: set[dt.date] = set()
    for leaf in params.leaves(rulebook().parameters):
        days.update(dt.date.fromisoformat(instant) for instant in params.dated_values(leaf))
    return sorted(day for day in days if after < day <= until)


def _months_to_wait(answers: Answers, base: dict[str, Any]) -> dict[str, Any] | None:
    """The first day ahead on which practising on (years grow, rules of that day) makes the person eligible.

    The days tried are the first of each month ahead and the days on which the rules change. Between two
    changes the rules are the same, so every day tried in such a stretch is one person of a single
    vectorised run on the stretch's first day (a handful of runs instead of one per month).
    """
    last = _add_months(answers.on, SEARCH_MONTHS)
    changes = _rule_change_days(answers.on, last)
    firsts = [(k, _add_months(answers.on, k)) for k in range(1, SEARCH_MONTHS + 1)]
    on_changes = [((day.year - answers.on.year) * 12 + day.month - answers.on.month, day) for day in changes]
    candidates = sorted(dict.fromkeys([*firsts, *on_changes]), key=lambda item: item[1])
    stretches: dict[dt.date, list[tuple[int, dt.date]]] = {}
    for k, day in candidates:
        start = max((change for change in changes if change <= day), default=answers.on)
        stretches.setdefault(start, []).append((k, day))
    for start, tried in sorted(stretches.items()):
        people = []
        for k, day in tried:
            grown = k / 12 if day.day == 1 else (day - answers.on).days / 365.25
            people.append({**base, "years_of_practice": min(MAX_YEARS, answers.years_of_practice + grown)})
        results = _evaluate(people, start)
        for (k, day), person, result in zip(tried, people, results, strict=True):
            if not result["eligible"]:
                continue
            years = person["years_of_practice"]
            pathway = catalogue.pathway_applicable(answers.field, answers.zone, answers.home_jurisdiction, day)
            minimum = pathway.minimum_years_of_practice if pathway else 0.0
            return {
                "kind": "wait",
                "months": k,
                "on": day.isoformat(),
                "years_of_practice": minimum if minimum > answers.years_of_practice else round(years, 2),
                "mechanism": result["mechanism"],
                "authority": result["authority"],
            }
    return None


def change_text(change: dict[str, Any]) -> str:
    if change["kind"] == "wait" and change["months"] == 0:
        return _("Eligible from %(on)s, when the rules change, with %(years)s years of practice.") % {
            "on": date_format(dt.date.fromisoformat(change["on"]), "DATE_FORMAT"),
            "years": f"{change['years_of_practice']:g}",
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


def check_run(*, answers: Answers, user: User | None = None, explore: bool = True) -> dict[str, Any]:
    """Evaluate the answers, store the determination, and return the result with reasons and changes."""
    determination = determination_make(
        inputs=answers.inputs(),
        period=answers.period,
        outputs=list(OUTPUTS),
        user=user if user is not None and user.is_authenticated else None,
    )
    return check_result(determination, answers=answers, explore=explore)


def answers_of(determination: Determination) -> Answers:
    """The answers a stored determination was made from, on the day it decided (else its period's first day)."""
    person = {name: next(iter(values.values())) for name, values in determination.inputs.items()}
    year, month = (int(part) for part in determination.period.split("-"))
    on = dt.date.fromisoformat(person[DECISION_DATE]) if person.get(DECISION_DATE) else dt.date(year, month, 1)
    return Answers(
        field=person["practice_field"],
        zone=person["practice_zone"],
        home_jurisdiction=person["home_jurisdiction"],
        years_of_practice=float(person["years_of_practice"]),
        holds_home_licence=bool(person["holds_home_licence"]),
        is_permanent_resident=bool(person["is_permanent_resident"]),
        is_chinese_citizen=bool(person["is_chinese_citizen"]),
        has_disciplinary_record=bool(person["has_disciplinary_record"]),
        on=on,
    )


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
        "label": labels.variable_label("practice_pathway_available")[catalogue.kernel_language()],
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


def check_result(
    determination: Determination, *, answers: Answers | None = None, explore: bool = True
) -> dict[str, Any]:
    """The result page's data: outcome, pathway, reasons rule by rule with sources, and what would change it.

    Each reason states the person's value, the rule's value and its source. When no pathway applies,
    the pathway reason says why (not open to the person's SAR, ended on a date, none at all) and the
    other conditions, which had nothing to test, are left out.
    """
    answers = answers or answers_of(determination)
    outputs = determination.outputs
    known = presenter.code_labels()
    explained = {entry["variable"]: entry for entry in determination.explanation["outputs"]}
    eligible_entry = explained["practice_eligible"]
    pathway_line = pathway_reason(answers)
    reasons: list[dict[str, Any]] = [pathway_line]
    if pathway_line["met"]:
        all_year = len(pathway_line["pathway"].application_window_months) == 12
        reasons += [
            presenter.reason_view(condition, known=known)
            for condition in eligible_entry["conditions"]
            if condition["variable"] != "practice_pathway_available"
            and not (condition["variable"] == "within_practice_application_window" and all_year and condition["met"])
        ]
    citations: dict[str, dict[str, Any]] = {}
    for entry in explained.values():
        for parameter in entry["parameters"]:
            citations.setdefault(parameter["name"], presenter.parameter_view(parameter, known=known))
    eligible = bool(outputs["practice_eligible"])
    pathway = pathway_line.get("pathway") if pathway_line["met"] else None
    changes = [] if eligible or not explore else what_would_change(answers)
    authority = str(outputs["practice_authority"] or "")
    return {
        "determination_id": determination.pk,
        "answers": answers,
        "period": determination.period,
        "on": answers.on,
        "eligible": eligible,
        "mechanism": outputs["practice_mechanism"],
        "mechanism_label": catalogue.mechanism_label(str(outputs["practice_mechanism"])),
        "authority": authority,
        "authority_name": presenter.code_shown(authority, known=known) if authority else "",
        "validity_years": outputs["practice_validity_years"],
        "pathway": pathway,
        "pathway_reason": pathway_line,
        "reasons": reasons,
        "citations": list(citations.values()),
        "text": determination.explanation.get("text", {}).get(catalogue.kernel_language(), []),
        "rules_version": determination.explanation.get("rules_version", {}),
        "changes": changes,
        "no_change": "" if eligible or not explore or changes else no_change_text(answers, pathway_line),
    }

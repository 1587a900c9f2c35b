"""The check's evaluation: the answers to the kernel, the stored determination, its result with reasons,
and the changes (or the wait) that would make the person eligible, each checked with the kernel."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from openfisca_core.simulations import SimulationBuilder

from talentbridge.accounts.models import User
from talentbridge.core import languages
from talentbridge.policy import presenter
from talentbridge.policy.models import Determination
from talentbridge.policy.services import determination_make
from talentbridge.practice import catalogue
from talentbridge.practice.checker.answers import (
    BOOLEAN_ANSWERS,
    DECISION_DATE,
    MAX_YEARS,
    WANTED,
    Answers,
    answers_of,
)
from talentbridge.practice.checker.reasons import change_text, no_change_text, pathway_reason
from talentbridge.rules import params
from talentbridge.rules.explain import plain_value
from talentbridge.rules.system import rulebook

OUTPUTS = ("practice_eligible", "practice_mechanism", "practice_validity_years", "practice_authority")
SEARCH_MONTHS = 120  # how far ahead "eligible in N months" looks


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
                # Years already enough today: it is the rules that change (a pathway opens), not the years.
                "because": "years" if minimum > answers.years_of_practice else "rules",
                "mechanism": result["mechanism"],
                "authority": result["authority"],
            }
    return None


def check_run(*, answers: Answers, user: User | None = None, explore: bool = True) -> dict[str, Any]:
    """Evaluate the answers, store the determination, and return the result with reasons and changes."""
    determination = determination_make(
        inputs=answers.inputs(),
        period=answers.period,
        outputs=list(OUTPUTS),
        user=user if user is not None and user.is_authenticated else None,
    )
    return check_result(determination, answers=answers, explore=explore)


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
        "text": determination.explanation.get("text", {}).get(languages.language_key(), []),
        "rules_version": determination.explanation.get("rules_version", {}),
        "changes": changes,
        "no_change": "" if eligible or not explore or changes else no_change_text(answers, pathway_line),
    }

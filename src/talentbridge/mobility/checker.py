"""The public eligibility check: the kernel's answer, documents needed, where to apply, coverage by date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from talentbridge.accounts.models import User
from talentbridge.core import languages
from talentbridge.mobility.reasons import check_reasons, dated_rule, years_shown
from talentbridge.policy import presenter
from talentbridge.policy.services import determination_make
from talentbridge.reference.models import Authority
from talentbridge.vocabulary import MAINLAND_CITY, TALENT_CATEGORY

DOCUMENTS_FILE = Path(__file__).resolve().parent / "data" / "documents.yaml"
OUTPUTS = ("endorsement_eligible", "endorsement_validity_years", "endorsement_max_stay_days")
# The vocabulary's nine cities and talent categories (an answer of "none" is no recognised category).
WORK_CITIES = MAINLAND_CITY.codes
CATEGORIES = TALENT_CATEGORY.codes
# The outstanding category may apply at any exit-entry office of the nine cities (NIA announcement).
ANY_OFFICE_CATEGORIES = frozenset({"outstanding"})
AVAILABLE_IN_CITY = "mobility.talent_endorsement.available_in_city"


@dataclass(frozen=True)
class CheckAnswers:
    """What the person told the checker."""

    category: str  # one of CATEGORIES, or "none" for no recognised category
    holds_valid_eep: bool
    work_city: str
    works_in_hetao_shenzhen_park: bool
    on: dt.date
    # Hetao Shenzhen Park staff qualify once filed with the park's management (from 5 Nov 2025);
    # None when the person was not asked (the kernel's default: not filed).
    filed_with_hetao_park_management: bool | None = None

    @property
    def period(self) -> str:
        """The month of the date asked about; the kernel decides on the date itself (`decision_date`)."""
        return f"{self.on:%Y-%m}"

    def kernel_inputs(self) -> dict[str, dict[str, Any]]:
        p = self.period
        inputs: dict[str, dict[str, Any]] = {
            "talent_category": {p: self.category},
            "holds_valid_eep": {p: self.holds_valid_eep},
            "work_city": {p: self.work_city},
            "works_in_hetao_shenzhen_park": {p: self.works_in_hetao_shenzhen_park},
            "decision_date": {p: self.on.isoformat()},
        }
        if self.filed_with_hetao_park_management is not None:
            inputs["filed_with_hetao_park_management"] = {p: self.filed_with_hetao_park_management}
        return inputs


@dataclass
class CheckResult:
    answers: CheckAnswers
    eligible: bool
    # The endorsement's period: None when no endorsement is available (a "0 years" answer is no endorsement).
    validity_years: int | None
    max_stay_days: int | None
    covered_from: dt.date | None
    documents: list[dict[str, str]]
    offices: list[Authority]
    any_gba_office: bool
    reasons: list[str]
    sources: list[dict[str, Any]]
    explanation: dict[str, Any]
    determination_id: int | None = None
    coverage: list[tuple[str, dt.date | None]] = field(default_factory=list)
    reason_items: list[dict[str, Any]] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)

    @property
    def coverage_named(self) -> list[dict[str, Any]]:
        """Each city with its name in the page's language and the date the endorsement starts there."""
        return [{"city": city, "name": presenter.code_shown(city), "since": since} for city, since in self.coverage]

    @property
    def reasons_against(self) -> list[dict[str, Any]]:
        """The reasons not met: why no endorsement is available (none when one is)."""
        return [item for item in self.reason_items if not item["met"]]

    @property
    def summary(self) -> str:
        """The answer in one plain sentence: the endorsement available and its period, or that none is, and why."""
        if self.eligible:
            return _(
                "A talent endorsement is available: valid for %(years)s, with stays of at most %(days)s days each."
            ) % {"years": years_shown(self.validity_years or 0), "days": self.max_stay_days}
        why = " ".join(item["text"] for item in self.reasons_against)
        return _("No talent endorsement is available on %(day)s. Why: %(why)s") % {
            "day": date_format(self.answers.on, "DATE_FORMAT"),
            "why": why or _("the answers meet none of the routes to an endorsement."),
        }

    @property
    def covered(self) -> bool:
        return self.covered_from is not None and self.covered_from <= self.answers.on


@cache
def _documents() -> dict[str, Any]:
    return dict(yaml.safe_load(DOCUMENTS_FILE.read_text(encoding="utf-8")))


def document_labels(language: str | None = None) -> dict[str, str]:
    """The name of every document the checker may ask for, in the language (asked for or not on a case)."""
    data, key = _documents(), languages.language_key(language)
    rows = [*data["common"], *data["hetao_park"], *(row for rows in data["categories"].values() for row in rows)]
    return {row["key"]: row[key] for row in rows}


def documents_needed(category: str, *, hetao_park: bool = False, language: str | None = None) -> list[dict[str, str]]:
    """The documents asked for a category, each with its label in the language and its source."""
    data, key = _documents(), languages.language_key(language)
    rows = [*data["common"], *data["categories"].get(category, [])]
    if hetao_park:
        rows += data["hetao_park"]
    return [{"key": row["key"], "label": row[key], "source": row["source"]} for row in rows]


def city_in_force_from(city: str) -> dt.date | None:
    """The first date the endorsement is issued to people working in `city`, from the kernel's parameter (the
    same day the city's reason gives)."""
    return dated_rule(f"{AVAILABLE_IN_CITY}.{city}").start


def coverage() -> list[tuple[str, dt.date | None]]:
    """Each of the nine cities with the date the endorsement starts there."""
    return [(city, city_in_force_from(city)) for city in WORK_CITIES]


def exit_entry_offices(*, category: str, work_city: str) -> list[Authority]:
    """Where to apply: the exit-entry office of the work city; outstanding talents may use any in the GBA."""
    offices = Authority.objects.filter(kind=Authority.Kind.EXIT_ENTRY, city__isnull=False, city__is_mainland=True)
    if category not in ANY_OFFICE_CATEGORIES:
        offices = offices.filter(city__code=work_city)
    return list(offices.select_related("city").order_by("code"))


def _sources(explanation: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """Each parameter read, once: label, value (and as shown), effective date and citation (never raw notes)."""
    seen: dict[str, dict[str, Any]] = {}
    known = presenter.code_labels()
    for output in explanation["outputs"]:
        for parameter in output["parameters"]:
            view = presenter.parameter_view(parameter, known=known)
            seen.setdefault(
                parameter["name"],
                {
                    "label": view["label"],
                    "value": parameter["value"],
                    "value_shown": view["value_shown"],
                    "unit_shown": view["unit_shown"],
                    "effective_date": parameter["effective_date"],
                    "effective_day": view["effective_day"],
                    "reference": view["reference"],
                    "source": view["source"],
                },
            )
    return list(seen.values())


def endorsement_check(*, answers: CheckAnswers, user: User | None = None, language: str | None = None) -> CheckResult:
    """Ask the kernel, store the answer as a determination, and add documents and offices."""
    determination = determination_make(
        inputs=answers.kernel_inputs(),
        period=answers.period,
        outputs=OUTPUTS,
        user=user if user is not None and user.is_authenticated else None,
    )
    explanation = determination.explanation
    outputs = determination.outputs
    key = languages.language_key(language)
    eligible = bool(outputs["endorsement_eligible"])
    reasons = check_reasons(explanation, answers)
    return CheckResult(
        answers=answers,
        eligible=eligible,
        validity_years=int(outputs["endorsement_validity_years"]) if eligible else None,
        max_stay_days=int(outputs["endorsement_max_stay_days"]) if eligible else None,
        covered_from=city_in_force_from(answers.work_city),
        documents=documents_needed(
            answers.category,
            hetao_park=answers.works_in_hetao_shenzhen_park and answers.work_city == "shenzhen",
            language=language,
        ),
        offices=exit_entry_offices(category=answers.category, work_city=answers.work_city) if eligible else [],
        any_gba_office=answers.category in ANY_OFFICE_CATEGORIES,
        reasons=[item["text"] for item in reasons],
        sources=_sources(explanation, key),
        explanation=explanation,
        determination_id=determination.pk,
        coverage=coverage(),
        reason_items=reasons,
        trace=list(explanation["text"][key]),
    )

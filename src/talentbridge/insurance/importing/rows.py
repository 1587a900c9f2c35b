"""Checking rows: each row parsed and validated, then a chunk checked against reference data, the people on
record, their employment and their exemptions (outside any transaction); each refusal says why."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_noop

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.insurance.aggregation import month_index, wage_bounds
from talentbridge.insurance.importing.common import Reason, money, reason
from talentbridge.insurance.importing.importer import Importer
from talentbridge.insurance.importing.values import mainland_cities, scheme_codes
from talentbridge.insurance.models import EXEMPTIBLE_SCHEMES, ContributionPeriod, Exemption

EARLIEST_MONTH = dt.date(1990, 1, 1)  # the rules kernel reads months from 1990 on
MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-01)?$")
OPEN_END = 10**6  # month index past any real month


def _month(text: str) -> dt.date | None:
    match = MONTH.match(text)
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, 1)


@dataclass
class Row:
    line: int
    person_id: int
    scheme: str
    city_id: int
    jurisdiction_id: int
    employer_name: str
    employer_code: str
    start: dt.date
    end: dt.date | None
    wage: Decimal

    @property
    def span(self) -> tuple[int, int]:
        return month_index(self.start), month_index(self.end) if self.end else OPEN_END

    def identity(self) -> tuple[Any, ...]:
        return (self.person_id, self.scheme, self.start, self.end, self.city_id, self.wage, self.employer_code)


@dataclass
class Context:
    """What every row is checked against: cities, and who the importer may report for."""

    cities: dict[str, tuple[int, int]]
    importer: Importer
    this_month: dt.date
    bounds: dict[dt.date, tuple[Decimal, Decimal]] = field(default_factory=dict)

    @property
    def allowed_city_ids(self) -> frozenset[int] | None:
        return self.importer.city_ids

    def wage_bounds(self, month: dt.date) -> tuple[Decimal, Decimal]:
        if month not in self.bounds:
            self.bounds[month] = wage_bounds(month)
        return self.bounds[month]


def context_for(importer: Importer) -> Context:
    cities = {
        code: (pk, jurisdiction)
        for pk, code, jurisdiction in mainland_cities().values_list("pk", "code", "jurisdiction_id")
    }
    return Context(cities=cities, importer=importer, this_month=clock.today().replace(day=1))


def _parse(line: int, values: dict[str, str], context: Context) -> tuple[dict[str, Any], list[Reason]]:
    """The row's typed values (person still as e-mail) and the reasons it cannot be taken."""
    reasons: list[Reason] = []
    parsed: dict[str, Any] = {"line": line, "email": values.get("person_email", "").strip().lower()}
    if not parsed["email"]:
        reasons.append(reason(gettext_noop("The person is missing.")))
    scheme = values.get("scheme", "").strip().lower()
    if scheme not in scheme_codes():
        reasons.append(reason(gettext_noop("Unknown scheme %(value)r."), value=scheme))
    parsed["scheme"] = scheme
    city = context.cities.get(values.get("city", "").strip().lower())
    if city is None:
        reasons.append(reason(gettext_noop("Unknown city: use one of the nine mainland GBA cities.")))
    elif context.allowed_city_ids is not None and city[0] not in context.allowed_city_ids:
        reasons.append(reason(gettext_noop("This city is not one your fund may report for.")))
    parsed["city"] = city
    parsed["employer_name"] = values.get("employer_name", "").strip()[:200]
    if not parsed["employer_name"]:
        reasons.append(reason(gettext_noop("The employer is missing.")))
    parsed["employer_code"] = values.get("employer_code", "").strip()[:32]
    if (
        context.importer.is_employer
        and parsed["employer_name"]
        and not context.importer.names_this_employer(parsed["employer_name"], parsed["employer_code"])
    ):
        reasons.append(
            reason(gettext_noop("The row names another employer: an employer records only its own contributions."))
        )
    elif context.importer.is_employer and not parsed["employer_code"]:
        # its own row, named by its name alone: recorded with its number, as its other periods are
        parsed["employer_code"] = context.importer.organisation_code.strip()[:32]
    start = _month(values.get("start_month", "").strip())
    end_text = values.get("end_month", "").strip()
    end = _month(end_text) if end_text else None
    if start is None or (end_text and end is None):
        reasons.append(reason(gettext_noop("Write months as YYYY-MM.")))
    else:
        if start < EARLIEST_MONTH or start > context.this_month:
            reasons.append(reason(gettext_noop("The first month must be between 1990-01 and this month.")))
        if end is not None and end < start:
            reasons.append(reason(gettext_noop("The last month is before the first month.")))
        if end is not None and end > context.this_month:
            reasons.append(reason(gettext_noop("The last month is in the future.")))
    parsed["start"], parsed["end"] = start, end
    try:
        wage = Decimal(values.get("monthly_wage", "").strip().replace(",", ""))
        if not wage.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        reasons.append(reason(gettext_noop("The monthly wage is not a number.")))
        wage = None
    if wage is not None and start is not None:
        low, high = context.wage_bounds(start)
        if not low <= wage <= high:
            reasons.append(
                reason(
                    gettext_noop(
                        "The monthly wage must be between %(low)s and %(high)s (60%%–300%% of the average wage)."
                    ),
                    low=money(low),
                    high=money(high),
                )
            )
    parsed["wage"] = wage.quantize(Decimal("0.01")) if wage is not None and not reasons else wage
    return parsed, reasons


def _persons(emails: set[str]) -> dict[str, int]:
    found = User.objects.filter(email__in=emails, role=Role.APPLICANT, is_active=True).values_list("email", "pk")
    return {email.lower(): pk for email, pk in found}


def _exemptions(person_ids: set[int]) -> dict[int, list[tuple[dt.date, dt.date | None]]]:
    windows: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for person_id, start, end in Exemption.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "valid_from", "valid_to"
    ):
        windows[person_id].append((start, end))
    return windows


def _exempt(windows: list[tuple[dt.date, dt.date | None]], start: dt.date, end: dt.date | None) -> bool:
    far = dt.date(9999, 12, 1)
    return any(w_start <= (end or far) and start <= (w_end or far) for w_start, w_end in windows)


def _employees(importer: Importer, person_ids: set[int]) -> set[int]:
    """Those of `person_ids` on record with a period naming the importing organisation as their employer."""
    if not importer.is_employer or not person_ids:
        return set()
    periods = ContributionPeriod.objects.filter(person_id__in=person_ids)
    if importer.organisation_code:
        periods = periods.filter(employer_code__iexact=importer.organisation_code.strip())
    else:
        periods = periods.filter(employer_name__iexact=" ".join(importer.organisation_name.split()))
    return set(periods.values_list("person_id", flat=True).distinct())


# One row's fate in a chunk: (line, values, the row if it may be recorded, reasons if refused).
Checked = tuple[int, dict[str, str], Row | None, list[Reason]]


def check_chunk(chunk: list[tuple[int, dict[str, str]]], context: Context) -> list[Checked]:
    """Parse and check a chunk against reference data, people, employment and exemptions (no transaction)."""
    parsed_rows = [(_parse(line, values, context), values) for line, values in chunk]
    persons = _persons({p["email"] for (p, _r), _v in parsed_rows if p["email"]})
    person_ids = set(persons.values())
    exemptions = _exemptions(person_ids)
    employees = _employees(context.importer, person_ids)
    checked: list[Checked] = []
    for (parsed, reasons), values in parsed_rows:
        person_id = persons.get(parsed["email"])
        if context.importer.is_employer:
            # One reason for "unknown" and "not yours": an employer learns nothing of other people's accounts.
            if parsed["email"] and (person_id is None or person_id not in employees):
                reasons.append(
                    reason(
                        gettext_noop(
                            "Not on record as an employee of your organisation: "
                            "the social insurance fund records a new employee's first period."
                        )
                    )
                )
        elif parsed["email"] and person_id is None:
            reasons.append(reason(gettext_noop("Unknown person: no applicant with this e-mail address.")))
        if reasons:
            checked.append((parsed["line"], values, None, reasons))
            continue
        assert person_id is not None
        row = Row(
            line=parsed["line"],
            person_id=person_id,
            scheme=parsed["scheme"],
            city_id=parsed["city"][0],
            jurisdiction_id=parsed["city"][1],
            employer_name=parsed["employer_name"],
            employer_code=parsed["employer_code"],
            start=parsed["start"],
            end=parsed["end"],
            wage=parsed["wage"],
        )
        if row.scheme in EXEMPTIBLE_SCHEMES and _exempt(exemptions.get(person_id, []), row.start, row.end):
            checked.append(
                (
                    row.line,
                    values,
                    None,
                    [reason(gettext_noop("The person is exempt from this scheme (Macao social security)."))],
                )
            )
            continue
        checked.append((row.line, values, row, []))
    return checked

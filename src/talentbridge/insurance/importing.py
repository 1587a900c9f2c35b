"""Contribution files, row by row: read (CSV or XLSX, streamed), validate, and write in chunks.

Memory stays bounded: rows are read one at a time and handled in chunks of `CHUNK_ROWS`; every
accepted chunk is written (COPY on PostgreSQL, executemany on SQLite) inside the file's one
transaction, so later chunks see earlier ones when they look for overlaps.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.insurance.aggregation import month_index, wage_bounds
from talentbridge.insurance.models import EXEMPTIBLE_SCHEMES, ContributionPeriod, Exemption, Scheme
from talentbridge.reference.models import City

COLUMNS = (
    "person_email",
    "scheme",
    "city",
    "employer_name",
    "employer_code",
    "start_month",
    "end_month",
    "monthly_wage",
)
REQUIRED = ("person_email", "scheme", "city", "employer_name", "start_month", "monthly_wage")
CHUNK_ROWS = 20_000
REPORT_LIMIT = 1_000
EARLIEST_MONTH = dt.date(1990, 1, 1)  # the rules kernel reads months from 1990 on
MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-01)?$")
OPEN_END = 10**6  # month index past any real month
WRITE_COLUMNS = (
    "person_id",
    "scheme",
    "jurisdiction_id",
    "city_id",
    "employer_name",
    "employer_code",
    "start_month",
    "end_month",
    "monthly_wage",
    "source_import_id",
)


class FileFormatError(ValueError):
    """The file cannot be read as a contribution file at all (wrong format or header)."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _check_header(header: list[str]) -> dict[str, int]:
    names = [h.strip().lower().lstrip("\ufeff") for h in header]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise FileFormatError(_("The header lacks the columns: %(names)s") % {"names": ", ".join(missing)})
    return {name: names.index(name) for name in COLUMNS if name in names}


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        try:
            positions = _check_header(next(reader))
        except StopIteration as exc:
            raise FileFormatError(_("The file is empty.")) from exc
        for line, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            yield line, {name: (values[i].strip() if i < len(values) else "") for name, i in positions.items()}


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise FileFormatError(_("The file is not a readable XLSX workbook.")) from exc
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        try:
            positions = _check_header([_cell(v) for v in next(rows)])
        except StopIteration as exc:
            raise FileFormatError(_("The file is empty.")) from exc
        for line, values in enumerate(rows, start=2):
            cells = [_cell(v) for v in values]
            if not any(cells):
                continue
            yield line, {name: (cells[i] if i < len(cells) else "") for name, i in positions.items()}
    finally:
        workbook.close()


def read_rows(path: Path, file_format: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, values by column) for every non-empty data row, one at a time."""
    if file_format == "xlsx":
        return _xlsx_rows(path)
    if file_format == "csv":
        return _csv_rows(path)
    raise FileFormatError(_("Send a CSV or XLSX file."))


def count_rows(path: Path, file_format: str) -> int:
    """About how many data rows the file has (for the progress bar), without reading it into memory."""
    if file_format == "xlsx":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True)
            rows = workbook.worksheets[0].max_row or 1
            workbook.close()
            return max(0, rows - 1)
        except Exception:
            return 0
    lines = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
    return max(0, lines - 1)


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
class Outcome:
    total: int = 0
    accepted: int = 0
    duplicate: int = 0
    rejected_count: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def reject(self, line: int, reasons: list[str], values: dict[str, str]) -> None:
        self.rejected_count += 1
        if len(self.rejected) < REPORT_LIMIT:
            self.rejected.append({"row": line, "person": values.get("person_email", ""), "reasons": reasons})


@dataclass
class Context:
    """What every row is checked against: cities, and the cities the importer may report for."""

    cities: dict[str, tuple[int, int]]
    allowed_city_ids: frozenset[int] | None
    this_month: dt.date
    bounds: dict[dt.date, tuple[Decimal, Decimal]] = field(default_factory=dict)

    def wage_bounds(self, month: dt.date) -> tuple[Decimal, Decimal]:
        if month not in self.bounds:
            self.bounds[month] = wage_bounds(month)
        return self.bounds[month]


def context_for(allowed_city_ids: frozenset[int] | None) -> Context:
    cities = {
        code: (pk, jurisdiction)
        for pk, code, jurisdiction in City.objects.filter(is_mainland=True).values_list("pk", "code", "jurisdiction_id")
    }
    return Context(cities=cities, allowed_city_ids=allowed_city_ids, this_month=clock.today().replace(day=1))


def _parse(line: int, values: dict[str, str], context: Context) -> tuple[dict[str, Any], list[str]]:
    """The row's typed values (person still as e-mail) and the reasons it cannot be taken."""
    reasons: list[str] = []
    parsed: dict[str, Any] = {"line": line, "email": values.get("person_email", "").strip().lower()}
    if not parsed["email"]:
        reasons.append(_("The person is missing."))
    scheme = values.get("scheme", "").strip().lower()
    if scheme not in Scheme.values:
        reasons.append(_("Unknown scheme %(value)r.") % {"value": scheme})
    parsed["scheme"] = scheme
    city = context.cities.get(values.get("city", "").strip().lower())
    if city is None:
        reasons.append(_("Unknown city: use one of the nine mainland GBA cities."))
    elif context.allowed_city_ids is not None and city[0] not in context.allowed_city_ids:
        reasons.append(_("This city is not one your fund may report for."))
    parsed["city"] = city
    parsed["employer_name"] = values.get("employer_name", "").strip()[:200]
    if not parsed["employer_name"]:
        reasons.append(_("The employer is missing."))
    parsed["employer_code"] = values.get("employer_code", "").strip()[:32]
    start = _month(values.get("start_month", "").strip())
    end_text = values.get("end_month", "").strip()
    end = _month(end_text) if end_text else None
    if start is None or (end_text and end is None):
        reasons.append(_("Write months as YYYY-MM."))
    else:
        if start < EARLIEST_MONTH or start > context.this_month:
            reasons.append(_("The first month must be between 1990-01 and this month."))
        if end is not None and end < start:
            reasons.append(_("The last month is before the first month."))
        if end is not None and end > context.this_month:
            reasons.append(_("The last month is in the future."))
    parsed["start"], parsed["end"] = start, end
    try:
        wage = Decimal(values.get("monthly_wage", "").strip().replace(",", ""))
        if not wage.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        reasons.append(_("The monthly wage is not a number."))
        wage = None
    if wage is not None and start is not None:
        low, high = context.wage_bounds(start)
        if not low <= wage <= high:
            reasons.append(
                _("The monthly wage must be between %(low)s and %(high)s (60%%–300%% of the average wage).")
                % {"low": low, "high": high}
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


def _existing(person_ids: set[int]) -> tuple[dict[tuple[int, str], list[tuple[int, int]]], set[tuple[Any, ...]]]:
    spans: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    identities: set[tuple[Any, ...]] = set()
    rows = ContributionPeriod.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "scheme", "start_month", "end_month", "city_id", "monthly_wage", "employer_code"
    )
    for person_id, scheme, start, end, city_id, wage, code in rows.iterator(chunk_size=5000):
        spans[(person_id, scheme)].append((month_index(start), month_index(end) if end else OPEN_END))
        identities.add((person_id, scheme, start, end, city_id, wage, code))
    return spans, identities


def _check_chunk(chunk: list[tuple[int, dict[str, str]]], context: Context, outcome: Outcome) -> list[Row]:
    parsed_rows = [(_parse(line, values, context), values) for line, values in chunk]
    persons = _persons({p["email"] for (p, _r), _v in parsed_rows if p["email"]})
    person_ids = set(persons.values())
    exemptions = _exemptions(person_ids)
    spans, identities = _existing(person_ids)
    accepted: list[Row] = []
    for (parsed, reasons), values in parsed_rows:
        outcome.total += 1
        person_id = persons.get(parsed["email"])
        if parsed["email"] and person_id is None:
            reasons.append(_("Unknown person: no applicant with this e-mail address."))
        if reasons:
            outcome.reject(parsed["line"], reasons, values)
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
        if row.identity() in identities:
            outcome.duplicate += 1
            continue
        if row.scheme in EXEMPTIBLE_SCHEMES and _exempt(exemptions.get(person_id, []), row.start, row.end):
            outcome.reject(row.line, [_("The person is exempt from this scheme (Macao social security).")], values)
            continue
        first, last = row.span
        taken = spans[(person_id, row.scheme)]
        if any(first <= other_last and other_first <= last for other_first, other_last in taken):
            outcome.reject(row.line, [_("Overlaps a period already recorded for this scheme.")], values)
            continue
        taken.append((first, last))
        identities.add(row.identity())
        accepted.append(row)
    return accepted


def _values(row: Row, import_id: int | None) -> tuple[Any, ...]:
    return (
        row.person_id,
        row.scheme,
        row.jurisdiction_id,
        row.city_id,
        row.employer_name,
        row.employer_code,
        row.start,
        row.end,
        row.wage,
        import_id,
    )


def write_rows(rows: list[Row], import_id: int | None) -> None:
    """Insert accepted rows: COPY on PostgreSQL (psycopg 3), executemany elsewhere."""
    if not rows:
        return
    table = connection.ops.quote_name(ContributionPeriod._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in WRITE_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(_values(row, import_id))
            return
        placeholders = ", ".join(["%s"] * len(WRITE_COLUMNS))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        cursor.executemany(
            sql,
            [
                (*v[:6], v[6].isoformat(), v[7].isoformat() if v[7] else None, str(v[8]), v[9])
                for v in (_values(row, import_id) for row in rows)
            ],
        )


def import_rows(
    rows: Iterator[tuple[int, dict[str, str]]],
    *,
    import_id: int | None,
    allowed_city_ids: frozenset[int] | None = None,
    on_chunk: Callable[[int], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> Outcome:
    """Validate and write every row in one transaction; rejected rows go to the outcome's report."""
    outcome = Outcome()
    context = context_for(allowed_city_ids)
    with transaction.atomic():
        while chunk := list(islice(rows, chunk_rows)):
            write_rows(_check_chunk(chunk, context, outcome), import_id)
            outcome.accepted = outcome.total - outcome.duplicate - outcome.rejected_count
            if on_chunk:
                on_chunk(outcome.total)
    return outcome

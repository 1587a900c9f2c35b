"""Contribution files, row by row: check the file's size, read (CSV or XLSX, streamed), validate, write in chunks.

Memory, time and locks stay bounded:
- before anything is parsed, `file_check` refuses a workbook whose members unpack to more than
  `max_unpacked_bytes()` (the sizes declared in the zip directory, which `zipfile` enforces while
  reading) and a file of more than `max_rows()` rows;
- rows are read one at a time and handled in chunks of `CHUNK_ROWS`; a chunk is parsed and checked
  against reference data and the people on record outside any transaction, then its overlap check
  and its insert (COPY on PostgreSQL, executemany on SQLite) run in one short transaction of their
  own, so other writers wait at most one chunk (SQLite takes its write lock at BEGIN IMMEDIATE);
- a retried import re-reads the file: rows it recorded in an earlier attempt count as recorded,
  not as duplicates, so retrying is idempotent.

Who may record a row (`Importer`): a social insurance fund records for anyone insured in its
city; an employer records for its own employees only. An employee of an organisation is a person
already on record with a contribution period naming that organisation as the employer (by its
registration number when the organisation has one, else by its exact name) — recorded by a fund or
by the organisation itself in an earlier import under this same rule — and the row itself must
name that organisation. The first period of a new employee is therefore recorded by the fund.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext_noop

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.tasks import retry_when_locked
from talentbridge.insurance.aggregation import month_index, wage_bounds
from talentbridge.insurance.models import EXEMPTIBLE_SCHEMES, ContributionPeriod, Exemption, Scheme, reason_text
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
# A rejection reason as stored: its English msgid, with its parameters when it has any, put into words
# when the report is read (`insurance.models.reason_text`), so it reads in the reader's language, not
# in the language of the run that made it.
Reason = str | dict[str, Any]


def _reason(msgid: str, **params: str) -> Reason:
    return {"msgid": msgid, "params": params} if params else msgid


REQUIRED = ("person_email", "scheme", "city", "employer_name", "start_month", "monthly_wage")
CHUNK_ROWS = 5_000
ROW_TAGS = (b"<row ", b"<row>", b":row ")  # a worksheet row, with or without a namespace prefix
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
    """The file cannot be read as a contribution file at all (wrong format, header or size).

    It carries its message as a msgid with its values (`reason`), so an import that fails in the
    background stores it in that form and its report puts it into the reader's language; `str()` gives
    the words in the active language.
    """

    def __init__(self, msgid: str, **params: str) -> None:
        self.reason: Reason = _reason(msgid, **params)
        super().__init__(msgid)

    def __str__(self) -> str:
        return reason_text(self.reason)


class Superseded(RuntimeError):
    """The import was retried or expired while this run went on: it stops without writing more."""


def max_rows() -> int:
    return int(settings.INSURANCE_IMPORT_MAX_ROWS)


def max_unpacked_bytes() -> int:
    return int(settings.INSURANCE_XLSX_MAX_UNPACKED_BYTES)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f}"


def _too_many_rows() -> FileFormatError:
    return FileFormatError(
        gettext_noop("The file has more than %(limit)s rows: split it into smaller files."), limit=f"{max_rows():,}"
    )


def _worksheet_name(archive: zipfile.ZipFile) -> str | None:
    names = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    return "xl/worksheets/sheet1.xml" if "xl/worksheets/sheet1.xml" in names else (names[0] if names else None)


def _xlsx_check(path: Path) -> int:
    """The workbook's row count (an upper bound), after refusing one that unpacks to too much."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            unpacked = sum(member.file_size for member in members)
            if unpacked > max_unpacked_bytes():
                raise FileFormatError(
                    gettext_noop(
                        "The workbook unpacks to %(size)s MB, more than the %(limit)s MB allowed: "
                        "split it into smaller files or send it as CSV."
                    ),
                    size=_megabytes(unpacked),
                    limit=_megabytes(max_unpacked_bytes()),
                )
            sheet = _worksheet_name(archive)
            if sheet is None:
                raise FileFormatError(gettext_noop("The file is not a readable XLSX workbook."))
            rows, tail = 0, b""
            with archive.open(sheet) as handle:  # bounded by the sizes checked above
                while block := handle.read(1 << 20):
                    window = tail + block
                    rows += sum(window.count(tag) for tag in ROW_TAGS)
                    tail = window[-4:]  # shorter than a tag: a tag across two blocks is counted once
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise FileFormatError(gettext_noop("The file is not a readable XLSX workbook.")) from exc
    return max(0, rows - 1)


def _csv_lines(path: Path) -> int:
    lines = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
    return max(0, lines - 1)


def file_check(path: Path, file_format: str) -> int:
    """Refuse a file too large to import before it is parsed; returns about how many data rows it has."""
    if file_format == "xlsx":
        rows = _xlsx_check(path)
    elif file_format == "csv":
        rows = _csv_lines(path)
    else:
        raise FileFormatError(gettext_noop("Send a CSV or XLSX file."))
    if rows > max_rows():
        raise _too_many_rows()
    return rows


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
        raise FileFormatError(gettext_noop("The header lacks the columns: %(names)s"), names=", ".join(missing))
    return {name: names.index(name) for name in COLUMNS if name in names}


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        try:
            positions = _check_header(next(reader))
        except StopIteration as exc:
            raise FileFormatError(gettext_noop("The file is empty.")) from exc
        for line, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            yield line, {name: (values[i].strip() if i < len(values) else "") for name, i in positions.items()}


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise FileFormatError(gettext_noop("The file is not a readable XLSX workbook.")) from exc
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        try:
            positions = _check_header([_cell(v) for v in next(rows)])
        except StopIteration as exc:
            raise FileFormatError(gettext_noop("The file is empty.")) from exc
        for line, values in enumerate(rows, start=2):
            cells = [_cell(v) for v in values]
            if not any(cells):
                continue
            yield line, {name: (cells[i] if i < len(cells) else "") for name, i in positions.items()}
    finally:
        workbook.close()


def _bounded(rows: Iterator[tuple[int, dict[str, str]]]) -> Iterator[tuple[int, dict[str, str]]]:
    limit = max_rows()
    for count, row in enumerate(rows, start=1):
        if count > limit:
            raise _too_many_rows()
        yield row


def read_rows(path: Path, file_format: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, values by column) for every non-empty data row, one at a time; the file is checked first."""
    file_check(path, file_format)
    if file_format == "xlsx":
        return _bounded(_xlsx_rows(path))
    return _bounded(_csv_rows(path))


def count_rows(path: Path, file_format: str) -> int:
    """About how many data rows the file has (for the progress bar), without parsing it."""
    try:
        return file_check(path, file_format)
    except FileFormatError:
        return 0


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

    def reject(self, line: int, reasons: list[Reason], values: dict[str, str]) -> None:
        self.rejected_count += 1
        if len(self.rejected) < REPORT_LIMIT:
            self.rejected.append({"row": line, "person": values.get("person_email", ""), "reasons": reasons})


@dataclass(frozen=True)
class Importer:
    """Whose rows a file may record: a fund's (its cities), or an employer's (its employees, its own name)."""

    city_ids: frozenset[int] | None = None
    organisation_id: int | None = None
    organisation_name: str = ""
    organisation_code: str = ""

    @property
    def is_employer(self) -> bool:
        return self.organisation_id is not None

    def names_this_employer(self, name: str, code: str) -> bool:
        """The row's employer is this organisation: by registration number if it has one, else by name."""
        if self.organisation_code:
            return code.strip().casefold() == self.organisation_code.strip().casefold()
        return " ".join(name.split()).casefold() == " ".join(self.organisation_name.split()).casefold()


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
        for pk, code, jurisdiction in City.objects.filter(is_mainland=True).values_list("pk", "code", "jurisdiction_id")
    }
    return Context(cities=cities, importer=importer, this_month=clock.today().replace(day=1))


def _parse(line: int, values: dict[str, str], context: Context) -> tuple[dict[str, Any], list[Reason]]:
    """The row's typed values (person still as e-mail) and the reasons it cannot be taken."""
    reasons: list[Reason] = []
    parsed: dict[str, Any] = {"line": line, "email": values.get("person_email", "").strip().lower()}
    if not parsed["email"]:
        reasons.append(_reason(gettext_noop("The person is missing.")))
    scheme = values.get("scheme", "").strip().lower()
    if scheme not in Scheme.values:
        reasons.append(_reason(gettext_noop("Unknown scheme %(value)r."), value=scheme))
    parsed["scheme"] = scheme
    city = context.cities.get(values.get("city", "").strip().lower())
    if city is None:
        reasons.append(_reason(gettext_noop("Unknown city: use one of the nine mainland GBA cities.")))
    elif context.allowed_city_ids is not None and city[0] not in context.allowed_city_ids:
        reasons.append(_reason(gettext_noop("This city is not one your fund may report for.")))
    parsed["city"] = city
    parsed["employer_name"] = values.get("employer_name", "").strip()[:200]
    if not parsed["employer_name"]:
        reasons.append(_reason(gettext_noop("The employer is missing.")))
    parsed["employer_code"] = values.get("employer_code", "").strip()[:32]
    if (
        context.importer.is_employer
        and parsed["employer_name"]
        and not context.importer.names_this_employer(parsed["employer_name"], parsed["employer_code"])
    ):
        reasons.append(
            _reason(gettext_noop("The row names another employer: an employer records only its own contributions."))
        )
    start = _month(values.get("start_month", "").strip())
    end_text = values.get("end_month", "").strip()
    end = _month(end_text) if end_text else None
    if start is None or (end_text and end is None):
        reasons.append(_reason(gettext_noop("Write months as YYYY-MM.")))
    else:
        if start < EARLIEST_MONTH or start > context.this_month:
            reasons.append(_reason(gettext_noop("The first month must be between 1990-01 and this month.")))
        if end is not None and end < start:
            reasons.append(_reason(gettext_noop("The last month is before the first month.")))
        if end is not None and end > context.this_month:
            reasons.append(_reason(gettext_noop("The last month is in the future.")))
    parsed["start"], parsed["end"] = start, end
    try:
        wage = Decimal(values.get("monthly_wage", "").strip().replace(",", ""))
        if not wage.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        reasons.append(_reason(gettext_noop("The monthly wage is not a number.")))
        wage = None
    if wage is not None and start is not None:
        low, high = context.wage_bounds(start)
        if not low <= wage <= high:
            reasons.append(
                _reason(
                    gettext_noop(
                        "The monthly wage must be between %(low)s and %(high)s (60%%–300%% of the average wage)."
                    ),
                    low=str(low),
                    high=str(high),
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


def _existing(
    person_ids: set[int],
) -> tuple[dict[tuple[int, str], list[tuple[int, int]]], dict[tuple[Any, ...], int | None]]:
    """Recorded spans per (person, scheme), and each recorded row's identity with the import that wrote it."""
    spans: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    identities: dict[tuple[Any, ...], int | None] = {}
    rows = ContributionPeriod.objects.filter(person_id__in=person_ids).values_list(
        "person_id",
        "scheme",
        "start_month",
        "end_month",
        "city_id",
        "monthly_wage",
        "employer_code",
        "source_import_id",
    )
    for person_id, scheme, start, end, city_id, wage, code, source in rows.iterator(chunk_size=5000):
        spans[(person_id, scheme)].append((month_index(start), month_index(end) if end else OPEN_END))
        identities[(person_id, scheme, start, end, city_id, wage, code)] = source
    return spans, identities


# One row's fate in a chunk: (line, values, the row if it may be recorded, reasons if refused).
Checked = tuple[int, dict[str, str], Row | None, list[Reason]]


def _check_chunk(chunk: list[tuple[int, dict[str, str]]], context: Context) -> list[Checked]:
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
                    _reason(
                        gettext_noop(
                            "Not on record as an employee of your organisation: "
                            "the social insurance fund records a new employee's first period."
                        )
                    )
                )
        elif parsed["email"] and person_id is None:
            reasons.append(_reason(gettext_noop("Unknown person: no applicant with this e-mail address.")))
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
                    [_reason(gettext_noop("The person is exempt from this scheme (Macao social security)."))],
                )
            )
            continue
        checked.append((row.line, values, row, []))
    return checked


@dataclass
class ChunkResult:
    accepted: int = 0
    duplicate: int = 0
    rejected: list[tuple[int, list[Reason], dict[str, str]]] = field(default_factory=list)


def _record_chunk(checked: list[Checked], import_id: int | None) -> ChunkResult:
    """Inside one short transaction: refuse overlaps with what is recorded now, insert the rest."""
    result = ChunkResult()
    rows = [row for _line, _values, row, _reasons in checked if row is not None]
    spans, identities = _existing({row.person_id for row in rows})
    accepted: list[Row] = []
    for line, values, row, reasons in checked:
        if row is None:
            result.rejected.append((line, reasons, values))
            continue
        identity = row.identity()
        if identity in identities:
            if import_id is not None and identities[identity] == import_id:
                result.accepted += 1  # recorded by an earlier attempt of this same import
            else:
                result.duplicate += 1
            continue
        first, last = row.span
        taken = spans[(row.person_id, row.scheme)]
        if any(first <= other_last and other_first <= last for other_first, other_last in taken):
            result.rejected.append(
                (line, [_reason(gettext_noop("Overlaps a period already recorded for this scheme."))], values)
            )
            continue
        taken.append((first, last))
        identities[identity] = import_id
        accepted.append(row)
    write_rows(accepted, import_id)
    result.accepted += len(accepted)
    return result


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
    importer: Importer | None = None,
    allowed_city_ids: frozenset[int] | None = None,
    on_chunk: Callable[[int], None] | None = None,
    still_current: Callable[[], bool] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> Outcome:
    """Check each chunk outside any transaction, then record it in a short one; rejected rows go to the report.

    `still_current()` is asked inside each write transaction: False (the import was retried or
    expired meanwhile) stops the run with `Superseded` before it writes anything more.
    """
    outcome = Outcome()
    context = context_for(importer or Importer(city_ids=allowed_city_ids))
    while chunk := list(islice(rows, chunk_rows)):
        checked = _check_chunk(chunk, context)

        def record(checked: list[Checked] = checked) -> ChunkResult:
            with transaction.atomic():
                if still_current is not None and not still_current():
                    raise Superseded()
                return _record_chunk(checked, import_id)

        result = retry_when_locked(record)
        outcome.total += len(checked)
        outcome.accepted += result.accepted
        outcome.duplicate += result.duplicate
        for line, reasons, values in result.rejected:
            outcome.reject(line, reasons, values)
        if on_chunk:
            on_chunk(outcome.total)
    return outcome


def allowed_cities(user: User) -> frozenset[int] | None:
    """A fund reports only for its own city; an employer for any of the nine cities."""
    if user.role == Role.REVIEWER and user.authority is not None and user.authority.city_id:
        return frozenset({user.authority.city_id})
    return None


def importer_for(user: User) -> Importer:
    """What the user's rows may record: a fund's city, or an employer's own employees under its own name."""
    if user.role == Role.ORGANISATION_STAFF and user.organisation is not None:
        organisation = user.organisation
        return Importer(
            organisation_id=organisation.pk,
            organisation_name=organisation.name,
            organisation_code=organisation.unified_social_credit_code or "",
        )
    return Importer(city_ids=allowed_cities(user))

"""Recording rows: chunk by chunk, each overlap check and insert in one short transaction of its own.

Rows are handled in chunks of `CHUNK_ROWS`; a chunk is checked (`rows.check_chunk`) outside any
transaction, then its overlap check and its insert (COPY on PostgreSQL, executemany on SQLite) run in
one short transaction, so other writers wait at most one chunk (SQLite takes its write lock at BEGIN
IMMEDIATE). A retried import re-reads the file: rows it recorded in an earlier attempt count as
recorded, not as duplicates, so retrying is idempotent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext_noop

from talentbridge.core.tasks import retry_when_locked
from talentbridge.insurance.aggregation import month_index
from talentbridge.insurance.importing.common import Reason, reason
from talentbridge.insurance.importing.importer import Importer
from talentbridge.insurance.importing.rows import OPEN_END, Checked, Row, check_chunk, context_for
from talentbridge.insurance.models import ContributionPeriod

CHUNK_ROWS = 5_000
REPORT_LIMIT = 1_000
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


class Superseded(RuntimeError):
    """The import was retried or expired while this run went on: it stops without writing more."""


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
                (line, [reason(gettext_noop("Overlaps a period already recorded for this scheme."))], values)
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
        checked = check_chunk(chunk, context)

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

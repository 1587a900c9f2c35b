"""Contribution files, row by row: check the file's size, read (CSV or XLSX, streamed), validate, write in chunks.

Memory, time and locks stay bounded:
- before anything is parsed, `reading.file_check` refuses a workbook whose members unpack to more than
  `max_unpacked_bytes()` (the sizes declared in the zip directory, which `zipfile` enforces while
  reading) and a file of more than `max_rows()` rows;
- rows are read one at a time and handled in chunks of `writing.CHUNK_ROWS`; a chunk is parsed and checked
  against reference data and the people on record outside any transaction (`rows`), then its overlap check
  and its insert (COPY on PostgreSQL, executemany on SQLite) run in one short transaction of their
  own (`writing`), so other writers wait at most one chunk (SQLite takes its write lock at BEGIN IMMEDIATE);
- a retried import re-reads the file: rows it recorded in an earlier attempt count as recorded,
  not as duplicates, so retrying is idempotent.

Who may record a row (`importer.Importer`): a social insurance fund records for anyone insured in its
city; an employer records for its own employees only. An employee of an organisation is a person
already on record with a contribution period naming that organisation as the employer (by its
registration number when the organisation has one, else by its exact name) — recorded by a fund or
by the organisation itself in an earlier import under this same rule — and the row itself must
name that organisation. The first period of a new employee is therefore recorded by the fund.
"""

from talentbridge.insurance.importing.importer import Importer, importer_for
from talentbridge.insurance.importing.reading import (
    COLUMNS,
    REQUIRED,
    FileFormatError,
    file_check,
    max_rows,
    max_unpacked_bytes,
    read_rows,
)
from talentbridge.insurance.importing.values import city_choices, scheme_choices
from talentbridge.insurance.importing.writing import Superseded, import_rows

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "FileFormatError",
    "Importer",
    "Superseded",
    "city_choices",
    "file_check",
    "import_rows",
    "importer_for",
    "max_rows",
    "max_unpacked_bytes",
    "read_rows",
    "scheme_choices",
]

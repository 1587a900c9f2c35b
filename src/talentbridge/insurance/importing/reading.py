"""Reading a contribution file: its size and row count checked before parsing, then CSV or XLSX rows streamed.

Before anything is parsed, `file_check` refuses a workbook whose members unpack to more than
`max_unpacked_bytes()` (the sizes declared in the zip directory, which `zipfile` enforces while
reading) and a file of more than `max_rows()` rows; rows are then read one at a time.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_noop, ngettext

from talentbridge.core.models import stored_plural
from talentbridge.insurance.importing.common import Reason, reason
from talentbridge.insurance.models import reason_text

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
ROW_TAGS = (b"<row ", b"<row>", b":row ")  # a worksheet row, with or without a namespace prefix
# A reason that earlier versions stored in failed imports (before it took its plural form): kept in the
# catalogue so those reports still read in each reader's language.
EARLIER_WORDS = (gettext_noop("The file has more than %(limit)s rows: split it into smaller files."),)


class FileFormatError(ValueError):
    """The file cannot be read as a contribution file at all (wrong format, header or size).

    It carries its message as a msgid with its values (`reason`), so an import that fails in the
    background stores it in that form and its report puts it into the reader's language; `str()` gives
    the words in the active language.
    """

    def __init__(self, msgid: Reason, **params: str) -> None:
        """`msgid` with its values, or a reason already made (say, with a plural: `stored_plural`)."""
        self.reason: Reason = msgid if isinstance(msgid, dict) else reason(msgid, **params)
        super().__init__(self.reason["msgid"] if isinstance(self.reason, dict) else self.reason)

    def __str__(self) -> str:
        return reason_text(self.reason)


def max_rows() -> int:
    return int(settings.INSURANCE_IMPORT_MAX_ROWS)


def max_unpacked_bytes() -> int:
    return int(settings.INSURANCE_XLSX_MAX_UNPACKED_BYTES)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f}"


def _too_many_rows() -> FileFormatError:
    limit = max_rows()
    return FileFormatError(
        stored_plural(
            lambda n: ngettext(
                "The file has more than %(limit)s row: split it into smaller files.",
                "The file has more than %(limit)s rows: split it into smaller files.",
                n,
            ),
            limit,
            limit=f"{limit:,}",
        )
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


NOT_A_CONTRIBUTION_FILE = gettext_noop("This is not a CSV or XLSX file.")
SNIFF_BYTES = 64 * 1024  # the first line of a CSV file (its header) is well within this


def _csv_sniff(path: Path) -> None:
    """Refuse a CSV file that is not text, or whose first line lacks the columns (another file renamed .csv)."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if b"\0" in head:
        raise FileFormatError(NOT_A_CONTRIBUTION_FILE)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        text = decoder.decode(head, final=len(head) < SNIFF_BYTES)
    except UnicodeDecodeError as exc:
        raise FileFormatError(NOT_A_CONTRIBUTION_FILE) from exc
    first = text.splitlines()[0] if text.strip() else ""
    if not first.strip():
        raise FileFormatError(gettext_noop("The file is empty."))
    _check_header(next(csv.reader([first]), []))


def _xlsx_sniff(path: Path) -> None:
    """Refuse an XLSX file that is not a ZIP archive holding a workbook (another file renamed .xlsx)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise FileFormatError(NOT_A_CONTRIBUTION_FILE)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise FileFormatError(NOT_A_CONTRIBUTION_FILE) from exc


def file_check(path: Path, file_format: str) -> int:
    """Refuse a file that is not what its name says, or too large to import, before it is parsed; returns
    about how many data rows it has. A refusal here is about the file itself: sending it again cannot help."""
    if file_format == "xlsx":
        _xlsx_sniff(path)
        rows = _xlsx_check(path)
    elif file_format == "csv":
        rows = _csv_lines(path)
        if rows <= max_rows():  # a file too long is refused for its length first, as a workbook is
            _csv_sniff(path)
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

"""Writes of insurance: contribution imports, exemptions, and ending periods."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, InvalidInput
from talentbridge.core.tasks import progress_start
from talentbridge.insurance.models import ContributionImport, ContributionPeriod, Exemption
from talentbridge.reference.models import Authority

MAX_IMPORT_BYTES = 512 * 1024 * 1024
FORMATS = {".csv": "csv", ".xlsx": "xlsx"}
XLSX_MAGIC = b"PK\x03\x04"


def import_root() -> Path:
    return Path(getattr(settings, "INSURANCE_IMPORT_ROOT", Path(settings.VAR_DIR) / "insurance-imports"))


def may_import(user: User) -> bool:
    """Agencies' staff, and reviewers of a social insurance fund, send contribution files."""
    if not user.is_active:
        return False
    if user.role == Role.ORGANISATION_STAFF:
        return True
    return (
        user.role == Role.REVIEWER
        and user.authority is not None
        and user.authority.kind == Authority.Kind.SOCIAL_INSURANCE
    )


def allowed_cities(user: User) -> frozenset[int] | None:
    """A fund reports only for its own city; an agency for any of the nine cities."""
    if user.role == Role.REVIEWER and user.authority is not None and user.authority.city_id:
        return frozenset({user.authority.city_id})
    return None


def _store(chunks: Iterable[bytes], suffix: str) -> tuple[Path, str, int]:
    root = import_root()
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"{uuid.uuid4().hex}{suffix}"
    digest, size = hashlib.sha256(), 0
    with path.open("wb") as handle:
        for block in chunks:
            size += len(block)
            if size > MAX_IMPORT_BYTES:
                handle.close()
                path.unlink(missing_ok=True)
                raise InvalidInput(details={"file": [_("The file is larger than 512 MB.")]})
            digest.update(block)
            handle.write(block)
    return path, digest.hexdigest(), size


def contribution_import_start(
    *,
    user: User,
    chunks: Iterable[bytes],
    original_name: str,
    link: Callable[[ContributionImport], str] | None = None,
) -> tuple[ContributionImport, bool]:
    """Store the file, record it and enqueue its import; `(import, False)` if this file was sent before.

    The same file (by SHA-256) is never imported twice: the earlier import is returned unchanged.
    """
    if not may_import(user):
        raise Forbidden(_("Only agencies and social insurance funds can import contribution records."))
    file_format = FORMATS.get(Path(original_name).suffix.lower())
    if file_format is None:
        raise InvalidInput(details={"file": [_("Send a CSV or XLSX file.")]})
    path, sha256, size = _store(chunks, f".{file_format}")
    if size == 0:
        path.unlink(missing_ok=True)
        raise InvalidInput(details={"file": [_("The file is empty.")]})
    if file_format == "xlsx" and path.open("rb").read(4) != XLSX_MAGIC:
        path.unlink(missing_ok=True)
        raise InvalidInput(details={"file": [_("The file is not a readable XLSX workbook.")]})
    earlier = ContributionImport.objects.filter(sha256=sha256).first()
    if earlier is not None:
        path.unlink(missing_ok=True)
        return earlier, False
    from talentbridge.insurance import importing
    from talentbridge.insurance.tasks import run_contribution_import

    with transaction.atomic():
        progress = progress_start(
            label=_("Contribution import: %(name)s") % {"name": original_name[:150]},
            owner=user,
            total=importing.count_rows(path, file_format),
        )
        record = ContributionImport.objects.create(
            uploaded_by=user,
            original_name=original_name[:255],
            file_format=file_format,
            sha256=sha256,
            stored_path=str(path),
            progress=progress,
        )
        if link is not None:
            progress.result = {"contribution_import": record.pk, "url": link(record)}
            progress.save(update_fields=["result"])
        record_id, language = record.pk, translation.get_language() or "en"
        transaction.on_commit(lambda: run_contribution_import.enqueue(record_id, language))
    return record, True


def exemption_record(
    *,
    person: User,
    evidence: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    recorded_by: User | None = None,
) -> Exemption:
    """Record a Macao resident's first-tier social security cover: no mainland pension or unemployment then."""
    if person.residence != "MO":
        raise InvalidInput(details={"person": [_("Only Macao residents can be exempted.")]})
    if not evidence.strip():
        raise InvalidInput(details={"evidence": [_("Name the evidence of Macao social security cover.")]})
    if valid_to is not None and valid_to < valid_from:
        raise InvalidInput(details={"valid_to": [_("The end is before the start.")]})
    with transaction.atomic():
        exemption = Exemption(
            person=person, evidence=evidence.strip(), valid_from=valid_from, valid_to=valid_to, recorded_by=recorded_by
        )
        exemption.full_clean()
        exemption.save()
    return exemption


def periods_end_open(*, person: User, last_month: dt.date | None = None) -> int:
    """End every open period of `person` with `last_month` (default: this month); returns how many."""
    month = (last_month or clock.today()).replace(day=1)
    with transaction.atomic():
        ended = 0
        for period in ContributionPeriod.objects.select_for_update().filter(person=person, end_month__isnull=True):
            period.end_month = max(month, period.start_month)
            period.save(update_fields=["end_month"])
            ended += 1
    return ended

"""Contribution imports: who may send them, a file stored and checked, its import queued, reconciled and retried."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from talentbridge.core.models import TaskProgress, stored
from talentbridge.core.tasks import progress_attach_task, progress_start, progress_update, task_result_ended
from talentbridge.core.tasks import progress_expire_stale as expire_stale
from talentbridge.insurance import importing
from talentbridge.insurance.models import ContributionImport
from talentbridge.insurance.selectors import import_list
from talentbridge.insurance.tasks import run_contribution_import
from talentbridge.reference.models import Authority

MAX_IMPORT_BYTES = 512 * 1024 * 1024
FORMATS = {".csv": "csv", ".xlsx": "xlsx"}
UNFINISHED = (ContributionImport.Status.QUEUED, ContributionImport.Status.RUNNING)


def import_root() -> Path:
    return Path(settings.INSURANCE_IMPORT_ROOT)


def is_fund_staff(user: User) -> bool:
    """Staff of a social insurance fund (a reviewer of a fund authority)."""
    return (
        user.is_active
        and user.role == Role.REVIEWER
        and user.authority is not None
        and user.authority.kind == Authority.Kind.SOCIAL_INSURANCE
    )


def may_import(user: User) -> bool:
    """Contributions are recorded by an employer (its staff) or by a social insurance fund (its staff).

    Administrators run the platform; they record no contributions, on the web or through the API.
    """
    if not user.is_active:
        return False
    if user.role == Role.ORGANISATION_STAFF:
        return user.organisation_id is not None
    return is_fund_staff(user)


def may_view_imports(user: User) -> bool:
    """Importers see their own imports; administrators see every import (read only)."""
    return may_import(user) or (user.is_active and user.role == Role.ADMINISTRATOR)


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


def _refuse_file(path: Path, message: str) -> InvalidInput:
    path.unlink(missing_ok=True)
    return InvalidInput(message, details={"file": [message]})


def contribution_import_start(
    *,
    user: User,
    chunks: Iterable[bytes],
    original_name: str,
    link: Callable[[ContributionImport], str] | None = None,
) -> tuple[ContributionImport, bool]:
    """Store and check the file, record it and enqueue its import; `(import, False)` if this importer sent it before.

    The idempotency key is (importer, SHA-256): the same bytes from someone else are their own import.
    A file sent again whose earlier import failed is retried (`(import, True)`). The file's size and
    row count are checked here, outside any transaction, before anything is parsed or locked.
    """
    if not may_import(user):
        raise Forbidden(_("Only employers and social insurance funds can import contribution records."))
    file_format = FORMATS.get(Path(original_name).suffix.lower())
    if file_format is None:
        raise InvalidInput(details={"file": [_("Send a CSV or XLSX file.")]})
    path, sha256, size = _store(chunks, f".{file_format}")
    if size == 0:
        raise _refuse_file(path, _("The file is empty."))
    try:  # the content is sniffed: a CSV is text with the header, an XLSX a ZIP holding a workbook
        rows = importing.file_check(path, file_format)
    except importing.FileFormatError as error:
        raise _refuse_file(path, str(error)) from error
    earlier = ContributionImport.objects.filter(uploaded_by=user, sha256=sha256).first()
    if earlier is not None:
        path.unlink(missing_ok=True)
        earlier = contribution_import_reconcile(record=earlier)
        if earlier.status == ContributionImport.Status.FAILED:
            return contribution_import_retry(user=user, import_id=earlier.pk, link=link), True
        return earlier, False
    try:
        with transaction.atomic():
            record = ContributionImport.objects.create(
                uploaded_by=user,
                original_name=original_name[:255],
                file_format=file_format,
                sha256=sha256,
                stored_path=str(path),
            )
            _enqueue(record, user=user, total=rows, link=link)
    except IntegrityError:  # the same importer sent the same bytes twice at once: one import
        path.unlink(missing_ok=True)
        return ContributionImport.objects.get(uploaded_by=user, sha256=sha256), False
    return record, True


def _enqueue(
    record: ContributionImport, *, user: User, total: int, link: Callable[[ContributionImport], str] | None
) -> None:
    """A fresh progress record for this attempt, and the task on commit (inside the caller's transaction)."""
    progress = progress_start(
        label=stored(gettext_noop("Contribution import: %(name)s"), name=record.original_name[:150]),
        owner=user,
        total=total,
    )
    if link is not None:
        progress.result = {"contribution_import": record.pk, "url": link(record)}
        progress.save(update_fields=["result"])
    ContributionImport.objects.filter(pk=record.pk).update(progress=progress)
    record.progress = progress
    record_id, attempt, language = record.pk, record.attempt, translation.get_language() or "en"

    def enqueue() -> None:
        result = run_contribution_import.enqueue(record_id, language, attempt)
        ContributionImport.objects.filter(pk=record_id, attempt=attempt).update(task_id=str(result.id)[:64])
        progress_attach_task(progress.pk, str(result.id))

    transaction.on_commit(enqueue)


def contribution_import_reconcile(*, record: ContributionImport) -> ContributionImport:
    """An unfinished import whose worker stopped is failed with a reason; returns it fresh.

    Stopped means: its task ended without finishing it (the supervisor fails the task of a worker
    that died), or its progress record's lease ran out (no chunk reported for `TASK_LEASE_SECONDS`).
    """
    if record.finished or record.progress_id is None:
        return record
    if task_result_ended(record.task_id):
        TaskProgress.objects.filter(pk=record.progress_id).exclude(status=TaskProgress.Status.DONE).update(
            status=TaskProgress.Status.FAILED
        )
    else:
        expire_stale(ids=[record.progress_id])
    progress = TaskProgress.objects.filter(pk=record.progress_id).first()
    if progress is not None and progress.status == TaskProgress.Status.FAILED:
        message = gettext_noop(
            "The import stopped before it finished: the background worker was interrupted. "
            "The rows recorded so far are kept; retry the import to finish it."
        )
        ContributionImport.objects.filter(pk=record.pk, attempt=record.attempt, status__in=UNFINISHED).update(
            status=ContributionImport.Status.FAILED,
            error=message,
            error_reason={"attempt": record.attempt, "reason": message},
            finished_at=clock.now(),
        )
        progress_update(progress.pk, message=message)
    record.refresh_from_db()
    return record


def contribution_imports_reconcile(*, user: User) -> int:
    """Reconcile every unfinished import of `user` (all of them for an administrator); returns how many failed."""
    failed = 0
    for record in import_list(user=user).filter(status__in=UNFINISHED).select_related("uploaded_by"):
        failed += contribution_import_reconcile(record=record).status == ContributionImport.Status.FAILED
    return failed


def contribution_import_retry(
    *, user: User, import_id: int, link: Callable[[ContributionImport], str] | None = None
) -> ContributionImport:
    """Run a failed import again, as a new attempt; rows it already recorded count as recorded, not twice."""
    if not may_import(user):
        raise Forbidden(_("Only employers and social insurance funds can import contribution records."))
    record = ContributionImport.objects.filter(pk=import_id, uploaded_by=user).first()
    if record is None:
        raise NotFound()
    record = contribution_import_reconcile(record=record)
    if record.status != ContributionImport.Status.FAILED:
        raise Conflict(_("Only a failed import can be retried."))
    if not record.retriable:
        raise Conflict(_("The file itself cannot be imported: correct it and send it again."))
    if not record.stored_path or not Path(record.stored_path).is_file():
        raise Conflict(_("The file of this import is no longer kept: send it again."))
    try:
        rows = importing.file_check(Path(record.stored_path), record.file_format)
    except importing.FileFormatError as error:
        raise InvalidInput(str(error), details={"file": [str(error)]}) from error
    with transaction.atomic():
        updated = ContributionImport.objects.filter(
            pk=record.pk, attempt=record.attempt, status=ContributionImport.Status.FAILED
        ).update(
            attempt=F("attempt") + 1,
            status=ContributionImport.Status.QUEUED,
            error="",
            finished_at=None,
            rows_total=0,
            rows_accepted=0,
            rows_duplicate=0,
            rows_rejected=0,
            rejected=[],
            task_id="",
        )
        if not updated:
            raise Conflict(_("Only a failed import can be retried."))
        record.refresh_from_db()
        _enqueue(record, user=user, total=rows, link=link)
    return record

"""Background work of insurance: importing one contribution file, chunk by chunk, renewing its lease as it goes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import OperationalError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from talentbridge.core.models import StoredText, TaskProgress, stored, stored_plural
from talentbridge.core.tasks import database_is_locked, progress_update, retry_when_locked, task
from talentbridge.insurance import importing
from talentbridge.insurance.models import ContributionImport, reason_text

Status = ContributionImport.Status

# Words that earlier versions stored in progress records (before counts took their plural form): kept
# in the catalogue so those records still read in each reader's language.
EARLIER_WORDS = (
    gettext_noop("%(n)s rows checked."),
    gettext_noop("%(accepted)s rows recorded, %(duplicate)s already recorded, %(rejected)s rejected."),
)


@task()
def run_contribution_import(import_id: int, language: str = "en", attempt: int = 1) -> dict[str, Any]:
    """Import the stored file; each chunk is recorded in its own short transaction, rejected rows reported.

    The run claims its attempt (queued → running); a run of an attempt that was retried or expired
    meanwhile stops before writing. Lock errors are waited out chunk by chunk, never fatal to the worker.
    """
    record = ContributionImport.objects.select_related("uploaded_by__authority", "uploaded_by__organisation").get(
        pk=import_id
    )
    progress_id = record.progress_id
    with translation.override(language):
        claimed = retry_when_locked(
            lambda: ContributionImport.objects.filter(pk=record.pk, attempt=attempt, status=Status.QUEUED).update(
                status=Status.RUNNING
            )
        )
        if not claimed:
            return {"contribution_import": record.pk, "skipped": _("This attempt was superseded.")}
        if progress_id:
            retry_when_locked(
                lambda: progress_update(
                    progress_id, status=TaskProgress.Status.RUNNING, message=gettext_noop("Started.")
                )
            )

        def still_current() -> bool:
            return ContributionImport.objects.filter(pk=record.pk, attempt=attempt, status=Status.RUNNING).exists()

        def on_chunk(done: int) -> None:
            if progress_id:
                message = stored_plural(
                    lambda n: ngettext("%(n)s row checked.", "%(n)s rows checked.", n), done, n=done
                )
                retry_when_locked(lambda: progress_update(progress_id, done=done, message=message))

        try:
            outcome = importing.import_rows(
                importing.read_rows(Path(record.stored_path), record.file_format),
                import_id=record.pk,
                importer=importing.importer_for(record.uploaded_by),
                on_chunk=on_chunk,
                still_current=still_current,
            )
        except importing.Superseded:
            return {"contribution_import": record.pk, "skipped": _("This attempt was superseded.")}
        except importing.FileFormatError as error:
            return _fail(record, attempt, progress_id, error.reason, file_fault=True)
        except OperationalError as error:
            if not database_is_locked(error):
                _fail(record, attempt, progress_id, gettext_noop("The import failed; retry it."), detail=repr(error))
                raise
            return _fail(
                record, attempt, progress_id, gettext_noop("The database stayed busy for too long; retry the import.")
            )
        except Exception as error:
            _fail(record, attempt, progress_id, gettext_noop("The import failed; retry it."), detail=repr(error))
            raise
        retry_when_locked(
            lambda: ContributionImport.objects.filter(pk=record.pk, attempt=attempt).update(
                status=Status.DONE,
                rows_total=outcome.total,
                rows_accepted=outcome.accepted,
                rows_duplicate=outcome.duplicate,
                rows_rejected=outcome.rejected_count,
                rejected=outcome.rejected,
                error="",
                finished_at=timezone.now(),
            )
        )
        if progress_id:
            message = outcome_message(outcome.accepted, outcome.duplicate, outcome.rejected_count)
            retry_when_locked(
                lambda: progress_update(
                    progress_id,
                    status=TaskProgress.Status.DONE,
                    done=outcome.total,
                    total=outcome.total,
                    message=message,
                )
            )
    return {"contribution_import": record.pk, "accepted": outcome.accepted, "rejected": outcome.rejected_count}


def outcome_message(accepted: int, duplicate: int, rejected: int) -> StoredText:
    """What became of the rows, to store: each count with the plural form of the reader's language."""
    return stored(
        # Translators: what became of an import's rows: "2 rows recorded", "1 already recorded", "0 rejected".
        gettext_noop("%(accepted)s, %(duplicate)s, %(rejected)s."),
        accepted=stored_plural(
            lambda n: ngettext("%(n)s row recorded", "%(n)s rows recorded", n), accepted, n=accepted
        ),
        duplicate=stored_plural(
            lambda n: ngettext("%(n)s already recorded", "%(n)s already recorded", n), duplicate, n=duplicate
        ),
        rejected=stored_plural(lambda n: ngettext("%(n)s rejected", "%(n)s rejected", n), rejected, n=rejected),
    )


def _fail(
    record: ContributionImport,
    attempt: int,
    progress_id: Any,
    reason: str | dict[str, Any],
    detail: str = "",
    *,
    file_fault: bool = False,
) -> dict[str, Any]:
    """Mark the attempt failed; the reason is stored as a msgid (with its values) and read in the reader's language.

    `file_fault`: the file itself cannot be imported (its format or header), so no retry is offered."""
    message = reason_text(reason)
    failure: dict[str, Any] = {"attempt": attempt, "reason": reason}
    if file_fault:
        failure["file"] = True

    def write() -> None:
        ContributionImport.objects.filter(pk=record.pk, attempt=attempt).update(
            status=Status.FAILED,
            error=message,
            error_reason=failure,
            finished_at=timezone.now(),
        )
        if progress_id:
            progress_update(progress_id, status=TaskProgress.Status.FAILED, message=reason)

    retry_when_locked(write)
    return {"contribution_import": record.pk, "error": message, "detail": detail}

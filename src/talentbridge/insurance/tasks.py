"""Background work of insurance: importing one contribution file, reporting progress per chunk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from talentbridge.core.models import TaskProgress
from talentbridge.core.tasks import progress_update, task
from talentbridge.insurance import importing
from talentbridge.insurance.models import ContributionImport
from talentbridge.insurance.services import allowed_cities


@task()
def run_contribution_import(import_id: int, language: str = "en") -> dict[str, Any]:
    """Import the stored file; accepted rows commit together, rejected rows are reported with reasons."""
    record = ContributionImport.objects.select_related("uploaded_by__authority").get(pk=import_id)
    progress_id = record.progress_id
    with translation.override(language):
        ContributionImport.objects.filter(pk=record.pk).update(status=ContributionImport.Status.RUNNING)
        if progress_id:
            progress_update(progress_id, status=TaskProgress.Status.RUNNING, message=_("Started."))

        def on_chunk(done: int) -> None:
            if progress_id:
                progress_update(progress_id, done=done, message=_("%(n)s rows checked.") % {"n": done})

        try:
            outcome = importing.import_rows(
                importing.read_rows(Path(record.stored_path), record.file_format),
                import_id=record.pk,
                allowed_city_ids=allowed_cities(record.uploaded_by),
                on_chunk=on_chunk,
            )
        except importing.FileFormatError as error:
            return _fail(record, progress_id, str(error))
        except Exception as error:
            _fail(record, progress_id, _("The import failed; nothing was recorded."), detail=repr(error))
            raise
        ContributionImport.objects.filter(pk=record.pk).update(
            status=ContributionImport.Status.DONE,
            rows_total=outcome.total,
            rows_accepted=outcome.accepted,
            rows_duplicate=outcome.duplicate,
            rows_rejected=outcome.rejected_count,
            rejected=outcome.rejected,
            finished_at=timezone.now(),
        )
        if progress_id:
            message = _("%(accepted)s rows recorded, %(duplicate)s already recorded, %(rejected)s rejected.") % {
                "accepted": outcome.accepted,
                "duplicate": outcome.duplicate,
                "rejected": outcome.rejected_count,
            }
            progress_update(
                progress_id, status=TaskProgress.Status.DONE, done=outcome.total, total=outcome.total, message=message
            )
    return {"contribution_import": record.pk, "accepted": outcome.accepted, "rejected": outcome.rejected_count}


def _fail(record: ContributionImport, progress_id: Any, message: str, detail: str = "") -> dict[str, Any]:
    ContributionImport.objects.filter(pk=record.pk).update(
        status=ContributionImport.Status.FAILED, error=detail or message, finished_at=timezone.now()
    )
    if progress_id:
        progress_update(progress_id, status=TaskProgress.Status.FAILED, message=message)
    return {"contribution_import": record.pk, "error": message}

"""Writes of insurance: contribution imports (start, reconcile, retry), exemptions, and ending periods."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from talentbridge import vocabulary
from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from talentbridge.core.models import TaskProgress, stored
from talentbridge.core.tasks import progress_attach_task, progress_start, progress_update, task_result_ended
from talentbridge.core.tasks import progress_expire_stale as expire_stale
from talentbridge.core.text import clean_text
from talentbridge.insurance import importing
from talentbridge.insurance.models import ContributionImport, ContributionPeriod, Exemption
from talentbridge.insurance.tasks import run_contribution_import
from talentbridge.reference.models import Authority

MAX_IMPORT_BYTES = 512 * 1024 * 1024
FORMATS = {".csv": "csv", ".xlsx": "xlsx"}
XLSX_MAGIC = b"PK\x03\x04"
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
    with path.open("rb") as handle:
        magic = handle.read(4)
    if file_format == "xlsx" and magic != XLSX_MAGIC:
        raise _refuse_file(path, _("The file is not a readable XLSX workbook."))
    try:
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
    from talentbridge.insurance.selectors import import_list

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


# --- Benefit claims ----------------------------------------------------------------------------

CLAIM_KIND = "benefit_claim"
CLAIM_BENEFITS = ("unemployment", "work_injury", "lump_sum", "pension")
PAYMENT_OPTIONS = ("monthly", "one_off")
RETIREMENT_CATEGORIES = vocabulary.RETIREMENT_CATEGORY.codes
MONTH = re.compile(r"\d{4}-\d{2}", re.ASCII)


def month_parse(value: str | None, *, field: str) -> dt.date | None:
    """A month written YYYY-MM (ASCII digits) as its first day; empty is None; anything else is refused."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        if not MONTH.fullmatch(text):
            raise ValueError(text)
        return dt.date(int(text[:4]), int(text[5:7]), 1)
    except ValueError as exc:
        raise InvalidInput(details={field: [_("Write the month as YYYY-MM.")]}) from exc


def claim_fund(city: str) -> Authority | None:
    """The social insurance fund that decides a claim: the fund of the city of insurance."""
    return (
        Authority.objects.filter(kind=Authority.Kind.SOCIAL_INSURANCE, city__code=city, city__is_mainland=True)
        .order_by("code")
        .first()
    )


def benefit_claim_prepare(
    *,
    applicant: User,
    benefit: str,
    city: str,
    insurance_number: str,
    payment_option: str = "",
    involuntary_job_loss: bool = False,
    registered_as_job_seeker: bool = False,
    disability_grade: int | None = None,
    employer_arranges_work: bool = False,
    birth_month: dt.date | None = None,
    retirement_category: str = "",
    confirm_end: bool = False,
) -> tuple[str, dict[str, Any]]:
    """The fund to claim from and the case data of a `benefit_claim`, for the web page and the API alike.

    Only an insured person (an applicant) claims. The claim goes to the fund of the city of insurance;
    each benefit asks what it needs (work injury: the disability grade; pension: birth month and
    retirement category; a lump sum: the person confirms that their periods end). Every fault is
    reported on its field, all at once. The documents are enforced when the case is submitted.
    """
    if not (applicant.is_active and applicant.role == Role.APPLICANT):
        raise Forbidden(_("Only insured people can claim benefits."))
    errors: dict[str, list[str]] = {}
    choose = _("Choose one of the listed options.")
    if benefit not in CLAIM_BENEFITS:
        errors["benefit"] = [choose]
    fund = claim_fund(city)
    if fund is None:
        errors["city"] = [_("Choose one of the nine mainland GBA cities.")]
    number = ""
    try:
        number = clean_text(insurance_number, field="insurance_number", max_length=30)
    except InvalidInput as error:
        errors.update(error.details)
    else:
        if not number:
            errors["insurance_number"] = [_("This field is required.")]
    if payment_option and payment_option not in PAYMENT_OPTIONS:
        errors["payment_option"] = [choose]
    if retirement_category and retirement_category not in RETIREMENT_CATEGORIES:
        errors["retirement_category"] = [choose]
    if disability_grade is not None and disability_grade not in vocabulary.DISABILITY_GRADES:
        errors["disability_grade"] = [_("Choose a grade from 1 to 10.")]
    if benefit == "lump_sum" and not confirm_end:
        errors["confirm_end"] = [_("Confirm that you understand the consequence.")]
    if benefit == "work_injury" and disability_grade is None:
        errors.setdefault("disability_grade", [_("Choose the disability grade.")])
    if benefit == "pension" and not (birth_month and retirement_category):
        errors["birth_month"] = [_("Give the birth month and the retirement category.")]
    if errors or fund is None:
        raise InvalidInput(details=errors)
    payload: dict[str, Any] = {"benefit": benefit, "city": city, "insurance_number": number}
    if benefit == "unemployment":
        payload["payment_option"] = payment_option or "monthly"
        payload["involuntary_job_loss"] = "yes" if involuntary_job_loss else "no"
        payload["registered_as_job_seeker"] = "yes" if registered_as_job_seeker else "no"
    elif benefit == "work_injury":
        payload["disability_grade"] = disability_grade
        payload["employer_arranges_work"] = "yes" if employer_arranges_work else "no"
    elif benefit == "pension":
        assert birth_month is not None
        payload["birth_month"] = f"{birth_month:%Y-%m}"
        payload["retirement_category"] = retirement_category
    return fund.code, payload

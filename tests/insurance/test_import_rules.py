"""Who may record whose contributions, row by row; imports belong to their importer; bounded files; stale imports."""

from __future__ import annotations

import datetime as dt
import io
import threading
import time
import zipfile

import pytest
from django.db import connection, connections
from django.utils import timezone
from openpyxl import Workbook

from talentbridge.accounts.models import Organisation, Role
from talentbridge.core.errors import Conflict, Forbidden, InvalidInput
from talentbridge.core.models import TaskProgress
from talentbridge.insurance import importing
from talentbridge.insurance.models import ContributionImport, ContributionPeriod
from talentbridge.insurance.services import (
    contribution_import_reconcile,
    contribution_import_retry,
    contribution_import_start,
)
from talentbridge.insurance.tasks import run_contribution_import
from talentbridge.reference.models import City
from tests.insurance.conftest import HEADER

NOT_EMPLOYEE = "Not on record as an employee of your organisation: the social insurance fund records a new employee's first period."
OTHER_EMPLOYER = "The row names another employer: an employer records only its own contributions."
STOPPED = (
    "The import stopped before it finished: the background worker was interrupted. "
    "The rows recorded so far are kept; retry the import to finish it."
)


def csv_bytes(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode()


@pytest.fixture
def run_now(django_capture_on_commit_callbacks):
    def run(user, data: bytes, name="contributions.csv"):
        with django_capture_on_commit_callbacks(execute=True):
            record, created = contribution_import_start(user=user, chunks=[data], original_name=name)
        record.refresh_from_db()
        return record, created

    return run


# --- who records whose contributions -------------------------------------------------------------


def test_an_employer_records_only_its_own_employees_and_every_other_row_is_refused_with_its_reason(
    run_now, agency, employee, make_user, add_period
):
    # given ACME's employee, a person insured with another employer, and a stranger's address
    other_employers_worker = make_user(Role.APPLICANT, residence="HK")
    add_period(other_employers_worker, "medical", "2012-01", "2012-12", employer="Other Ltd")
    data = csv_bytes(
        f"{employee.email},pension,guangzhou,ACME,,2010-01,2024-12,8000",  # 2 own employee: recorded
        f"{other_employers_worker.email},pension,guangzhou,ACME,,2010-01,2024-12,8000",  # 3 not an employee
        "stranger@example.org,pension,guangzhou,ACME,,2010-01,2024-12,8000",  # 4 no such person: same reason
        f"{employee.email},unemployment,guangzhou,Other Ltd,,2010-01,2024-12,8000",  # 5 another employer's row
    )
    record, _ = run_now(agency, data)
    assert (record.status, record.rows_total, record.rows_accepted, record.rows_rejected) == ("done", 4, 1, 3)
    assert record.rejected == [
        {"row": 3, "person": other_employers_worker.email, "reasons": [NOT_EMPLOYEE]},
        {"row": 4, "person": "stranger@example.org", "reasons": [NOT_EMPLOYEE]},
        {"row": 5, "person": employee.email, "reasons": [OTHER_EMPLOYER]},
    ]
    # the refused rows left nothing behind: the stranger gained no pension months
    assert list(ContributionPeriod.objects.filter(source_import=record).values_list("person_id", "scheme")) == [
        (employee.pk, "pension")
    ]
    assert not ContributionPeriod.objects.filter(person=other_employers_worker, scheme="pension").exists()


def test_an_employer_with_a_registration_number_is_matched_by_it(run_now, make_user, add_period):
    org = Organisation.objects.create(
        name="Pearl River Ltd",
        kind=Organisation.Kind.EMPLOYER,
        city=City.objects.get(code="shenzhen"),
        unified_social_credit_code="91440300PR",
    )
    staff = make_user(Role.ORGANISATION_STAFF, organisation=org)
    person = make_user(Role.APPLICANT, residence="HK")
    namesake = make_user(Role.APPLICANT, residence="HK")
    period = add_period(person, "medical", "2015-01", "2015-12", employer="Pearl River Ltd")
    ContributionPeriod.objects.filter(pk=period.pk).update(employer_code="91440300pr")
    add_period(namesake, "medical", "2015-01", "2015-12", employer="Pearl River Ltd")  # same name, no number
    record, _ = run_now(
        staff,
        csv_bytes(
            f"{person.email},pension,shenzhen,Pearl River Ltd,91440300PR,2016-01,2016-12,9000",
            f"{namesake.email},pension,shenzhen,Pearl River Ltd,91440300PR,2016-01,2016-12,9000",
            f"{person.email},unemployment,shenzhen,Pearl River Ltd,OTHER,2016-01,2016-12,9000",
        ),
    )
    assert (record.rows_accepted, [(e["row"], e["reasons"]) for e in record.rejected]) == (
        1,
        [(3, [NOT_EMPLOYEE]), (4, [OTHER_EMPLOYER])],
    )


def test_a_fund_records_for_anyone_insured_in_its_city(run_now, fund_reviewer, insured):
    record, _ = run_now(
        fund_reviewer, csv_bytes(f"{insured.email},pension,guangzhou,Any Employer Ltd,,2020-01,2020-12,8000")
    )
    assert (record.rows_accepted, record.rows_rejected) == (1, 0)


def test_administrators_import_nothing_and_nothing_is_stored(make_user, settings):
    admin = make_user(Role.ADMINISTRATOR)
    with pytest.raises(Forbidden):
        contribution_import_start(user=admin, chunks=[csv_bytes()], original_name="a.csv")
    assert ContributionImport.objects.count() == 0
    assert not settings.INSURANCE_IMPORT_ROOT.exists()


# --- an import belongs to its importer -----------------------------------------------------------


def test_the_same_bytes_from_another_importer_are_their_own_import(run_now, agency, employee, fund_reviewer):
    data = csv_bytes(f"{employee.email},pension,guangzhou,ACME,,2024-07,,8000")
    employer_import, _ = run_now(agency, data)
    fund_import, created = run_now(fund_reviewer, data)
    assert created is True
    assert fund_import.pk != employer_import.pk
    assert (fund_import.uploaded_by, fund_import.rows_accepted, fund_import.rows_duplicate) == (fund_reviewer, 0, 1)
    assert employer_import.rows_accepted == 1
    # each sees its own again, never the other's
    again, created = run_now(fund_reviewer, data)
    assert (again.pk, created) == (fund_import.pk, False)


# --- bounded files -------------------------------------------------------------------------------


def zip_bomb(unpacked: int = 200 * 1024 * 1024) -> bytes:
    """A valid-looking XLSX whose shared strings unpack to `unpacked` bytes (a few hundred KB on disk)."""
    buffer = io.BytesIO()
    book = Workbook()
    book.active.append(HEADER.strip().split(","))
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item in source.infolist():
            if item.filename != "xl/sharedStrings.xml":
                bomb.writestr(item, source.read(item.filename))
        with bomb.open("xl/sharedStrings.xml", "w", force_zip64=True) as handle:
            handle.write(
                b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            block = b"<si><t>" + b"A" * (1 << 20) + b"</t></si>"
            for _ in range(-(-unpacked // len(block))):
                handle.write(block)
            handle.write(b"</sst>")
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb()


def test_a_zip_bomb_is_refused_at_once_with_its_reason_and_nothing_is_stored(agency, bomb, settings):
    assert len(bomb) < 1024 * 1024
    started = time.monotonic()
    with pytest.raises(InvalidInput) as refused:
        contribution_import_start(user=agency, chunks=[bomb], original_name="bomb.xlsx")
    assert time.monotonic() - started < 2
    assert refused.value.details == {
        "file": [
            "The workbook unpacks to 200 MB, more than the 128 MB allowed: "
            "split it into smaller files or send it as CSV."
        ]
    }
    assert ContributionImport.objects.count() == 0
    assert TaskProgress.objects.count() == 0
    assert list(settings.INSURANCE_IMPORT_ROOT.glob("*")) == []


def test_a_stored_bomb_fails_its_task_with_the_reason_without_parsing(agency, bomb, tmp_path):
    path = tmp_path / "stored.xlsx"
    path.write_bytes(bomb)
    record = ContributionImport.objects.create(
        uploaded_by=agency, original_name="b.xlsx", file_format="xlsx", sha256="x", stored_path=str(path)
    )
    started = time.monotonic()
    run_contribution_import.call(record.pk, "en")
    record.refresh_from_db()
    assert time.monotonic() - started < 2
    assert record.status == "failed"
    assert record.error.startswith("The workbook unpacks to 200 MB")


@pytest.mark.parametrize("name", ["c.csv", "c.xlsx"])
def test_files_with_too_many_rows_are_refused(agency, employee, settings, name):
    settings.INSURANCE_IMPORT_MAX_ROWS = 3
    rows = [f"{employee.email},pension,guangzhou,ACME,,2020-0{m},2020-0{m},8000" for m in range(1, 5)]
    if name.endswith(".csv"):
        data = csv_bytes(*rows)
    else:
        book = Workbook()
        book.active.append(HEADER.strip().split(","))
        for row in rows:
            book.active.append(row.split(","))
        buffer = io.BytesIO()
        book.save(buffer)
        data = buffer.getvalue()
    with pytest.raises(InvalidInput) as refused:
        contribution_import_start(user=agency, chunks=[data], original_name=name)
    assert refused.value.details == {"file": ["The file has more than 3 rows: split it into smaller files."]}
    assert ContributionImport.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_zip_bomb_holds_no_lock_while_another_write_succeeds(agency, bomb):
    # given the bomb being uploaded in another thread (its own connection)
    outcome: dict[str, object] = {}

    def upload() -> None:
        try:
            contribution_import_start(user=agency, chunks=[bomb], original_name="bomb.xlsx")
        except InvalidInput as error:
            outcome["refused"] = error.details
        finally:
            connections.close_all()

    worker = threading.Thread(target=upload)
    worker.start()
    # when another writer writes meanwhile, it is not kept waiting
    started = time.monotonic()
    while worker.is_alive() or "write" not in outcome:
        TaskProgress.objects.create(label="another write")
        outcome["write"] = time.monotonic() - started
        time.sleep(0.01)
    worker.join()
    assert "refused" in outcome
    assert float(outcome["write"]) < 5  # type: ignore[arg-type]
    assert ContributionImport.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_each_chunk_is_committed_on_its_own(agency, employee):
    # given a file of three rows read one row per chunk
    rows = [f"{employee.email},pension,guangzhou,ACME,,20{y}-01,20{y}-12,8000" for y in (20, 21, 22)]
    seen_by_others: list[int] = []

    def on_chunk(done: int) -> None:
        def count() -> None:
            seen_by_others.append(ContributionPeriod.objects.filter(scheme="pension").count())
            connections.close_all()

        reader = threading.Thread(target=count)
        reader.start()
        reader.join()

    # when it is imported, another connection sees each chunk as soon as it is done
    outcome = importing.import_rows(
        iter(enumerate((dict(zip(importing.COLUMNS, r.split(","), strict=True)) for r in rows), start=2)),
        import_id=None,
        importer=importing.Importer(),
        on_chunk=on_chunk,
        chunk_rows=1,
    )
    assert (outcome.total, outcome.accepted) == (3, 3)
    assert seen_by_others == [1, 2, 3]
    assert connection.in_atomic_block is False


# --- stale imports and retries -------------------------------------------------------------------


def _make_stale(record: ContributionImport, minutes: int = 30) -> None:
    ContributionImport.objects.filter(pk=record.pk).update(status="running")
    TaskProgress.objects.filter(pk=record.progress_id).update(
        status="running", updated_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def test_a_stale_import_is_failed_with_a_reason_and_a_second_upload_retries_it(
    run_now, agency, employee, django_capture_on_commit_callbacks
):
    # given an import whose worker was killed while running (queued, never finished)
    data = csv_bytes(f"{employee.email},pension,guangzhou,ACME,,2024-07,,8000")
    with django_capture_on_commit_callbacks(execute=False):
        record, _ = contribution_import_start(user=agency, chunks=[data], original_name="c.csv")
    _make_stale(record)
    # when it is looked at, it is failed with a reason the user can read
    record = contribution_import_reconcile(record=record)
    assert (record.status, record.error) == ("failed", STOPPED)
    assert TaskProgress.objects.get(pk=record.progress_id).status == "failed"
    # and sending the same file again retries it instead of returning the stuck import
    again, created = run_now(agency, data)
    assert (again.pk, created, again.status, again.attempt, again.rows_accepted) == (record.pk, True, "done", 2, 1)
    assert ContributionPeriod.objects.filter(source_import=record).count() == 1


def test_a_running_import_within_its_lease_is_left_alone(agency, employee, django_capture_on_commit_callbacks):
    data = csv_bytes(f"{employee.email},pension,guangzhou,ACME,,2024-07,,8000")
    with django_capture_on_commit_callbacks(execute=False):
        record, _ = contribution_import_start(user=agency, chunks=[data], original_name="c.csv")
    _make_stale(record, minutes=1)
    assert contribution_import_reconcile(record=record).status == "running"


def test_a_retry_after_a_partial_import_counts_each_row_once(run_now, agency, employee):
    # given an import that recorded its rows, then was left "running" by a killed worker
    data = csv_bytes(
        f"{employee.email},pension,guangzhou,ACME,,2024-01,2024-06,8000",
        f"{employee.email},medical,guangzhou,ACME,,2024-01,2024-06,8000",
    )
    record, _ = run_now(agency, data)
    _make_stale(record)
    contribution_import_reconcile(record=record)
    # when it is retried, the rows it wrote before count as recorded, not as duplicates
    retried = contribution_import_retry(user=agency, import_id=record.pk)
    run_contribution_import.call(retried.pk, "en", retried.attempt)
    retried.refresh_from_db()
    assert (retried.status, retried.rows_accepted, retried.rows_duplicate, retried.rows_rejected) == ("done", 2, 0, 0)
    assert ContributionPeriod.objects.filter(source_import=record).count() == 2


def test_a_superseded_attempt_writes_nothing(agency, employee, django_capture_on_commit_callbacks):
    data = csv_bytes(f"{employee.email},pension,guangzhou,ACME,,2024-07,,8000")
    with django_capture_on_commit_callbacks(execute=False):
        record, _ = contribution_import_start(user=agency, chunks=[data], original_name="c.csv")
    ContributionImport.objects.filter(pk=record.pk).update(attempt=2)
    result = run_contribution_import.call(record.pk, "en", 1)
    assert result["skipped"] == "This attempt was superseded."
    assert ContributionPeriod.objects.filter(source_import=record).count() == 0


def test_only_the_importer_retries_and_only_a_failed_import(run_now, agency, employee, fund_reviewer):
    record, _ = run_now(agency, csv_bytes(f"{employee.email},pension,guangzhou,ACME,,2024-07,,8000"))
    with pytest.raises(Conflict):
        contribution_import_retry(user=agency, import_id=record.pk)
    ContributionImport.objects.filter(pk=record.pk).update(status="failed")
    with pytest.raises(Exception) as other:
        contribution_import_retry(user=fund_reviewer, import_id=record.pk)
    assert type(other.value).__name__ == "NotFound"
    assert ContributionImport.objects.get(pk=record.pk).attempt == 1


def _task_result(status: str) -> str:
    from django_tasks_db.models import DBTaskResult

    result = DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="talentbridge.insurance.tasks.run_contribution_import",
        backend_name="default",
        queue_name="default",
        worker_ids=["w"],
    )
    return str(result.pk)


@pytest.mark.parametrize(
    ("import_status", "task_status", "after"),
    [
        ("running", "FAILED", "failed"),  # its worker died and the supervisor failed its task: at once
        ("queued", "FAILED", "failed"),  # killed between claiming the task and starting the import
        ("queued", "READY", "queued"),  # still waiting for a worker: left alone
        ("running", "RUNNING", "running"),  # at work, within its lease: left alone
    ],
)
def test_an_import_whose_task_ended_unfinished_is_failed_without_waiting_for_the_lease(
    agency, employee, django_capture_on_commit_callbacks, import_status, task_status, after
):
    data = csv_bytes(f"{employee.email},pension,guangzhou,ACME,,2024-07,,8000")
    with django_capture_on_commit_callbacks(execute=False):
        record, _ = contribution_import_start(user=agency, chunks=[data], original_name="c.csv")
    ContributionImport.objects.filter(pk=record.pk).update(status=import_status, task_id=_task_result(task_status))
    TaskProgress.objects.filter(pk=record.progress_id).update(
        status="running" if import_status == "running" else "queued", updated_at=timezone.now()
    )
    record.refresh_from_db()
    record = contribution_import_reconcile(record=record)
    assert record.status == after
    if after == "failed":
        assert record.error == STOPPED
        assert TaskProgress.objects.get(pk=record.progress_id).message == STOPPED


@pytest.mark.django_db(transaction=True)
def test_the_real_database_worker_runs_an_import_and_its_task_is_known(agency, employee):
    from django.core.management import call_command
    from django.test import override_settings

    from talentbridge.core.tasks import task_result_ended

    data = csv_bytes(f"{employee.email},pension,guangzhou,ACME,,2024-07,,8000")
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        record, _ = contribution_import_start(user=agency, chunks=[data], original_name="c.csv")
        record.refresh_from_db()
        assert (record.status, task_result_ended(record.task_id)) == ("queued", False)
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
    record.refresh_from_db()
    assert (record.status, record.rows_accepted, task_result_ended(record.task_id)) == ("done", 1, True)
    assert contribution_import_reconcile(record=record).status == "done"

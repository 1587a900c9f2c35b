"""Background work through the database task backend and its real worker."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from talentbridge.casework.models import Notification
from talentbridge.core.models import TaskProgress
from talentbridge.core.tasks import progress_start, progress_update

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def make_case(applicant, settings, tmp_path):
    """Cases submitted as an applicant submits them: with every required document attached."""
    from tests.casework.filing import case_factory

    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return case_factory(applicant)


@pytest.mark.django_db(transaction=True)
def test_notification_mail_is_queued_in_the_database_and_sent_by_the_worker(make_case):
    with override_settings(TASKS=DB_TASKS):
        make_case(submit=True)
        assert Notification.objects.filter(emailed_at__isnull=True).count() >= 1
        assert mail.outbox == []
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0
    assert len(mail.outbox) == Notification.objects.count()


@pytest.mark.django_db
def test_progress_is_recorded_field_by_field():
    progress = progress_start(label="export", total=10)
    progress_update(progress.pk, done=4, status="running")
    progress_update(progress.pk, message="halfway")
    progress.refresh_from_db()
    assert (progress.done, progress.total, progress.status, progress.message, progress.percent) == (
        4,
        10,
        "running",
        "halfway",
        40,
    )
    progress_update(progress.pk, status=TaskProgress.Status.DONE)
    progress.refresh_from_db()
    assert progress.percent == 100


@pytest.mark.django_db
def test_a_running_job_past_its_lease_is_failed_with_a_reason_in_its_readers_language(make_user, settings):
    import datetime as dt

    from django.utils import timezone

    from talentbridge.core.tasks import progress_expire_stale, progress_heartbeat, progress_is_stale

    settings.TASK_LEASE_SECONDS = 60
    owner = make_user(preferred_language="zh-hant")
    stale = progress_start(label="import", owner=owner)
    alive = progress_start(label="export")
    queued = progress_start(label="queued")
    TaskProgress.objects.filter(pk__in=[stale.pk, alive.pk]).update(status="running")
    TaskProgress.objects.filter(pk__in=[stale.pk, queued.pk]).update(
        updated_at=timezone.now() - dt.timedelta(minutes=5)
    )
    assert progress_heartbeat(alive.pk) is True
    stale.refresh_from_db()
    assert progress_is_stale(stale) is True

    assert progress_expire_stale() == [stale.pk]

    stale.refresh_from_db()
    assert stale.status == "failed"
    from django.utils import translation

    with translation.override("zh-hant"):
        assert stale.message_shown != "" and "worker" not in stale.message_shown  # Traditional Chinese
    with translation.override("en"):
        assert "background worker was interrupted" in stale.message_shown  # the same record, read in English
    assert TaskProgress.objects.get(pk=alive.pk).status == "running"
    assert TaskProgress.objects.get(pk=queued.pk).status == "queued"  # waiting for a worker is not stale
    assert progress_heartbeat(stale.pk) is False  # a worker that comes back learns its job was given up


@pytest.mark.django_db
def test_task_results_of_a_dead_worker_are_failed_and_others_left_running():
    from django_tasks_db.models import DBTaskResult

    from talentbridge.core.tasks import task_results_abandon

    def result(worker: str) -> DBTaskResult:
        return DBTaskResult.objects.create(
            status="RUNNING",
            args_kwargs={"args": [], "kwargs": {}},
            task_path="talentbridge.insurance.tasks.run_contribution_import",
            backend_name="default",
            queue_name="default",
            worker_ids=[worker],
        )

    dead, alive = result("dead-worker"), result("live-worker")
    assert task_results_abandon(worker_id="dead-worker") == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.status, alive.status) == ("FAILED", "RUNNING")


def test_the_supervisor_restarts_a_crashed_worker_with_a_growing_back_off():
    import sys

    from talentbridge.core.management.commands.run_worker import Supervisor

    pauses: list[float] = []
    started: list[str] = []

    def command(worker_id: str) -> list[str]:
        started.append(worker_id)
        return [sys.executable, "-c", "import sys; sys.exit(3)"]  # a worker that dies at once

    supervisor = Supervisor(
        command=command, first_delay=0.5, max_delay=1.5, max_restarts=3, sleep=pauses.append, log=lambda _m: None
    )
    supervisor._sweep = lambda: None  # type: ignore[method-assign]  # no database in this test
    supervisor._abandon = lambda worker_id: None  # type: ignore[method-assign]
    assert supervisor.run() == 3
    assert len(started) == 4 and len(set(started)) == 4  # the first run and three restarts, each a new id
    assert pauses == [0.5, 1.0, 1.5]


@pytest.mark.django_db(transaction=True)
def test_the_supervisor_sweeps_stale_jobs_while_its_worker_runs(tmp_path, settings):
    import datetime as dt
    import sys

    from django.utils import timezone

    from talentbridge.core.management.commands.run_worker import Supervisor

    # given a job left running by a worker that died, and a child worker that runs a moment, then exits
    settings.TASK_LEASE_SECONDS = 60
    stale = progress_start(label="import")
    TaskProgress.objects.filter(pk=stale.pk).update(status="running", updated_at=timezone.now() - dt.timedelta(hours=1))
    marker = tmp_path / "runs"
    script = f"import pathlib, time; time.sleep(0.3); pathlib.Path({str(marker)!r}).open('a').write('x')"
    supervisor = Supervisor(
        command=lambda _id: [sys.executable, "-c", script],
        first_delay=0,
        max_restarts=1,
        sweep_every=0.1,
        log=lambda _m: None,
    )
    assert supervisor.run() == 1  # the child exited; given up after one restart, as asked
    assert marker.read_text() == "xx"
    assert TaskProgress.objects.get(pk=stale.pk).status == "failed"


@pytest.mark.django_db
def test_a_job_whose_task_ended_unfinished_fails_at_once_and_a_waiting_one_does_not():
    from django_tasks_db.models import DBTaskResult

    from talentbridge.core.tasks import progress_attach_task, progress_expire_stale

    def job(task_status: str, status: str) -> TaskProgress:
        result = DBTaskResult.objects.create(
            status=task_status,
            args_kwargs={"args": [], "kwargs": {}},
            task_path="talentbridge.population.tasks.snapshot_export",
            backend_name="default",
            queue_name="default",
        )
        progress = progress_start(label=f"{task_status} {status}")
        progress_update(progress.pk, status=status)
        progress_attach_task(progress.pk, str(result.pk))
        return progress

    dead_running, dead_queued = job("FAILED", "running"), job("FAILED", "queued")
    waiting, working, finished = job("READY", "queued"), job("RUNNING", "running"), job("SUCCESSFUL", "done")

    assert sorted(map(str, progress_expire_stale())) == sorted([str(dead_running.pk), str(dead_queued.pk)])
    statuses = {p.pk: p.status for p in TaskProgress.objects.all()}
    assert (statuses[dead_running.pk], statuses[dead_queued.pk]) == ("failed", "failed")
    assert (statuses[waiting.pk], statuses[working.pk], statuses[finished.pk]) == ("queued", "running", "done")

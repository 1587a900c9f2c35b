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

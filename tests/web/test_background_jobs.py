"""Officials start a snapshot export from their home page and follow it to its file."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from django.utils import translation

from talentbridge.accounts.models import Role
from talentbridge.core.models import TaskProgress
from talentbridge.population.generate import population_generate


@pytest.fixture(autouse=True)
def snapshot_root(settings, tmp_path: Path) -> Path:
    settings.SNAPSHOT_ROOT = tmp_path / "snapshots"
    return settings.SNAPSHOT_ROOT


@pytest.mark.parametrize("role", [Role.ANALYST, Role.POLICY_OFFICER])
def test_export_runs_and_its_page_offers_the_file(role, make_user, signed_in, django_capture_on_commit_callbacks):
    population_generate(persons=40, seed=3, applications_share=0.0)
    official = make_user(role)
    client = signed_in(official)
    home = client.get("/")
    assert 'action="/insights/snapshot-export/"' in home.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/insights/snapshot-export/")
    progress = TaskProgress.objects.get(owner=official)
    assert response.status_code == 302 and response.url == f"/tasks/{progress.pk}/"
    page = client.get(response.url).content.decode()
    assert 'data-status="done"' in page and f"/tasks/{progress.pk}/download/" in page
    download = client.get(f"/tasks/{progress.pk}/download/")
    assert download.status_code == 200
    target = Path(progress.result["path"])
    assert b"".join(download.streaming_content) == target.read_bytes()
    assert pl.read_parquet(target).height == 40


def test_others_can_neither_start_nor_fetch(make_user, signed_in, django_capture_on_commit_callbacks):
    population_generate(persons=10, seed=1, applications_share=0.0)
    analyst = make_user(Role.ANALYST)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(analyst).post("/insights/snapshot-export/")
    progress = TaskProgress.objects.get()
    for role in (Role.APPLICANT, Role.REVIEWER, Role.ORGANISATION_STAFF):
        other = make_user(role, authority="GD-DOJ") if role == Role.REVIEWER else make_user(role)
        client = signed_in(other)
        assert client.post("/insights/snapshot-export/").status_code == 403
        assert client.get(f"/tasks/{progress.pk}/download/").status_code in {403, 404}
    assert signed_in(make_user(Role.ANALYST)).get(f"/tasks/{progress.pk}/download/").status_code == 404
    assert TaskProgress.objects.count() == 1


def test_a_jobs_progress_reads_in_the_language_of_the_page_not_of_the_run(
    make_user, signed_in, django_capture_on_commit_callbacks
):
    from talentbridge.core.tasks import progress_start, progress_update

    official = make_user(Role.POLICY_OFFICER)
    progress = progress_start(label=stored_label(), owner=official)
    with translation.override("en"):  # the worker ran in English
        progress_update(progress.pk, status="done", message=stored_message(12))
    client = signed_in(official)
    english = client.get(f"/tasks/{progress.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "12 rows checked." in english and "Contribution import: march.csv" in english
    client.cookies["django_language"] = "zh-hant"
    chinese = client.get(f"/tasks/{progress.pk}/").content.decode()
    assert "12 rows checked." not in chinese and "12" in chinese
    assert "Contribution import" not in chinese and "march.csv" in chinese


def stored_label():
    from django.utils.translation import gettext_noop

    from talentbridge.core.models import stored

    return stored(gettext_noop("Contribution import: %(name)s"), name="march.csv")


def stored_message(rows):
    from django.utils.translation import gettext_noop

    from talentbridge.core.models import stored

    return stored(gettext_noop("%(n)s rows checked."), n=rows)

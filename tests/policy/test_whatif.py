"""What-if runs: validated before anything is stored, only for policy officers, results equal the kernel's."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from talentbridge.accounts.models import Role
from talentbridge.core.errors import Forbidden, InvalidInput
from talentbridge.core.models import TaskProgress
from talentbridge.policy.models import RuleSetVersion, WhatIfRun
from talentbridge.policy.services import whatif_start
from talentbridge.rules.simulate import simulate
from talentbridge.rules.version import rules_version
from tests.policy.conftest import LAWYER_YEARS

RELAX = {LAWYER_YEARS: {"2024-01-01": 2}}
BY = ["practice_field", "home_jurisdiction"]


def _start(user, snapshot_file, **overrides):
    arguments = {"user": user, "reform": RELAX, "by": BY, "period": "2025-01", "snapshot_path": snapshot_file}
    return whatif_start(**{**arguments, **overrides})


@pytest.mark.parametrize("role", [Role.POLICY_OFFICER, Role.ADMINISTRATOR])
def test_run_stores_the_kernel_result_and_reports_done(
    role, make_user, snapshot_file, django_capture_on_commit_callbacks
):
    officer = make_user(role)
    with django_capture_on_commit_callbacks(execute=True):
        run = _start(officer, snapshot_file, link=lambda run: f"/policy/what-if/{run.pk}/")
    run.refresh_from_db()
    assert run.status == WhatIfRun.Status.DONE and run.finished_at is not None
    assert run.result == simulate(snapshot_file, RELAX, by=BY, period="2025-01")
    assert run.snapshot_rows == 2_000 and len(run.snapshot_sha256) == 64
    assert run.rule_set.as_dict() == rules_version()
    progress = TaskProgress.objects.get(pk=run.progress_id)
    assert progress.status == TaskProgress.Status.DONE and progress.owner == officer
    assert progress.done == progress.total == 3
    assert progress.result == {"whatif_run": run.pk, "url": f"/policy/what-if/{run.pk}/"}
    assert "path" not in progress.result  # the progress page would offer a download


def test_progress_reports_each_phase(make_user, snapshot_file, django_capture_on_commit_callbacks, monkeypatch):
    from talentbridge.policy import tasks

    seen: list[tuple[int | None, str | None, str | None]] = []
    original = tasks.progress_update

    def spy(progress_id, **fields):
        seen.append((fields.get("done"), fields.get("status"), fields.get("message")))
        original(progress_id, **fields)

    monkeypatch.setattr(tasks, "progress_update", spy)
    with django_capture_on_commit_callbacks(execute=True):
        _start(make_user(Role.POLICY_OFFICER), snapshot_file)
    from talentbridge.core.models import stored_text

    assert seen[:4] == [
        (0, "running", "Started."),
        (1, None, "Baseline evaluated (today's rules)."),
        (2, None, "Reform evaluated."),
        (3, None, "Counted by group."),
    ]
    done, status, message = seen[4]
    assert (len(seen), done, status) == (5, 3, "done")
    assert re.fullmatch(r"Simulated [\d,]+ people: [\d,]+ changes? of eligibility\.", stored_text(message))


def test_the_stored_result_equals_the_cli(make_user, snapshot_file, tmp_path, django_capture_on_commit_callbacks):
    reform_file = tmp_path / "reform.json"
    reform_file.write_text(json.dumps(RELAX))
    with django_capture_on_commit_callbacks(execute=True):
        run = _start(make_user(Role.POLICY_OFFICER), snapshot_file)
    command = [sys.executable, "-m", "talentbridge.rules", "simulate", "--snapshot", str(snapshot_file)]
    command += ["--reform", str(reform_file), "--by", ",".join(BY), "--period", "2025-01", "--json"]
    cli = subprocess.run(  # noqa: S603 (fixed argv: this interpreter and the rules CLI)
        command, capture_output=True, text=True, check=True, cwd=settings.BASE_DIR, env={"PYTHONPATH": "src"}
    )
    run.refresh_from_db()
    assert run.result == json.loads(cli.stdout)
    assert run.result["total"]["outputs"]["practice_eligible"]["gained"] > 0


@pytest.mark.parametrize(
    ("changes", "key", "message"),
    [
        (
            {"reform": {"practice.no_such.thing": {"2024-01-01": 2}}},
            "practice.no_such.thing",
            "This is not a parameter of the rules.",
        ),
        ({"reform": {LAWYER_YEARS: {"2024-01-01": "two"}}}, LAWYER_YEARS, "Expected a number."),
        ({"reform": {LAWYER_YEARS: {"2024-01-01": -1}}}, LAWYER_YEARS, "The value may not be negative."),
        ({"reform": {LAWYER_YEARS: {"2024-02-30": 2}}}, LAWYER_YEARS, "2024-02-30 is not a date (YYYY-MM-DD)."),
        ({"reform": {LAWYER_YEARS: {"1/1/2024": 2}}}, LAWYER_YEARS, "1/1/2024 is not a date (YYYY-MM-DD)."),
        (
            {"reform": {"practice.pathways.lawyer": {"2024-01-01": 2}}},
            "practice.pathways.lawyer",
            "This is a group of parameters: choose one of its parameters.",
        ),
        ({"reform": {}}, "reform", "Change at least one parameter."),
        ({"by": ["practice_field", "shoe_size"]}, "by", "Not columns of a snapshot: shoe_size"),
        ({"period": "2025-1"}, "period", "Enter a month as YYYY-MM."),
        (
            {"snapshot_path": "/nonexistent/population.parquet"},
            "snapshot",
            "No population snapshot yet: export one first.",
        ),
    ],
)
def test_invalid_requests_change_nothing(make_user, snapshot_file, changes, key, message):
    officer = make_user(Role.POLICY_OFFICER)
    with pytest.raises(InvalidInput) as caught:
        _start(officer, snapshot_file, **changes)
    assert caught.value.details == {key: [message]}
    assert WhatIfRun.objects.count() == 0
    assert TaskProgress.objects.count() == 0
    assert RuleSetVersion.objects.count() == 0


def test_every_problem_is_reported_at_once(make_user, snapshot_file):
    reform = {LAWYER_YEARS: {"2024-01-01": -1, "2025-01-01": True}, "nope": {"2024-01-01": 1}}
    with pytest.raises(InvalidInput) as caught:
        _start(make_user(Role.POLICY_OFFICER), snapshot_file, reform=reform, by=["shoe_size"])
    assert caught.value.details == {
        LAWYER_YEARS: ["The value may not be negative.", "Expected a number."],
        "nope": ["This is not a parameter of the rules."],
        "by": ["Not columns of a snapshot: shoe_size"],
    }


def test_a_snapshot_without_the_rules_columns_is_refused(make_user, tmp_path):
    import polars as pl

    old = tmp_path / "old.parquet"
    pl.DataFrame({"person_id": [1, 2]}).write_parquet(old)
    with pytest.raises(InvalidInput) as caught:
        _start(make_user(Role.POLICY_OFFICER), old)
    assert list(caught.value.details) == ["snapshot"]
    assert WhatIfRun.objects.count() == 0


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.REVIEWER, Role.ANALYST, Role.ORGANISATION_STAFF])
def test_other_roles_are_forbidden_and_nothing_is_stored(role, make_user, snapshot_file):
    user = make_user(role, authority="GD-DOJ") if role == Role.REVIEWER else make_user(role)
    with pytest.raises(Forbidden):
        _start(user, snapshot_file)
    assert WhatIfRun.objects.count() == 0 and TaskProgress.objects.count() == 0


def test_an_inactive_officer_is_forbidden(make_user, snapshot_file):
    officer = make_user(Role.POLICY_OFFICER, is_active=False)
    with pytest.raises(Forbidden):
        _start(officer, snapshot_file)
    assert WhatIfRun.objects.count() == 0


def test_a_failing_run_is_marked_failed(make_user, snapshot_file, tmp_path, django_capture_on_commit_callbacks):
    copy = tmp_path / "copy.parquet"
    copy.write_bytes(Path(snapshot_file).read_bytes())
    officer = make_user(Role.POLICY_OFFICER)
    with django_capture_on_commit_callbacks(execute=True):
        run = _start(officer, copy)
        copy.unlink()  # gone before the worker reads it
    run.refresh_from_db()
    assert run.status == WhatIfRun.Status.FAILED and "No such file" in run.error and run.result == {}
    progress = TaskProgress.objects.get(pk=run.progress_id)
    assert progress.status == TaskProgress.Status.FAILED and progress.message == "The what-if failed."

"""A policy officer relaxes the lawyers' minimum years in the browser; the page's numbers equal the CLI's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from talentbridge.accounts.models import Role
from talentbridge.policy.models import WhatIfRun
from talentbridge.rules.simulate import synthetic_snapshot
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e

LAWYER_YEARS = "practice.pathways.lawyer.nine_cities.minimum_years_of_practice"
BY = ["practice_field", "home_jurisdiction"]
PARTS = ("before", "after", "gained", "lost")


def _cli(snapshot: Path, reform: dict, tmp_path: Path) -> dict:
    reform_file = tmp_path / "reform.json"
    reform_file.write_text(json.dumps(reform))
    command = [sys.executable, "-m", "talentbridge.rules", "simulate", "--snapshot", str(snapshot)]
    command += ["--reform", str(reform_file), "--by", ",".join(BY), "--period", "2025-01", "--json"]
    done = subprocess.run(  # noqa: S603 (fixed argv: this interpreter and the rules CLI)
        command, capture_output=True, text=True, check=True, cwd=django_settings.BASE_DIR, env={"PYTHONPATH": "src"}
    )
    return json.loads(done.stdout)


def _shown_numbers(page) -> dict[str, dict[str, dict[str, str]]]:
    """`{data-group: {output: {part: text}}}` read from the result table."""
    table: dict[str, dict[str, dict[str, str]]] = {}
    for row in page.locator("table.whatif-result tbody tr").all():
        group = row.get_attribute("data-group")
        cells = table.setdefault(group, {})
        for cell in row.locator("td[data-output]").all():
            cells.setdefault(cell.get_attribute("data-output"), {})[cell.get_attribute("data-part")] = cell.inner_text()
    return table


def _expected_numbers(result: dict) -> dict[str, dict[str, dict[str, str]]]:
    expected = {}
    groups = [(",".join(f"{k}={v}" for k, v in g["key"].items()), g) for g in result["groups"]]
    for name, group in [*groups, ("TOTAL", result["total"])]:
        expected[name] = {
            output: {
                "before": str(counts["before"]),
                "after": str(counts["after"]),
                "gained": f"+{counts['gained']}",
                "lost": f"−{counts['lost']}",
            }
            for output, counts in group["outputs"].items()
        }
    return expected


def test_officer_relaxes_lawyers_minimum_years_and_sees_the_clis_numbers(
    new_page, make_user, settings, tmp_path, screenshot
):
    # given a population snapshot where the what-if page looks for it, and a policy officer
    settings.SNAPSHOT_ROOT = tmp_path / "snapshots"
    settings.SNAPSHOT_ROOT.mkdir()
    snapshot = synthetic_snapshot(settings.SNAPSHOT_ROOT / "population-20250101-000000-1.parquet", 4_000, seed=5)
    officer = make_user(Role.POLICY_OFFICER)
    page = new_page()
    sign_in(page, officer.email)

    # when they open the what-if page from their home and relax the lawyers' minimum years to 2 from 2024
    page.locator('main a[href="/policy/what-if/"]').first.click()
    page.wait_for_url("**/policy/what-if/")
    panel = page.locator("#snapshot-panel").inner_text()
    assert "4,000 people" in panel and snapshot.name not in panel  # described, not named by its file
    page.locator("#id_change-0-path").select_option(LAWYER_YEARS)
    info = page.locator(f'#change-0-info [data-parameter="{LAWYER_YEARS}"]')
    info.wait_for()
    assert info.locator("[data-current]").inner_text() == "3"
    page.locator("#id_change-0-value").fill("2")
    page.locator("#id_change-0-effective_date").fill("2024-01-01")
    for column in BY:
        page.locator(f'input[name="by"][value="{column}"]').check()
    page.locator("#id_period").fill("2025-01")
    screenshot(page, "whatif-form")
    page.locator("form.whatif-form button[type=submit]").click()

    # then the progress page reaches done and links to the run
    page.wait_for_url("**/tasks/*/")
    page.locator('#task-progress[data-status="done"]').wait_for()
    page.locator("#task-progress a.result-link").click()
    page.wait_for_url("**/policy/what-if/*/")
    screenshot(page, "whatif-run")

    # and every number shown equals the CLI's on the same snapshot and reform
    run = WhatIfRun.objects.get()
    assert run.reform == {LAWYER_YEARS: {"2024-01-01": 2}} and run.snapshot_path == str(snapshot)
    cli = _cli(snapshot, run.reform, tmp_path)
    assert _shown_numbers(page) == _expected_numbers(cli)
    assert cli["total"]["outputs"]["practice_eligible"]["gained"] > 0
    assert page.locator("svg[role=img]").count() == len(cli["outputs"])

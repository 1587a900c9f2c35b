"""The policy officer's pages after a walk through them: values checked and read as the page writes them,
coded values chosen from a list, runs linked, groups and money in words, sources and cases linked, a
progress page that says what was done, and a few site-wide items (tokens in the navigation, printing a
certificate, the password reset field's name)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from talentbridge.accounts.models import Role
from talentbridge.core import clock
from talentbridge.credentials import services as credential_services
from talentbridge.policy.models import WhatIfRun
from talentbridge.policy.services import determination_make
from talentbridge.rules.simulate import synthetic_snapshot
from talentbridge.web.templatetags.web_tags import cite

pytestmark = pytest.mark.django_db

SHARE = "insurance.pension.personal_account_share"
LAWYER_YEARS = "practice.pathways.lawyer.nine_cities.minimum_years_of_practice"
LAWYER_MECHANISM = "practice.pathways.lawyer.nine_cities.mechanism"
MONTH = "2025-01"


@pytest.fixture
def snapshot(settings: Any, tmp_path: Path) -> Path:
    settings.SNAPSHOT_ROOT = tmp_path / "snapshots"
    settings.SNAPSHOT_ROOT.mkdir()
    return synthetic_snapshot(settings.SNAPSHOT_ROOT / "population-20250101-000000-1.parquet", 1_500, seed=11)


@pytest.fixture
def officer(make_user: Any, signed_in: Any) -> Any:
    return signed_in(make_user(Role.POLICY_OFFICER))


def _post(path: str, value: str, **extra: Any) -> dict[str, Any]:
    return {
        "change-TOTAL_FORMS": "3",
        "change-INITIAL_FORMS": "0",
        "change-MIN_NUM_FORMS": "0",
        "change-MAX_NUM_FORMS": "12",
        "change-0-path": path,
        "change-0-value": value,
        "change-0-effective_date": "2024-01-01",
        "period": MONTH,
        **extra,
    }


def _row_errors(page: str) -> str:
    match = re.search(r'id="id_change-0-value_error">(.*?)</p>', page, re.S)
    return match.group(1) if match else ""


def _money_parameter() -> str:
    from talentbridge.rules import params, reforms
    from talentbridge.rules.system import rulebook

    for leaf in params.leaves(rulebook().parameters):
        if reforms.kind(leaf) == "number" and params.describe(leaf).get("unit") == "currency-CNY":
            return str(leaf.name)
    raise AssertionError("no money parameter")


def _share_parameter() -> str:
    from talentbridge.rules import params, reforms
    from talentbridge.rules.system import rulebook

    for leaf in params.leaves(rulebook().parameters):
        if reforms.kind(leaf) == "number" and params.describe(leaf).get("unit") == "/1":
            return str(leaf.name)
    raise AssertionError("no share parameter")


@pytest.mark.parametrize(("language", "words"), [("en", "from 0 to 100"), ("zh-hans", "0至100")])
def test_a_share_above_100_percent_is_refused_on_its_row(officer, snapshot, language, words):
    officer.cookies["django_language"] = language
    response = officer.post("/policy/what-if/", _post(_share_parameter(), "150"))
    assert response.status_code in (400, 422)
    assert words in _row_errors(response.content.decode())
    assert WhatIfRun.objects.count() == 0


def test_money_with_thousands_separators_is_read(officer, snapshot, django_capture_on_commit_callbacks):
    path = _money_parameter()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post("/policy/what-if/", _post(path, "2,800"))
    assert response.status_code == 302, _row_errors(response.content.decode())
    assert WhatIfRun.objects.get().reform == {path: {"2024-01-01": 2800}}


def test_full_width_digits_and_commas_are_read(officer, snapshot, django_capture_on_commit_callbacks):
    path = _money_parameter()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post("/policy/what-if/", _post(path, "２，８００"))
    assert response.status_code == 302
    assert WhatIfRun.objects.get().reform == {path: {"2024-01-01": 2800}}


def test_a_coded_parameter_offers_its_options_in_the_pages_language(officer, snapshot):
    officer.cookies["django_language"] = "zh-hans"
    fragment = officer.get("/policy/what-if/parameter/", {"change-0-path": LAWYER_MECHANISM}).content.decode()
    slot = re.search(r'<div id="change-0-value-slot"[^>]*hx-swap-oob="true">(.*?)</div>', fragment, re.S)
    assert slot is not None and '<select name="change-0-value"' in slot.group(1)
    assert '<option value="record_filing">' in slot.group(1) and "备案" in slot.group(1)
    # Without script: the page sent back with the parameter chosen offers the list in the row.
    page = officer.post("/policy/what-if/", _post(LAWYER_MECHANISM, "")).content.decode()
    assert '<select name="change-0-value"' in page
    # A number keeps its text box.
    fragment = officer.get("/policy/what-if/parameter/", {"change-0-path": LAWYER_YEARS}).content.decode()
    assert '<input type="text" name="change-0-value"' in fragment


def test_a_chosen_option_is_the_changed_code(officer, snapshot, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post("/policy/what-if/", _post(LAWYER_MECHANISM, "record_filing"))
    assert response.status_code == 302
    assert WhatIfRun.objects.get().reform == {LAWYER_MECHANISM: {"2024-01-01": "record_filing"}}


def _run(officer: Any, capture: Any, path: str = LAWYER_YEARS, value: str = "2", **extra: Any) -> WhatIfRun:
    with capture(execute=True):
        response = officer.post("/policy/what-if/", _post(path, value, **extra))
    assert response.status_code == 302
    return WhatIfRun.objects.latest("pk")


def test_the_runs_list_links_each_run_and_names_its_month(officer, snapshot, django_capture_on_commit_callbacks):
    run = _run(officer, django_capture_on_commit_callbacks)
    page = officer.get("/policy/what-if/runs/").content.decode()
    assert f'href="/policy/what-if/{run.pk}/" data-run="{run.pk}"' in page
    assert "January 2025" in page and ">2025-01<" not in page
    queued = WhatIfRun.objects.create(
        created_by=run.created_by,
        reform=run.reform,
        by=[],
        period="2026-06",
        snapshot_path=run.snapshot_path,
        snapshot_rows=1,
        snapshot_sha256="0" * 64,
        rule_set=run.rule_set,
        progress=run.progress,
        status=WhatIfRun.Status.RUNNING,
    )
    page = officer.get("/policy/what-if/runs/").content.decode()
    assert f'href="/tasks/{run.progress_id}/" data-run="{queued.pk}"' in page
    officer.cookies["django_language"] = "zh-hans"
    assert "2026年6月" in officer.get("/policy/what-if/runs/").content.decode()


def test_a_group_of_people_with_no_profession_is_named_in_words(officer, snapshot, django_capture_on_commit_callbacks):
    run = _run(officer, django_capture_on_commit_callbacks, by=["practice_field"])
    page = officer.get(f"/policy/what-if/{run.pk}/").content.decode()
    row = re.search(r'data-group="practice_field=none">\s*<th[^>]*>([^<]*)<', page)
    assert row is not None and row.group(1).strip() == "No profession"


def test_money_is_grouped_on_the_form_and_the_run(officer, snapshot, django_capture_on_commit_callbacks):
    path = _money_parameter()
    form = officer.get("/policy/what-if/").content.decode()
    option = re.search(rf'<option value="{re.escape(path)}">([^<]*)</option>', form)
    assert option is not None and re.search(r"\d,\d{3}\.00 CNY", option.group(1)), option.group(1)
    run = _run(officer, django_capture_on_commit_callbacks, path=path, value="2800")
    assert "2,800.00 CNY" in officer.get(f"/policy/what-if/{run.pk}/").content.decode()


def test_the_progress_page_says_what_was_simulated(officer, snapshot, django_capture_on_commit_callbacks):
    run = _run(officer, django_capture_on_commit_callbacks)
    total = run.result["total"]["outputs"]
    changes = sum(counts["gained"] + counts["lost"] for counts in total.values())
    page = officer.get(f"/tasks/{run.progress_id}/").content.decode()
    assert f"Simulated 1,500 people: {changes:,} change" in page
    officer.cookies["django_language"] = "zh-hans"
    assert "1,500" in officer.get(f"/tasks/{run.progress_id}/").content.decode()


def test_the_form_counts_the_current_month_and_describes_the_snapshot(officer, snapshot):
    with clock.frozen_at(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)):
        page = officer.get("/policy/what-if/").content.decode()
    assert 'name="period" value="2026-12"' in page
    assert snapshot.name not in page
    assert "1,500 people" in re.search(r"<p data-snapshot>(.*?)</p>", page, re.S).group(1)  # type: ignore[union-attr]


INPUTS = {
    "practice_field": {MONTH: "lawyer"},
    "home_jurisdiction": {MONTH: "hong_kong"},
    "years_of_practice": {MONTH: 4},
    "holds_home_licence": {MONTH: True},
    "is_permanent_resident": {MONTH: True},
    "is_chinese_citizen": {MONTH: True},
}


def test_a_determinations_case_is_linked_for_those_who_may_see_it(officer, make_case, make_user, signed_in):
    case = make_case(submit=True)
    stored = determination_make(
        inputs=INPUTS, period=MONTH, outputs=["practice_eligible"], case_reference=case.reference
    )
    page = officer.get(f"/policy/determinations/{stored.pk}/").content.decode()
    assert case.reference in page
    linked = f'href="/cases/{case.reference}/"' in page
    assert linked == officer_sees(officer, case)
    admin = signed_in(make_user(Role.ADMINISTRATOR))
    assert f'href="/cases/{case.reference}/"' in admin.get(f"/policy/determinations/{stored.pk}/").content.decode()


def officer_sees(client: Any, case: Any) -> bool:
    return client.get(f"/cases/{case.reference}/").status_code == 200


def test_a_determinations_rules_applied_show_money_grouped(officer):
    stored = determination_make(
        inputs={"is_permanent_resident": {MONTH: True}}, period=MONTH, outputs=["pension_calculation_base"]
    )
    page = officer.get(f"/policy/determinations/{stored.pk}/").content.decode()
    applied = page.split("Rules applied", 1)[1]
    assert re.search(r"<strong>7,[58]00\.00</strong> CNY", applied), applied[:600]
    assert not re.search(r"<strong>7[58]00</strong>", applied)


def test_a_source_with_a_link_in_the_registry_is_a_link():
    shown = str(cite("HK Labour Department, GBA Youth Employment Scheme [src]"))
    assert '<a href="https://www.jobs.gov.hk/gbayes"' in shown and "Youth Employment Scheme" in shown


def test_the_tokens_page_is_in_the_navigation_of_api_users(make_user, signed_in):
    page = signed_in(make_user(Role.POLICY_OFFICER)).get("/").content.decode()
    assert 'href="/account/api-tokens/"' in page


def test_the_certificate_page_has_a_print_link(signed_in, applicant):
    certificate = credential_services.certificate_issue(
        issuer_code="GD-DOJ",
        subject={"user_id": str(applicant.pk), "name": "Chan Tai Man"},
        claims={"profession": "lawyer"},
        valid_from=dt.date(2025, 1, 1),
        valid_until=dt.date(2027, 12, 31),
    )
    client = signed_in(applicant)
    page = client.get(f"/certificates/{certificate.pk}/").content.decode()
    link = re.search(r'<a href="([^"]*)" class="button" data-print>Print</a>', page)
    assert link is not None
    assert "Ctrl+P" in client.get(link.group(1).replace("&amp;", "&")).content.decode()


def test_the_password_reset_field_is_named_as_the_site_names_it(client):
    page = client.get("/accounts/password-reset/").content.decode()
    assert "E-mail address" in page and ">Email<" not in page

"""Policy pages: the what-if form, its run page (table and SVG chart), and stored determinations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from talentbridge.accounts.models import Role
from talentbridge.core.models import TaskProgress
from talentbridge.policy.models import WhatIfRun
from talentbridge.policy.services import determination_make
from talentbridge.rules.simulate import simulate, synthetic_snapshot

LAWYER_YEARS = "practice.pathways.lawyer.nine_cities.minimum_years_of_practice"
PAGES = ["/policy/what-if/", "/policy/what-if/runs/", "/policy/determinations/"]


@pytest.fixture
def snapshot_root(settings, tmp_path: Path) -> Path:
    settings.SNAPSHOT_ROOT = tmp_path / "snapshots"
    settings.SNAPSHOT_ROOT.mkdir()
    return settings.SNAPSHOT_ROOT


@pytest.fixture
def snapshot(snapshot_root: Path) -> Path:
    return synthetic_snapshot(snapshot_root / "population-20250101-000000-1.parquet", 1_500, seed=11)


def _post(**fields):
    data = {
        "change-TOTAL_FORMS": "3",
        "change-INITIAL_FORMS": "0",
        "change-MIN_NUM_FORMS": "0",
        "change-MAX_NUM_FORMS": "12",
        "change-0-path": LAWYER_YEARS,
        "change-0-value": "2",
        "change-0-effective_date": "2024-01-01",
        "by": ["practice_field", "home_jurisdiction"],
        "period": "2025-01",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize("role", [Role.POLICY_OFFICER, Role.ADMINISTRATOR])
def test_policy_officers_and_administrators_open_the_pages(role, make_user, signed_in, snapshot):
    client = signed_in(make_user(role))
    for url in PAGES:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.REVIEWER, Role.ANALYST, Role.ORGANISATION_STAFF])
def test_other_roles_are_refused_and_start_nothing(role, make_user, signed_in, snapshot):
    user = make_user(role, authority="GD-DOJ") if role == Role.REVIEWER else make_user(role)
    client = signed_in(user)
    for url in PAGES:
        assert client.get(url).status_code == 403, url
    assert client.post("/policy/what-if/", _post()).status_code == 403
    assert WhatIfRun.objects.count() == 0 and TaskProgress.objects.count() == 0


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/policy/what-if/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_home_page_links_the_policy_pages(make_user, signed_in):
    page = signed_in(make_user(Role.POLICY_OFFICER)).get("/").content.decode()
    for url in PAGES:
        assert f'href="{url}"' in page


def test_the_form_lists_parameters_with_value_and_unit(make_user, signed_in, snapshot):
    page = signed_in(make_user(Role.POLICY_OFFICER)).get("/policy/what-if/").content.decode()
    assert f'<option value="{LAWYER_YEARS}">' in page
    option = re.search(rf'<option value="{re.escape(LAWYER_YEARS)}">([^<]*)</option>', page)
    assert option is not None and "— 3 years" in option.group(1)
    assert snapshot.name not in page  # the population is described, not named by its file


def test_the_parameter_fragment_shows_value_unit_and_reference(make_user, signed_in):
    client = signed_in(make_user(Role.POLICY_OFFICER))
    page = client.get("/policy/what-if/parameter/", {"change-0-path": LAWYER_YEARS}).content.decode()
    assert LAWYER_YEARS not in page.replace(f'data-parameter="{LAWYER_YEARS}"', "")  # a label, never the path
    assert "Professional practice › pathways › lawyers › nine cities › minimum years of practice" in page
    assert "<strong data-current>3</strong> years" in page
    assert "Ministry of Justice" in page or "NPCSC" in page


def test_submitting_runs_and_redirects_to_the_progress_page_that_links_the_run(
    make_user, signed_in, snapshot, django_capture_on_commit_callbacks
):
    client = signed_in(make_user(Role.POLICY_OFFICER))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/policy/what-if/", _post())
    run = WhatIfRun.objects.get()
    assert response.status_code == 302 and response.url == f"/tasks/{run.progress_id}/"
    progress_page = client.get(response.url).content.decode()
    assert 'data-status="done"' in progress_page
    assert f'href="/policy/what-if/{run.pk}/"' in progress_page and "/download/" not in progress_page
    assert run.reform == {LAWYER_YEARS: {"2024-01-01": 2}}
    assert run.result == simulate(snapshot, run.reform, by=["practice_field", "home_jurisdiction"], period="2025-01")


def test_the_run_page_shows_inputs_table_and_svg_chart(
    make_user, signed_in, snapshot, django_capture_on_commit_callbacks
):
    client = signed_in(make_user(Role.POLICY_OFFICER))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/policy/what-if/", _post())
    run = WhatIfRun.objects.get()
    page = client.get(f"/policy/what-if/{run.pk}/").content.decode()
    assert run.snapshot_sha256 in page and snapshot.name not in page
    assert "Professional practice › pathways › lawyers › nine cities › minimum years of practice" in page
    assert LAWYER_YEARS not in page  # the parameter is named by its label, never its path
    total = run.result["total"]["outputs"]["practice_eligible"]
    row = re.search(r'<tr class="total" data-group="TOTAL">(.*?)</tr>', page, re.S)
    assert row is not None
    cells = dict(re.findall(r'data-output="practice_eligible" data-part="(\w+)">([^<]*)<', row.group(1)))
    assert cells == {
        "before": str(total["before"]),
        "after": str(total["after"]),
        "gained": f"+{total['gained']}",
        "lost": f"−{total['lost']}",
    }
    lawyers = re.search(r'data-group="practice_field=lawyer,home_jurisdiction=hong_kong">(.*?)</tr>', page, re.S)
    assert lawyers is not None
    assert page.count("<svg") == len(run.result["outputs"]) and 'role="img"' in page
    assert "<script" not in page.split("<main", 1)[1]
    assert 'class="bar bar--after"' in page


def test_the_run_page_in_chinese(make_user, signed_in, snapshot, django_capture_on_commit_callbacks):
    client = signed_in(make_user(Role.POLICY_OFFICER))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/policy/what-if/", _post(by=[]))
    run = WhatIfRun.objects.get()
    page = client.get(f"/policy/what-if/{run.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    assert "可在大灣區執業" in page
    assert page.count("<svg") == len(run.result["outputs"])


@pytest.mark.parametrize(
    ("fields", "field_id", "message"),
    [
        ({"change-0-value": "two"}, "id_change-0-value_error", "Enter a number."),
        ({"change-0-value": "-1"}, "id_change-0-value_error", "The value may not be negative."),
        ({"change-0-effective_date": "2024-02-30"}, "id_change-0-effective_date_error", "Enter a valid date."),
        ({"change-0-value": ""}, "id_change-0-value_error", "Enter the new value."),
        (
            {"change-0-path": "no.such.parameter"},
            "id_change-0-path_error",
            "Choose one of the options offered for “Parameter”.",
        ),
        ({"by": ["shoe_size"]}, "id_by_error", "Choose one of the options offered for “Count by”."),
        ({"period": "2025-13"}, "id_period_error", "Enter a month as YYYY-MM."),
    ],
)
def test_errors_are_shown_next_to_their_fields_and_nothing_starts(
    fields, field_id, message, make_user, signed_in, snapshot
):
    response = signed_in(make_user(Role.POLICY_OFFICER)).post("/policy/what-if/", _post(**fields))
    page = response.content.decode()
    assert response.status_code == 400
    error = re.search(rf'<p class="error-message" id="{re.escape(field_id)}">(.*?)</p>', page, re.S)
    assert error is not None and message in error.group(1), page[:0]
    assert WhatIfRun.objects.count() == 0 and TaskProgress.objects.count() == 0


def test_errors_are_translated(make_user, signed_in, snapshot):
    client = signed_in(make_user(Role.POLICY_OFFICER))
    page = client.post(
        "/policy/what-if/", _post(**{"change-0-value": "-1"}), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    error = re.search(r'<p class="error-message" id="id_change-0-value_error">(.*?)</p>', page, re.S)
    assert error is not None and "may not" not in error.group(1) and "<span>" in error.group(1)


def test_an_empty_reform_is_refused(make_user, signed_in, snapshot):
    response = signed_in(make_user(Role.POLICY_OFFICER)).post(
        "/policy/what-if/", _post(**{"change-0-path": "", "change-0-value": "", "change-0-effective_date": ""})
    )
    assert response.status_code == 400 and "Change at least one parameter." in response.content.decode()
    assert WhatIfRun.objects.count() == 0


def test_without_a_snapshot_the_page_says_so(make_user, signed_in, snapshot_root):
    client = signed_in(make_user(Role.POLICY_OFFICER))
    assert "No population snapshot yet: export one first." in client.get("/policy/what-if/").content.decode()
    response = client.post("/policy/what-if/", _post())
    assert response.status_code == 409 and "No population snapshot yet" in response.content.decode()
    assert WhatIfRun.objects.count() == 0


def test_the_determination_page_shows_reasons_with_citations_and_reruns(make_user, signed_in):
    month = "2025-01"
    inputs = {
        "practice_field": {month: "lawyer"},
        "home_jurisdiction": {month: "hong_kong"},
        "years_of_practice": {month: 2},
        "holds_home_licence": {month: True},
        "is_permanent_resident": {month: True},
        "is_chinese_citizen": {month: True},
    }
    determination = determination_make(inputs=inputs, period=month, outputs=["practice_eligible"])
    client = signed_in(make_user(Role.POLICY_OFFICER))
    page = client.get(f"/policy/determinations/{determination.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()
    assert "可在大灣區執業" in page and "最低執業年限要求" in page
    # the lawyers' minimum years cites its source, by its Traditional Chinese title (sources.yaml)
    assert "《香港法律執業者和澳門執業律師在粵港澳大灣區內地九市取得內地執業資質和從事律師職業試點辦法》" in page
    assert "NPCSC decision of 11 Aug 2020" not in page
    rerun = client.post(f"/policy/determinations/{determination.pk}/").content.decode()
    assert 'class="no-change"' in rerun
    assert (
        f'href="/policy/determinations/{determination.pk}/"' in client.get("/policy/determinations/").content.decode()
    )


def test_a_missing_run_or_determination_is_not_found(make_user, signed_in):
    client = signed_in(make_user(Role.POLICY_OFFICER))
    assert client.get("/policy/what-if/999/").status_code == 404
    assert client.get("/policy/determinations/999/").status_code == 404


def test_result_groups_are_named_in_the_page_language():
    from django.utils import translation

    from talentbridge.web.views.policy import _group_label

    key = {"practice_field": "lawyer", "holds_home_licence": True}
    with translation.override("zh-hant"):
        assert _group_label(key) == "律師 · 是"
    with translation.override("en"):
        assert _group_label(key) == "Lawyer · yes"  # a value, as reference data names it
    assert _group_label({"practice_field": "not-a-category"}) == "not-a-category"

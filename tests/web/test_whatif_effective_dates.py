"""A what-if change that could not reach the month evaluated is refused on its row, never run for nothing.

The month is counted with the rules in force on its first day: a change from a later day (a later month, or
later in the same month), or one another change of the same parameter replaces before that day, would
change nothing. It is refused next to its date, nothing starts; a change in force by the first day runs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from talentbridge.accounts.models import Role
from talentbridge.core.models import TaskProgress
from talentbridge.policy.models import WhatIfRun
from talentbridge.rules.simulate import synthetic_snapshot

pytestmark = pytest.mark.django_db

LAWYER_YEARS = "practice.pathways.lawyer.nine_cities.minimum_years_of_practice"
DOCTOR_YEARS = "practice.pathways.doctor.nine_cities.minimum_years_of_practice"


@pytest.fixture
def snapshot(settings, tmp_path: Path) -> Path:
    settings.SNAPSHOT_ROOT = tmp_path / "snapshots"
    settings.SNAPSHOT_ROOT.mkdir()
    return synthetic_snapshot(settings.SNAPSHOT_ROOT / "population-20250101-000000-1.parquet", 300, seed=3)


def _post(period: str, *rows: tuple[str, str, str]) -> dict[str, object]:
    data: dict[str, object] = {
        "change-TOTAL_FORMS": "3",
        "change-INITIAL_FORMS": "0",
        "change-MIN_NUM_FORMS": "0",
        "change-MAX_NUM_FORMS": "12",
        "by": ["practice_field"],
        "period": period,
    }
    for n, (path, value, day) in enumerate(rows):
        data |= {f"change-{n}-path": path, f"change-{n}-value": value, f"change-{n}-effective_date": day}
    return data


def _row_error(page: str, row: int) -> str | None:
    found = re.search(rf'<p class="error-message" id="id_change-{row}-effective_date_error">(.*?)</p>', page, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else None


@pytest.fixture
def officer(make_user, signed_in):
    return signed_in(make_user(Role.POLICY_OFFICER))


def test_a_change_from_after_the_month_evaluated_is_refused_on_its_row(officer, snapshot):
    response = officer.post("/policy/what-if/", _post("2025-01", (LAWYER_YEARS, "2", "2027-01-01")))

    page = response.content.decode()
    assert response.status_code == 400
    assert _row_error(page, 0) == (
        "This change takes effect on 1 Jan 2027, after the month evaluated (January 2025): it would change nothing."
    )
    assert WhatIfRun.objects.count() == 0 and TaskProgress.objects.count() == 0


def test_a_change_later_in_the_month_evaluated_is_refused_too(officer, snapshot):
    response = officer.post("/policy/what-if/", _post("2025-01", (LAWYER_YEARS, "2", "2025-01-15")))

    assert response.status_code == 400
    assert _row_error(response.content.decode(), 0) == (
        "This change takes effect on 15 Jan 2025, but the month evaluated (January 2025) is counted with the rules "
        "in force on its first day: it would change nothing."
    )
    assert WhatIfRun.objects.count() == 0


def test_a_change_replaced_before_the_month_by_a_later_one_is_refused_and_the_others_are_not(officer, snapshot):
    response = officer.post(
        "/policy/what-if/",
        _post(
            "2025-01",
            (LAWYER_YEARS, "2", "2023-01-01"),
            (LAWYER_YEARS, "1", "2024-06-01"),
            (DOCTOR_YEARS, "2", "2023-01-01"),
        ),
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert _row_error(page, 0) == (
        "The change of this parameter from 1 Jun 2024 replaces this one before the month evaluated (January 2025): "
        "it would change nothing."
    )
    assert _row_error(page, 1) is None and _row_error(page, 2) is None
    assert "_error" not in "".join(re.findall(r'id="id_change-[12]-\w+_error"', page))
    assert WhatIfRun.objects.count() == 0


@pytest.mark.parametrize("day", ["2025-01-01", "2024-07-01"])
def test_a_change_in_force_on_the_first_day_of_the_month_runs(
    officer, snapshot, django_capture_on_commit_callbacks, day
):
    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post("/policy/what-if/", _post("2025-01", (LAWYER_YEARS, "2", day)))

    assert response.status_code == 302
    run = WhatIfRun.objects.get()
    assert run.reform == {LAWYER_YEARS: {day: 2}}


def test_a_bad_month_is_said_at_the_month_alone(officer, snapshot):
    response = officer.post("/policy/what-if/", _post("2025-13", (LAWYER_YEARS, "2", "2027-01-01")))

    page = response.content.decode()
    assert response.status_code == 400
    assert _row_error(page, 0) is None
    assert 'id="id_period_error"><span>Enter a month as YYYY-MM.' in page


@pytest.mark.parametrize("period", ["0000-01", "２０２５-01"])
def test_a_month_that_is_no_month_is_refused(officer, snapshot, period):
    response = officer.post("/policy/what-if/", _post(period, (LAWYER_YEARS, "2", "2024-01-01")))

    assert response.status_code == 400
    assert 'id="id_period_error"><span>Enter a month as YYYY-MM.' in response.content.decode()
    assert WhatIfRun.objects.count() == 0


def test_the_refusal_is_in_the_page_language(officer, snapshot):
    officer.cookies["django_language"] = "zh-hans"
    response = officer.post("/policy/what-if/", _post("2025-01", (LAWYER_YEARS, "2", "2027-01-01")))

    error = _row_error(response.content.decode(), 0)
    assert response.status_code == 400
    assert error is not None and "2027" in error and "2025" in error
    assert "would change nothing" not in error and "此变更" in error


def _row_errors(info_path: str, value: str):
    from talentbridge.web.forms_policy import ReformRowForm

    form = ReformRowForm({"path": info_path, "value": value, "effective_date": "2024-01-01"}, period="2025-01")
    form.is_valid()
    return form


@pytest.mark.django_db
@pytest.mark.parametrize(("value", "parsed"), [("2", 0.02), ("2%", 0.02), ("0.5", 0.005), ("8 %", 0.08)])
def test_a_share_is_entered_as_the_percentage_the_page_shows(reference, value, parsed):
    form = _row_errors("insurance.pension.personal_account_rate", value)
    assert not form.errors, form.errors
    assert form.cleaned_data["parsed"] == pytest.approx(parsed)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["1e308", "-1e12", "nan"])
def test_a_number_beyond_any_plausible_figure_is_refused(reference, value):
    form = _row_errors("insurance.pension.minimum_contribution_years", value)
    assert "value" in form.errors


@pytest.mark.django_db
def test_a_code_must_be_one_of_the_options_and_may_be_given_by_its_label(reference):
    path = "opportunities.youth_employment_scheme.minimum_education_level"
    refused = _row_errors(path, "phd")
    assert "value" in refused.errors and "Bachelor" in str(refused.errors["value"])
    by_label = _row_errors(path, "bachelor's degree")
    assert not by_label.errors, by_label.errors
    assert by_label.cleaned_data["parsed"] == "bachelor"

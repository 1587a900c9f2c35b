"""In a browser: an agency imports contributions (bad rows reported), the person estimates and claims, the fund decides."""

from __future__ import annotations

from pathlib import Path

import pytest

from talentbridge.accounts.models import Role
from talentbridge.casework.models import Application
from talentbridge.insurance.models import BenefitAward, ContributionPeriod
from tests.e2e.helpers import decide, sign_in

pytestmark = pytest.mark.e2e

HEADER = "person_email,scheme,city,employer_name,employer_code,start_month,end_month,monthly_wage\n"


def test_import_estimate_claim_and_decision(new_page, make_user, screenshot, tmp_path, settings):
    settings.INSURANCE_IMPORT_ROOT = tmp_path / "imports"
    person = make_user(Role.APPLICANT, residence="HK")
    agency = make_user(Role.ORGANISATION_STAFF)
    fund = make_user(Role.REVIEWER, authority="GUANGZHOU-SIF")
    rows = [
        f"{person.email},unemployment,guangzhou,Pearl River Ltd,PR1,2019-01,2024-12,8000",
        f"{person.email},pension,guangzhou,Pearl River Ltd,PR1,2019-01,2024-12,8000",
        f"{person.email},work_injury,guangzhou,Pearl River Ltd,PR1,2019-01,2024-12,8000",
        "stranger@example.org,pension,guangzhou,Pearl River Ltd,PR1,2019-01,,8000",
        f"{person.email},pension,guangzhou,Pearl River Ltd,PR1,2020-13,,8000",
    ]
    file = Path(tmp_path) / "contributions.csv"
    file.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")

    # The agency uploads the file, follows the progress and reads the report of the rejected rows.
    them = new_page()
    sign_in(them, agency.email)
    them.goto("/insurance/imports/")
    them.get_by_label("Contribution file (CSV or XLSX)").set_input_files(str(file))
    them.get_by_role("button", name="Import the file").click()
    them.wait_for_url("**/tasks/**")
    them.locator('#task-progress[data-status="done"]').wait_for()
    them.get_by_role("link", name="Open the result").click()
    assert them.locator('[data-count="accepted"]').inner_text() == "3"
    assert them.locator('[data-count="rejected"]').inner_text() == "2"
    report = them.locator(".rejected-rows").inner_text()
    assert "Unknown person: no applicant with this e-mail address." in report
    assert "Write months as YYYY-MM." in report
    screenshot(them, "insurance-01-import-report")
    assert ContributionPeriod.objects.filter(person=person).count() == 3

    # The person estimates their benefits: the figures come with their sources.
    me = new_page()
    sign_in(me, person.email)
    me.goto("/insurance/estimate/")
    me.get_by_label("Birth month").fill("1985-04")
    me.get_by_label("Retirement category").select_option("man")
    me.get_by_role("button", name="Estimate").click()
    me.wait_for_load_state()
    months = me.locator('[data-section="unemployment"] [data-output="unemployment_benefit_months"] [data-value]')
    assert months.inner_text() == "8"  # 72 months: 4 + 4 half-years
    monthly_shown = me.locator(
        '[data-section="unemployment"] [data-output="unemployment_benefit_monthly"] [data-value]'
    ).inner_text()
    assert "Guangdong Unemployment Insurance Regulations" in me.locator("#estimate-result").inner_text()
    screenshot(me, "insurance-02-estimate")

    # ... and claims unemployment benefit from the Guangzhou fund.
    me.get_by_role("link", name="Claim a benefit").click()
    me.get_by_label("Unemployment benefit").check()
    me.get_by_label("City of insurance").select_option("guangzhou")
    me.get_by_label("Social insurance number").fill("H123456(7)")
    me.get_by_label("Unemployment: I lost my job involuntarily").check()
    me.get_by_label("Unemployment: I am registered as a job seeker").check()
    me.get_by_role("button", name="Submit the claim").click()
    me.wait_for_url("**/cases/**")
    case = Application.objects.get(applicant=person, kind="benefit_claim")
    assert case.authority.code == "GUANGZHOU-SIF"
    assert me.locator("#case-state").inner_text() == "Submitted"

    # The fund reviews and approves: the kernel computes the award.
    fund_page = new_page()
    sign_in(fund_page, fund.email)
    fund_page.goto(f"/cases/{case.reference}/")
    decide(fund_page, "start_review")
    decide(fund_page, "approve")
    assert fund_page.locator("#case-state").inner_text() == "Approved"
    screenshot(fund_page, "insurance-03-claim-approved")
    award = BenefitAward.objects.get(case_reference=case.reference)
    assert award.amounts["months"] == 8
    assert award.amounts["monthly"] == float(monthly_shown)  # the estimate and the award agree

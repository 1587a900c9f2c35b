"""In a browser: an employer imports its employee's contributions (other rows refused with reasons), the person
estimates (answer first, trace folded) and claims, the fund decides, and both see the award; the statement fits 390 px.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from talentbridge.accounts.models import Organisation, Role
from talentbridge.casework.models import Application
from talentbridge.insurance.models import BenefitAward, ContributionPeriod
from talentbridge.reference.models import City
from tests.e2e.helpers import decide, sign_in

pytestmark = pytest.mark.e2e

HEADER = "person_email,scheme,city,employer_name,employer_code,start_month,end_month,monthly_wage\n"


def test_import_estimate_claim_and_decision(new_page, make_user, screenshot, tmp_path, settings, pdf_file):
    settings.INSURANCE_IMPORT_ROOT = tmp_path / "imports"
    person = make_user(Role.APPLICANT, residence="HK")
    guangzhou = City.objects.get(code="guangzhou")
    employer = Organisation.objects.create(
        name="Pearl River Ltd", kind=Organisation.Kind.EMPLOYER, city=guangzhou, unified_social_credit_code="PR1"
    )
    agency = make_user(Role.ORGANISATION_STAFF, organisation=employer)
    # the fund recorded the person's first period with this employer: the employer may now report for them
    ContributionPeriod.objects.create(
        person=person,
        scheme="medical",
        jurisdiction=guangzhou.jurisdiction,
        city=guangzhou,
        employer_name="Pearl River Ltd",
        employer_code="PR1",
        start_month=dt.date(2018, 1, 1),
        end_month=dt.date(2018, 12, 1),
        monthly_wage=Decimal("8000"),
    )
    fund = make_user(Role.REVIEWER, authority="GUANGZHOU-SIF")
    second_fund_reviewer = make_user(Role.REVIEWER, authority="GUANGZHOU-SIF")
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
    assert "Not on record as an employee of your organisation" in report
    assert "Write months as YYYY-MM." in report
    screenshot(them, "insurance-01-import-report")
    assert ContributionPeriod.objects.filter(person=person, source_import__isnull=False).count() == 3

    # The person estimates their benefits: the figures come with their sources.
    me = new_page()
    sign_in(me, person.email)
    me.goto("/insurance/estimate/")
    me.get_by_label("Birth month").fill("1985-04")
    me.get_by_label("Retirement category").select_option("man")
    me.get_by_role("button", name="Estimate").click()
    me.wait_for_load_state()
    months = me.locator('[data-section="unemployment"] [data-output="unemployment_benefit_months"] [data-value]')
    assert months.inner_text() == "8 months"  # 72 months: 4 + 4 half-years
    monthly_shown = me.locator(
        '[data-section="unemployment"] [data-output="unemployment_benefit_monthly"] [data-value]'
    ).inner_text()
    assert re.fullmatch(r"CNY \d{1,3}(,\d{3})*\.\d\d", monthly_shown), monthly_shown
    # what the form did not ask is stated as assumed, never as the person's answer
    assert me.locator('[data-section="unemployment"] [data-assumed]').all_inner_texts() == [
        "Involuntary job loss: assumed yes",
        "Registered as job seeker: assumed yes",
    ]
    assert "Your answers" not in me.locator("#estimate-result").inner_text()
    # the answer and its reasons first; the full trace is folded until asked for
    trace = me.locator('[data-trace="unemployment"]')
    assert trace.get_attribute("open") is None
    assert me.locator('[data-trace="unemployment"] .trace-output').first.is_visible() is False
    screenshot(me, "insurance-02-estimate")
    trace.locator("summary").click()
    assert "Guangdong Unemployment Insurance Regulations" in trace.inner_text()

    # ... and claims unemployment benefit from the Guangzhou fund.
    me.get_by_role("link", name="Claim a benefit").click()
    me.get_by_label("Unemployment benefit").check()
    me.get_by_label("City of insurance").select_option("guangzhou")
    me.get_by_label("Social insurance number").fill("H123456(7)")
    me.get_by_label("Unemployment: I lost my job involuntarily").check()
    me.get_by_label("Unemployment: I am registered as a job seeker").check()
    # sent without the proof: one notice names it, and the file already chosen must be chosen again
    me.get_by_label("Hong Kong or Macao permanent identity card").set_input_files(str(pdf_file))
    me.get_by_role("button", name="Submit the claim").click()
    me.wait_for_load_state()
    assert me.locator(".error-summary p").all_inner_texts() == [
        "Before you submit, attach: Proof that the employment ended involuntarily."
    ]
    assert f"The file you chose ({pdf_file.name}) was not kept" in me.locator("#files-again").inner_text()
    assert me.get_by_label("Hong Kong or Macao permanent identity card").input_value() == ""
    screenshot(me, "insurance-02a-claim-refused")
    assert not Application.objects.filter(applicant=person).exists()
    me.get_by_label("Hong Kong or Macao permanent identity card").set_input_files(str(pdf_file))
    me.get_by_label("Proof that the employment ended involuntarily").set_input_files(str(pdf_file))
    screenshot(me, "insurance-02b-claim")
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
    if fund_page.locator('#decision-panel input[value="propose_approval"]').count():
        decide(fund_page, "propose_approval")  # four eyes: a colleague approves
        fund_page = new_page()
        sign_in(fund_page, second_fund_reviewer.email)
        fund_page.goto(f"/cases/{case.reference}/")
    decide(fund_page, "approve")
    assert fund_page.locator("#case-state").inner_text() == "Approved"
    screenshot(fund_page, "insurance-03-claim-approved")
    award = BenefitAward.objects.get(case_reference=case.reference)
    assert award.amounts["months"] == 8
    assert award.amounts["monthly"] == float(
        monthly_shown.removeprefix("CNY ").replace(",", "")
    )  # the estimate and the award agree

    # Both the claimant and the fund see what was decided: amount, months, rules version, date.
    fund_page.goto("/insurance/awards/")
    assert fund_page.locator(f'[data-case="{case.reference}"] [data-award="months"]').inner_text() == "8"
    me.goto("/insurance/awards/")
    panel = me.locator(f'[data-case="{case.reference}"]')
    assert panel.locator('[data-award="monthly"]').inner_text() == f"CNY {award.amounts['monthly']:,.2f}"
    assert panel.locator('[data-award="rules_version"]').inner_text() == award.rule_set.semver
    screenshot(me, "insurance-04-award")

    # At 390 px the statement stays inside the page: its tables scroll within themselves.
    me.set_viewport_size({"width": 390, "height": 844})
    me.goto("/insurance/statement/")
    assert me.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot(me, "insurance-05-statement-390")

"""The whole flow in a browser: apply with a PDF, review, request information, reply, approve."""

from __future__ import annotations

import pytest

from talentbridge.accounts.models import Role
from talentbridge.casework.models import Application
from tests.e2e.helpers import decide, sign_in, switch_language

pytestmark = pytest.mark.e2e


def test_application_from_submission_to_approval(new_page, make_user, screenshot, pdf_file):
    applicant = make_user(Role.APPLICANT)
    applicant.full_name = "Chan Siu Ming"
    applicant.save(update_fields=["full_name"])
    reviewer = make_user(Role.REVIEWER, authority="SHENZHEN-EXIT-ENTRY")
    me = new_page()

    # Sign in, and read the dashboard in Simplified Chinese, then in English again.
    sign_in(me, applicant.email)
    switch_language(me, "zh-hans")
    assert me.locator("html").get_attribute("lang") == "zh-Hans-CN"
    assert me.locator("h1").inner_text() == "欢迎，Chan Siu Ming"
    assert me.locator("nav.site-nav").inner_text().count("我的申请") == 1
    screenshot(me, "01-applicant-dashboard-zh-hans")
    switch_language(me, "en")

    # Apply for a talent endorsement with a PDF, and submit at once.
    me.get_by_role("link", name="Talent entry endorsement").first.click()
    me.get_by_label("Authority that decides").select_option("SHENZHEN-EXIT-ENTRY")
    me.get_by_label("Talent category").select_option("research")
    me.get_by_label("Destination").select_option("HK")
    me.get_by_label("Employer").fill("Shenzhen Bay Laboratory")
    me.get_by_label("Exit-Entry Permit number").fill("C12345678")
    me.get_by_label("Supporting document (PDF, JPEG or PNG, at most 10 MB)").set_input_files(str(pdf_file))
    me.get_by_label("Document title").fill("Employment contract")
    screenshot(me, "02-application-form-en")
    me.get_by_role("button", name="Submit the application").click()
    me.wait_for_url("**/cases/**")
    case = Application.objects.get(applicant=applicant)
    assert me.locator("#case-state").inner_text() == "Submitted"
    assert me.get_by_role("link", name="Employment contract").is_visible()

    # The reviewer finds it in the queue, starts the review and asks for more information.
    them = new_page()
    sign_in(them, reviewer.email)
    them.goto("/review/")
    switch_language(them, "zh-hans")
    assert "剩余" in them.locator("#queue-results").inner_text()  # the business-day countdown
    screenshot(them, "03-review-queue-zh-hans")
    switch_language(them, "en")
    them.get_by_role("link", name=case.reference).click()
    decide(them, "start_review")
    assert them.locator("#case-state").inner_text() == "In review"
    decide(them, "request_info", "Please send your doctoral degree certificate.")
    assert them.locator("#case-state").inner_text() == "Information requested"

    # The applicant replies, attaching the certificate.
    me.reload()
    assert "Please send your doctoral degree certificate." in me.locator("main").inner_text()
    me.get_by_label("Your reply").fill("The certificate is attached.")
    me.get_by_label("Attach a document (optional)").set_input_files(str(pdf_file))
    me.get_by_role("button", name="Send the reply").click()
    me.wait_for_load_state()
    assert me.locator("#case-state").inner_text() == "Resubmitted"

    # The reviewer restarts the review and approves.
    them.reload()
    decide(them, "start_review")
    decide(them, "approve")
    assert them.locator("#case-state").inner_text() == "Approved"
    screenshot(them, "04-case-approved-reviewer-en")

    # The applicant's case page shows every step in the audit timeline, in Traditional Chinese too.
    me.reload()
    actions = me.locator("#timeline li").evaluate_all("items => items.map(i => i.dataset.action)")
    assert actions == [
        "created",
        "document_uploaded",
        "submit",
        "start_review",
        "request_info",
        "document_uploaded",
        "reply",
        "start_review",
        "approve",
    ]
    switch_language(me, "zh-hant")
    assert me.locator("#case-state").inner_text() == "已批准"
    assert "要求申請人補充資料" not in me.locator("main").inner_text()  # no decision panel for the applicant
    assert "辦理記錄" in me.locator("main").inner_text()
    screenshot(me, "05-case-timeline-zh-hant")


def test_bad_input_is_shown_next_to_the_field_in_the_browser(new_page, make_user, screenshot):
    applicant = make_user(Role.APPLICANT)
    page = new_page()
    sign_in(page, applicant.email)
    switch_language(page, "zh-hant")

    page.goto("/applications/new/practice_registration/")
    page.locator("#id_years_of_practice").fill("99")
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()

    error = page.locator("#id_years_of_practice_error")
    assert error.is_visible()
    assert page.locator("#id_years_of_practice").get_attribute("aria-describedby") == "id_years_of_practice_error"
    assert page.locator("#id_licence_number_error").inner_text() == "此項為必填項。"
    screenshot(page, "06-form-errors-zh-hant")
    assert Application.objects.count() == 0

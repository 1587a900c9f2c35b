"""The whole flow in a browser: apply from the endorsement page with PDFs, review, request information, reply,
and approve with two reviewers; the dashboard, queue and case page read in each language. Bad input on a
draft is shown next to its field and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from talentbridge.accounts.models import Organisation, Role
from talentbridge.casework import services
from talentbridge.casework.models import Application
from talentbridge.mobility import services as mobility
from talentbridge.reference.models import City
from tests.e2e.helpers import decide, sign_in, switch_language

pytestmark = pytest.mark.e2e


def _confirmed_attestation(talent, make_user):
    """The employer has attested the post (the attestation itself is walked in test_endorsement_flow)."""
    lab = Organisation.objects.create(
        name="Shenzhen Bay Laboratory",
        kind=Organisation.Kind.RESEARCH_INSTITUTE,
        city=City.objects.get(code="shenzhen"),
    )
    hr = make_user(Role.ORGANISATION_STAFF, organisation=lab)
    attestation = mobility.attestation_request(
        talent=talent,
        organisation_id=lab.pk,
        job_title="Principal investigator",
        professional_title="associate_senior",
        employed_since=dt.date(2020, 9, 1),
    )
    mobility.attestation_decide(attestation_id=attestation.pk, staff=hr, confirmed=True, reasons="Employed.")
    return attestation


def test_application_from_submission_to_approval(new_page, make_user, screenshot, pdf_file, settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    applicant = make_user(Role.APPLICANT, residence="GD")
    applicant.full_name = "Chan Siu Ming"
    applicant.save(update_fields=["full_name"])
    reviewer = make_user(Role.REVIEWER, authority="SHENZHEN-EXIT-ENTRY")
    colleague = make_user(Role.REVIEWER, authority="SHENZHEN-EXIT-ENTRY")
    attestation = _confirmed_attestation(applicant, make_user)
    me = new_page()

    # Sign in, and read the dashboard in Simplified Chinese, then in English again.
    sign_in(me, applicant.email)
    switch_language(me, "zh-hans")
    assert me.locator("html").get_attribute("lang") == "zh-Hans-CN"
    assert me.locator("h1").inner_text() == "欢迎，Chan Siu Ming"
    assert me.locator("nav.site-nav").inner_text().count("我的申请") == 1
    screenshot(me, "01-applicant-dashboard-zh-hans")
    switch_language(me, "en")

    # Apply for a talent endorsement from its page: each required document by name, and another PDF.
    me.goto("/mobility/apply/?category=research&work_city=shenzhen")
    me.locator("#id_destination").select_option("HK")
    me.locator("#id_employer_attestation").select_option(str(attestation.pk))
    me.locator("#id_eep_number").fill("C12345678")
    required = me.locator("input[type=file][name^=document_]")
    asked = required.count()
    assert asked >= 1
    for index in range(asked):
        required.nth(index).set_input_files(str(pdf_file))
    me.locator("#id_documents").set_input_files(str(pdf_file))
    screenshot(me, "02-application-form-en")
    me.get_by_role("button", name="Submit the application").click()
    me.wait_for_url("**/cases/**")
    case = Application.objects.get(applicant=applicant)
    assert case.authority.code == "SHENZHEN-EXIT-ENTRY"
    assert me.locator("#case-state").inner_text() == "Submitted"
    assert me.get_by_role("link", name="licence.pdf").first.is_visible()
    uploaded = case.documents.count()
    assert uploaded == asked + 1

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

    # The reviewer restarts the review and proposes the approval; a colleague approves (four eyes).
    them.reload()
    decide(them, "start_review")
    decide(them, "propose_approval")
    assert them.locator("#case-state").inner_text() == "Awaiting second approval"
    other = new_page()
    sign_in(other, colleague.email)
    other.goto(f"/cases/{case.reference}/")
    decide(other, "approve")
    assert other.locator("#case-state").inner_text() == "Approved"
    screenshot(other, "04-case-approved-reviewer-en")

    # The applicant's case page shows every step in the audit timeline, in Traditional Chinese too.
    me.reload()
    actions = me.locator("#timeline li").evaluate_all("items => items.map(i => i.dataset.action)")
    assert actions == [
        "created",
        *["document_uploaded"] * uploaded,
        "submit",
        "start_review",
        "request_info",
        "document_uploaded",
        "reply",
        "start_review",
        "propose_approval",
        "approve",
    ]
    switch_language(me, "zh-hant")
    assert me.locator("#case-state").inner_text() == "已批准"
    assert "要求申請人補充資料" not in me.locator("main").inner_text()  # no decision panel for the applicant
    assert "辦理記錄" in me.locator("main").inner_text()
    screenshot(me, "05-case-timeline-zh-hant")


def test_bad_input_is_shown_next_to_the_field_in_the_browser(new_page, make_user, screenshot):
    applicant = make_user(Role.APPLICANT)
    # the draft an eligible check opens (the check itself is walked in test_practice_flow)
    payload = {"profession": "architect", "city": "guangzhou", "licence_number": "ARB-778", "years_of_practice": 9}
    case = services.application_create(
        applicant=applicant, kind="practice_registration", authority_code="GD-DHURD", payload=payload
    )
    page = new_page()
    sign_in(page, applicant.email)
    switch_language(page, "zh-hant")

    page.goto(f"/cases/{case.reference}/edit/")
    page.locator("#id_years_of_practice").fill("99")
    page.locator("#id_licence_number").fill("")
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()

    error = page.locator("#id_years_of_practice_error")
    assert error.is_visible()
    assert page.locator("#id_years_of_practice").get_attribute("aria-describedby") == "id_years_of_practice_error"
    assert page.locator("#id_licence_number_error").inner_text() == "此項為必填項。"
    screenshot(page, "06-form-errors-zh-hant")
    case.refresh_from_db()
    assert (case.state, case.payload, case.version) == ("draft", payload, 1)
    assert Application.objects.count() == 1

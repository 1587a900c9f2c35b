"""In a browser: check eligibility, apply with a document, home verification, approval, certificate, revocation."""

from __future__ import annotations

from pathlib import Path

import pytest

from talentbridge.accounts.models import Role
from talentbridge.casework.models import Application
from talentbridge.practice.models import Registration
from tests.e2e.helpers import decide, sign_in

pytestmark = pytest.mark.e2e


def _case_page(page, reference: str) -> None:
    page.goto(f"/cases/{reference}/")


def _verification_status(page, token: str) -> str:
    page.goto(f"/verify/?c={token}")
    return str(page.locator(".certificate-result").get_attribute("data-status"))


def test_practice_from_check_to_revoked_certificate(new_page, make_user, screenshot, pdf_file):
    applicant = make_user(Role.APPLICANT, full_name="Lee Wai Man")
    reviewer = make_user(Role.REVIEWER, authority="GD-DHURD")
    colleague = make_user(Role.REVIEWER, authority="GD-DHURD")
    home_board = make_user(Role.REVIEWER, authority="HK-ERB")

    # The applicant checks eligibility as a structural engineer in the nine cities, then applies.
    me = new_page()
    sign_in(me, applicant.email)
    me.goto("/practice/check/")
    me.locator("#id_field").select_option("structural_engineer")
    me.locator("#id_zone").select_option("nine_cities")
    me.locator("#id_home_jurisdiction").select_option("hong_kong")
    me.locator("#id_years_of_practice").fill("7")
    me.locator("#check-form button[type=submit]").click()
    me.wait_for_load_state()
    assert me.locator("#check-result").get_attribute("data-eligible") == "true"
    assert me.locator("#check-result [data-authority]").get_attribute("data-authority") == "GD-DHURD"
    assert "GD-DHURD" not in me.locator("#check-result").inner_text()
    screenshot(me, "practice-01-check")
    # Structural engineering covers several professions: the applicant names theirs.
    me.locator("#apply-form select[name=profession]").select_option("structural_engineer")
    me.locator("#apply-form select[name=city]").select_option("shenzhen")
    me.locator("#apply-form input[name=licence_number]").fill("ERB-STR-2207")
    me.locator("#apply-form button[type=submit]").click()
    me.wait_for_url("**/cases/**")
    case = Application.objects.get(applicant=applicant)
    assert (case.authority.code, case.payload["field"]) == ("GD-DHURD", "structural_engineer")

    # Each document the pathway lists, named as it is uploaded, then submission.
    for code in ("identity_card", "home_licence", "good_standing_letter", "employer_letter"):
        me.locator("form[action$='/upload/'] select[name=document_type]").select_option(code)
        me.locator("input[name=file]").set_input_files(str(pdf_file))
        me.locator("form[action$='/upload/'] button[type=submit]").click()
        me.wait_for_load_state()
    me.get_by_role("button", name="Submit the application").click()
    me.wait_for_load_state()
    assert me.locator("#case-state").inner_text() == "Submitted"

    # The host authority starts the review and asks the Engineers Registration Board to verify.
    them = new_page()
    sign_in(them, reviewer.email)
    _case_page(them, case.reference)
    decide(them, "start_review")
    them.locator('#decision-panel input[name="transition"][value="request_verification"]').check()
    them.locator("#decision-panel select[name=verifier]").select_option("HK-ERB")
    them.locator("#decision-panel textarea[name=reason]").fill("Is licence HK-ERB-12345 current?")
    them.locator("#decision-panel button[type=submit]").click()
    them.wait_for_load_state()

    board = new_page()
    sign_in(board, home_board.email)
    _case_page(board, case.reference)
    board.locator('input[name="answer"][value="confirm"]').check()
    board.locator("form[action$='/verify/'] button[type=submit]").click()
    board.wait_for_load_state()

    # Four eyes: one reviewer proposes, a colleague approves.
    _case_page(them, case.reference)
    decide(them, "propose_approval")
    second = new_page()
    sign_in(second, colleague.email)
    _case_page(second, case.reference)
    decide(second, "approve")
    assert second.locator("#case-state").inner_text() == "Approved"
    registration = Registration.objects.get(case_reference=case.reference)
    assert registration.status == "active" and registration.certificate_id

    # The professional opens the certificate and downloads the signed JWT; it verifies as valid.
    me.goto("/practice/registrations/")
    me.get_by_role("link", name="Certificate").click()
    me.wait_for_url("**/certificates/**")
    screenshot(me, "practice-02-certificate")
    with me.expect_download() as download_info:
        me.locator("a[download]").click()
    token = Path(download_info.value.path()).read_text(encoding="ascii").strip()
    assert token.count(".") == 2
    assert _verification_status(me, token) == "valid"

    # The authority revokes the registration; verification now says revoked.
    them.goto("/practice/registrations/")
    row = them.locator(f'tr[data-number="{registration.number}"]')
    row.locator("details.registration-revoke summary").click()
    revoking = row.locator("form.registration-revoke-form")
    revoking.locator("input[name=reason]").fill("Struck off the home register.")
    revoking.get_by_role("button", name="Revoke").click()  # not confirmed yet: the browser keeps the form
    assert Registration.objects.get(pk=registration.pk).status == "active"
    revoking.locator("input[name=confirm]").check()
    revoking.get_by_role("button", name="Revoke").click()
    them.wait_for_load_state()
    assert Registration.objects.get(pk=registration.pk).status == "revoked"
    assert _verification_status(me, token) == "revoked"
    screenshot(me, "practice-03-revoked")

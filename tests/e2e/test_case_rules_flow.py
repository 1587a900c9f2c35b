"""In a browser: a draft is private, documents are asked for by name, verification goes to the home body,
approval takes two reviewers, and a closed case takes no more documents."""

from __future__ import annotations

import pytest

from talentbridge.accounts.models import Role
from talentbridge.casework import services
from tests.e2e.helpers import decide, sign_in

pytestmark = pytest.mark.e2e

NEEDED = [
    ("identity_card", "Permanent identity card"),
    ("home_licence", "Home registration or licence"),
    ("good_standing_letter", "Letter of good standing (no discipline)"),
    ("employer_letter", "Letter from the mainland employer"),
]


def test_a_case_keeps_its_rules_on_every_step(new_page, make_user, screenshot, pdf_file, settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    applicant = make_user(Role.APPLICANT)
    reviewer = make_user(Role.REVIEWER, authority="GD-DHURD")
    colleague = make_user(Role.REVIEWER, authority="GD-DHURD")
    # the draft an eligible check opens for an architect from Hong Kong
    case = services.application_create(
        applicant=applicant,
        kind="practice_registration",
        authority_code="GD-DHURD",
        payload={"profession": "architect", "city": "guangzhou", "licence_number": "ARB-778", "years_of_practice": 9},
    )
    url = f"/cases/{case.reference}/"

    # A reviewer cannot open the draft.
    them = new_page()
    sign_in(them, reviewer.email)
    assert them.goto(url).status == 404

    # The applicant sees what is needed; submitting early names every missing document at once.
    me = new_page()
    sign_in(me, applicant.email)
    me.goto(url)
    checklist = me.locator("#required-documents li")
    assert checklist.all_inner_texts() == [f"{label} — still missing" for _code, label in NEEDED]
    me.get_by_role("button", name="Submit the application").click()
    me.wait_for_load_state()
    notice = "Before you submit, attach: " + ", ".join(label for _code, label in NEEDED) + "."
    assert notice in me.locator("#error-summary").inner_text()
    assert me.locator("#case-state").inner_text() == "Draft"
    screenshot(me, "rules-01-missing-documents-en")

    # Each document is uploaded by name; then the case goes in.
    for code, _label in NEEDED:
        me.locator("form[action$='/upload/'] select[name=document_type]").select_option(code)
        me.locator("form[action$='/upload/'] input[type=file]").set_input_files(str(pdf_file))
        me.locator("form[action$='/upload/'] button[type=submit]").click()
        me.wait_for_load_state()
    assert me.locator("#required-documents li").all_inner_texts() == [f"{label} — attached" for _c, label in NEEDED]
    me.get_by_role("button", name="Submit the application").click()
    me.wait_for_load_state()
    assert me.locator("#case-state").inner_text() == "Submitted"

    # The reviewer may ask only the architects' board to verify, and only propose the approval.
    them.goto(url)
    decide(them, "start_review")
    options = them.locator("#decision-panel select[name=verifier] option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    assert options == ["", "HK-ARB"]
    decide(them, "propose_approval")
    assert them.locator("#case-state").inner_text() == "Awaiting second approval"
    assert them.locator('#decision-panel input[name="transition"][value="approve"]').count() == 0
    assert them.locator("#four-eyes-note").is_visible()
    screenshot(them, "rules-02-proposer-waits-en")

    # A colleague approves.
    other = new_page()
    sign_in(other, colleague.email)
    other.goto(url)
    decide(other, "approve")
    assert other.locator("#case-state").inner_text() == "Approved"

    # The closed case offers no upload any more.
    me.reload()
    assert me.locator("#case-state").inner_text() == "Approved"
    assert me.locator("form[action$='/upload/']").count() == 0
    screenshot(me, "rules-03-closed-case-en")

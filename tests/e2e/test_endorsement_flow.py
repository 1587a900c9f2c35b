"""A talent endorsement in the browser: check, attestation, application, approval, and the 30-day warning."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from talentbridge.accounts.models import Organisation, Role
from talentbridge.casework.models import Application
from talentbridge.core import clock
from talentbridge.mobility.models import EmployerAttestation, Endorsement
from talentbridge.reference.models import City
from tests.e2e.helpers import decide, sign_in

pytestmark = pytest.mark.e2e

# The case is decided 40 days "ago" (clock pinned), so an entry 26 days ago falls within the validity.
DECIDED_DAYS_AGO = 40

# What a research talent's application must carry (the confirmed attestation stands for the paper one).
NEEDED = [
    ("eep", "Valid Exit-Entry Permit for Travelling to and from Hong Kong and Macao"),
    ("photo", "Recent ID photo (taken at the office or meeting its standard)"),
    ("professional_title_certificate", "Certificate of an associate-senior (副高) or higher professional title"),
]


def test_a_researcher_is_endorsed_and_warned_on_day_27_of_a_stay(new_page, make_user, screenshot, pdf_file):
    lab = Organisation.objects.create(
        name="Shenzhen Bay Laboratory",
        kind=Organisation.Kind.RESEARCH_INSTITUTE,
        city=City.objects.get(code="shenzhen"),
    )
    researcher = make_user(Role.APPLICANT, residence="GD", full_name="Li Wei")
    hr = make_user(Role.ORGANISATION_STAFF, organisation=lab, full_name="Zhang Min")
    officer = make_user(Role.REVIEWER, authority="SHENZHEN-EXIT-ENTRY")
    colleague = make_user(Role.REVIEWER, authority="SHENZHEN-EXIT-ENTRY")
    me, employer, office, second = new_page(), new_page(), new_page(), new_page()

    with clock.frozen_at(timezone.now() - dt.timedelta(days=DECIDED_DAYS_AGO)):
        # The public checker says a research talent working in Shenzhen qualifies, and where to apply.
        me.goto("/mobility/check/")
        me.locator("#id_category").select_option("research")
        me.locator("#id_holds_valid_eep").check()
        me.locator("#id_work_city").select_option("shenzhen")
        me.get_by_role("button", name="Check").click()
        me.wait_for_load_state()
        assert me.locator("#result-eligible").inner_text() == "Yes"
        assert me.locator("#result-validity").inner_text() == "3"
        assert me.locator("#result-offices li").evaluate_all("items => items.map(i => i.dataset.code)") == [
            "SHENZHEN-EXIT-ENTRY"
        ]
        screenshot(me, "endorsement-01-check-en")

        # The researcher signs in and asks the laboratory to attest the post and title.
        sign_in(me, researcher.email)
        me.goto("/mobility/attestations/request/")
        me.locator("#id_organisation").select_option(label="Shenzhen Bay Laboratory")
        me.locator("#id_job_title").fill("Principal investigator")
        me.locator("#id_professional_title").select_option("associate_senior")
        me.locator("#id_employed_since").fill("2020-09-01")
        me.get_by_role("button", name="Send the request").click()
        me.wait_for_load_state()
        attestation = EmployerAttestation.objects.get(talent=researcher)
        assert me.locator(f'tr[data-attestation="{attestation.pk}"]').get_attribute("data-status") == "requested"

        # The laboratory's staff attest it in their queue.
        sign_in(employer, hr.email)
        employer.goto("/mobility/attestations/")
        row = employer.locator(f'tr[data-attestation="{attestation.pk}"]')
        assert "Li Wei" in row.inner_text()
        row.locator("select[name=decision]").select_option("confirm")
        row.locator("textarea[name=reasons]").fill("Employed full time since September 2020.")
        row.get_by_role("button", name="Record the decision").click()
        employer.wait_for_load_state()
        assert "No attestations are waiting." in employer.locator("main").inner_text()

        # Back on the checker, the researcher follows the link to apply, prefilled, with each required document
        # by name and another PDF.
        me.goto("/mobility/check/")
        me.locator("#id_category").select_option("research")
        me.locator("#id_holds_valid_eep").check()
        me.locator("#id_work_city").select_option("shenzhen")
        me.get_by_role("button", name="Check").click()
        me.wait_for_load_state()
        me.locator("#apply-link").click()
        me.wait_for_url("**/mobility/apply/**")
        assert me.locator("#id_category").input_value() == "research"
        assert me.locator("#id_work_city").input_value() == "shenzhen"
        me.locator("#id_destination").select_option("HK_MO")
        me.locator("#id_employer_attestation").select_option(str(attestation.pk))
        me.locator("#id_eep_number").fill("C12345678")
        for code, label in NEEDED:
            assert me.locator(f'label[for="id_document_{code}"]').inner_text().startswith(label)
            me.locator(f"#id_document_{code}").set_input_files(str(pdf_file))
        me.locator("#id_documents").set_input_files(str(pdf_file))
        screenshot(me, "endorsement-02-apply-en")
        me.get_by_role("button", name="Submit the application").click()
        me.wait_for_url("**/cases/**")
        case = Application.objects.get(applicant=researcher, kind="talent_endorsement")
        assert case.authority.code == "SHENZHEN-EXIT-ENTRY"
        assert me.locator("#case-state").inner_text() == "Submitted"
        assert sorted(case.documents.values_list("document_type", flat=True)) == sorted(
            [code for code, _label in NEEDED] + [""]
        )

        # The Shenzhen exit-entry office starts the review and proposes the approval; a colleague approves.
        sign_in(office, officer.email)
        office.goto("/review/")
        office.get_by_role("link", name=case.reference).click()
        decide(office, "start_review")
        assert office.locator("#case-state").inner_text() == "In review"
        decide(office, "propose_approval")
        assert office.locator("#case-state").inner_text() == "Awaiting second approval"
        assert office.locator('#decision-panel input[name="transition"][value="approve"]').count() == 0
        sign_in(second, colleague.email)
        second.goto(f"/cases/{case.reference}/")
        decide(second, "approve")
        assert second.locator("#case-state").inner_text() == "Approved"

    endorsement = Endorsement.objects.get(case_reference=case.reference)
    assert (endorsement.category, endorsement.destination, endorsement.max_stay_days) == ("research", "HK_MO", 30)

    # Today: the holder finds the endorsement and logs an entry to Hong Kong 26 days ago.
    me.goto("/mobility/endorsements/")
    me.get_by_role("link", name=case.reference).click()
    me.wait_for_url(f"**/mobility/endorsements/{endorsement.pk}/")
    entered = timezone.localtime(timezone.now() - dt.timedelta(days=26))
    me.locator("#log-entry select[name=destination]").select_option("HK")
    me.locator("#log-entry input[name=entered_at]").fill(entered.strftime("%Y-%m-%dT%H:%M"))
    me.get_by_role("button", name="Log the entry").click()
    me.wait_for_load_state()

    warning = me.locator("#stay-warning")
    assert warning.is_visible()
    assert warning.inner_text().startswith("Day 27 of at most 30 days in this stay: leave by ")
    assert me.locator("#stays td.days-used").all_inner_texts() == ["27"]
    screenshot(me, "endorsement-03-stay-warning-en")

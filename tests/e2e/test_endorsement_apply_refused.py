"""In the browser: applying without every required document names each missing one in one notice, says the
chosen files must be chosen again, and saves nothing; a form action opened by its address is a 405 page."""

from __future__ import annotations

import datetime as dt

import pytest

from talentbridge.accounts.models import Organisation, Role
from talentbridge.casework.models import Application, Document
from talentbridge.mobility import services
from talentbridge.reference.models import City
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e


def test_a_refused_application_names_the_missing_documents_and_the_files_to_choose_again(
    new_page, make_user, screenshot, pdf_file
):
    lab = Organisation.objects.create(
        name="Shenzhen Bay Laboratory",
        kind=Organisation.Kind.RESEARCH_INSTITUTE,
        city=City.objects.get(code="shenzhen"),
    )
    researcher = make_user(Role.APPLICANT, residence="GD", full_name="Li Wei")
    hr = make_user(Role.ORGANISATION_STAFF, organisation=lab)
    attestation = services.attestation_request(
        talent=researcher,
        organisation_id=lab.pk,
        job_title="Principal investigator",
        professional_title="associate_senior",
        employed_since=dt.date(2020, 9, 1),
    )
    services.attestation_decide(attestation_id=attestation.pk, staff=hr, confirmed=True, reasons="Employed.")
    me = new_page()
    sign_in(me, researcher.email)

    me.goto("/mobility/apply/?category=research&work_city=shenzhen")
    me.locator("#id_destination").select_option("HK_MO")
    me.locator("#id_employer_attestation").select_option(str(attestation.pk))
    me.locator("#id_eep_number").fill("C12345678")
    me.locator("#id_document_eep").set_input_files(str(pdf_file))
    me.get_by_role("button", name="Submit the application").click()
    me.wait_for_load_state()

    summary = me.locator(".error-summary").inner_text()
    assert (
        "Before you submit, attach: Recent ID photo (taken at the office or meeting its standard), Certificate of"
        in summary
    )
    assert "Please correct the errors below." not in summary
    assert me.locator(".field-error, [id$='_error']").count() == 0
    note = me.locator("#files-not-kept").inner_text()
    assert "choose each file again" in note and "licence.pdf" in note
    assert (Application.objects.count(), Document.objects.count()) == (0, 0)
    screenshot(me, "endorsement-apply-refused-en")

    response = me.goto("/practice/registrations/1/renew/")
    assert response.status == 405
    assert me.locator("h1").inner_text() == "This page cannot be opened this way"
    screenshot(me, "method-not-allowed-en")

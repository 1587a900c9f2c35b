"""Attestations told on the home pages and kept after the decision, the apply form's attestations and
documents, one days-left figure, the endorsement case page's data and the checker's date bounds."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from talentbridge.accounts.models import Organisation, User
from talentbridge.casework import services as casework
from talentbridge.casework.requirements import required_documents
from talentbridge.mobility import services
from talentbridge.mobility.models import EmployerAttestation, Endorsement

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(response: Any) -> str:
    return html.unescape(response.content.decode())


def _ask(talent: User, organisation: Organisation, job_title: str) -> EmployerAttestation:
    return services.attestation_request(
        talent=talent,
        organisation_id=organisation.pk,
        job_title=job_title,
        professional_title="junior",
        employed_since=dt.date(2024, 3, 1),
    )


def test_the_staff_home_counts_the_attestations_waiting_and_links_to_them(talent, institute, employer_staff):
    _ask(talent, institute, "Lab Assistant")
    _ask(talent, institute, "Engineer")

    page = _page(_client(employer_staff).get(reverse("web:home")))

    tile = re.search(
        r'<a class="stat[^"]*" href="([^"]+)"><span class="number">(\d+)</span><span class="label">([^<]+)', page
    )
    assert tile is not None
    assert (tile.group(1), tile.group(2), tile.group(3)) == (
        reverse("web:attestations"),
        "2",
        "Attestations waiting for you",
    )


def test_the_talent_home_shows_decided_attestations_with_the_reasons(talent, institute, employer_staff):
    refused = _ask(talent, institute, "Lab Assistant")
    services.attestation_decide(
        attestation_id=refused.pk, staff=employer_staff, confirmed=False, reasons="No such post."
    )

    page = _page(_client(talent).get(reverse("web:home")))

    assert 'id="decided-attestations"' in page
    assert "Shenzhen Bay Laboratory, Lab Assistant: Refused on" in page
    assert "No such post." in page


def test_decided_attestations_stay_on_the_queue_page_and_the_message_names_the_post(talent, institute, employer_staff):
    asked = _ask(talent, institute, "Senior Research Engineer")

    response = _client(employer_staff).post(
        reverse("web:attestations"), {"attestation": asked.pk, "decision": "confirm", "reasons": ""}, follow=True
    )

    page = _page(response)
    assert "You confirmed the attestation of Li Wei as Senior Research Engineer." in page
    assert (
        f'<tr data-attestation="{asked.pk}" data-status="confirmed"><td>Li Wei</td><td>Senior Research Engineer</td>'
        in page
    )


def test_the_apply_form_offers_only_confirmed_attestations_and_says_why_a_refused_one_is_refused(
    talent, institute, employer_staff, confirmed
):
    refused = _ask(talent, institute, "Lab Assistant")
    services.attestation_decide(
        attestation_id=refused.pk, staff=employer_staff, confirmed=False, reasons="No such post."
    )
    client = _client(talent)

    form_page = _page(client.get(reverse("web:endorsement_apply")))
    posted = _page(client.post(reverse("web:endorsement_apply"), {"employer_attestation": refused.pk}))

    assert "Lab Assistant" not in form_page
    assert f'<option value="{confirmed.pk}">Shenzhen Bay Laboratory — Principal investigator</option>' in form_page
    assert "Shenzhen Bay Laboratory refused this attestation. Their reasons: No such post." in posted


def test_the_apply_form_says_so_when_no_attestation_is_confirmed(talent, institute):
    _ask(talent, institute, "Lab Assistant")

    page = _page(_client(talent).get(reverse("web:endorsement_apply")))

    assert "None of your employer attestations is confirmed yet" in page


def test_a_wrong_file_type_is_reported_with_the_other_faults_for_any_category(talent, confirmed, settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path
    # The legal category's own document is asked for on the first page, whatever the default category is.
    response = _client(talent).post(
        reverse("web:endorsement_apply"),
        {
            "category": "legal",
            "destination": "HK",
            "work_city": "shenzhen",
            "employer_attestation": confirmed.pk,
            "eep_number": "",
            "document_official_list_entry": SimpleUploadedFile("list.txt", b"not a document"),
        },
    )

    form = response.context["form"]
    assert form.errors["document_official_list_entry"] == ["The file is not a PDF, JPEG or PNG document."]
    assert form.errors["eep_number"] == ["This field is required."]


def test_the_endorsements_list_and_the_endorsement_page_give_the_same_days_left(talent, endorsement):
    client = _client(talent)

    listed = _page(client.get(reverse("web:endorsements")))
    shown = _page(client.get(reverse("web:endorsement_detail", args=[endorsement.pk])))

    days = (endorsement.valid_to - endorsement.valid_from).days + 1
    assert f'<td class="days-left">{days}</td>' in listed
    assert f'<dd id="endorsement-days-left">{days}</dd>' in shown


def test_an_older_case_shows_its_office_city_the_park_answers_and_its_attestation(talent, confirmed):
    case = casework.application_create(
        applicant=talent,
        kind="talent_endorsement",
        authority_code="SHENZHEN-EXIT-ENTRY",
        payload={
            "category": "research",
            "destination": "HK",
            "employer": confirmed.organisation.name,
            "eep_number": "C12345678",
        },
    )

    page = _page(_client(talent).get(reverse("web:case_detail", args=[case.reference])))

    rows = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]*)</dd>", page))
    assert rows["Work city"] == "Shenzhen"
    assert rows["Works in the Hetao Shenzhen Park"] == "No"
    assert rows["Filed with the Hetao Shenzhen Park's management"] == "No"
    assert f'data-attestation="{confirmed.pk}"' in page
    assert "employer_attestation" not in [d.code for d in required_documents(case)]


def test_a_case_naming_its_attestation_as_text_shows_the_panel(talent, confirmed):
    case = casework.application_create(
        applicant=talent,
        kind="talent_endorsement",
        authority_code="SHENZHEN-EXIT-ENTRY",
        payload={
            "category": "research",
            "destination": "HK",
            "employer": "Another employer",
            "eep_number": "C12345678",
        },
    )
    case.payload["employer_attestation"] = str(confirmed.pk)
    case.save(update_fields=["payload"])

    page = _page(_client(talent).get(reverse("web:case_detail", args=[case.reference])))

    assert f'id="employer-attestation" data-attestation="{confirmed.pk}"' in page


@pytest.mark.parametrize("day", ["1900-01-01", "2100-01-01"])
def test_the_checker_refuses_a_date_out_of_the_rulebook_on_its_field(reference, day):
    response = Client().post(
        reverse("web:endorsement_check"),
        {"category": "research", "holds_valid_eep": "on", "work_city": "shenzhen", "on": day},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"on": ["Enter a date from 1 Jan 1990 to 31 Dec 2099."]}
    assert not Endorsement.objects.exists()


def test_a_paper_attestation_on_a_case_holding_the_platforms_is_named_in_the_page_language(talent, confirmed):
    from talentbridge.web.casepage import document_namer

    case = casework.application_create(
        applicant=talent,
        kind="talent_endorsement",
        authority_code="SHENZHEN-EXIT-ENTRY",
        payload={"category": "research", "destination": "HK", "employer": "Another employer", "eep_number": "C1"},
    )
    case.payload["employer_attestation"] = confirmed.pk  # the platform's attestation: the paper one is not asked
    case.save(update_fields=["payload"])
    english = "Employer's attestation of employment, post and professional title"  # stored by an English uploader
    with translation.override("zh-hant"):
        assert document_namer(case)("employer_attestation", english) == ("工作單位出具的在職、職務及職稱證明", "")


def test_the_checker_cites_each_source_once(reference):
    data = {"category": "none", "holds_valid_eep": "on", "work_city": "shenzhen", "on": "2026-06-10"}
    page = _page(Client().post(reverse("web:endorsement_check"), data))
    for line in re.findall(r"<small>(.*?)</small>", page, re.S):
        text = re.sub(r"<[^>]+>", "", line)
        assert ").;" not in text and text.count("National Immigration Administration announcement") <= 1, text

"""Case pages say what a record is in words, in the page's language: never an internal id, a stored English
title on a Chinese page, or a workflow identifier with its hash."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from talentbridge.accounts.models import Organisation, Role
from talentbridge.casework import services
from talentbridge.casework.documents import document_upload
from talentbridge.casework.requirements import required_documents
from talentbridge.casework.workflow import get_workflow
from talentbridge.core import clock
from talentbridge.mobility import services as mobility
from talentbridge.practice import checker
from talentbridge.practice import services as practice
from talentbridge.reference.models import City
from talentbridge.web.casepage import payload_rows
from tests.casework.filing import PDF, attach_required_documents

pytestmark = pytest.mark.django_db

LAWYER = {
    "field": "lawyer",
    "zone": "nine_cities",
    "home_jurisdiction": "hong_kong",
    "years_of_practice": 4,
    "holds_home_licence": True,
    "is_permanent_resident": True,
    "is_chinese_citizen": True,
    "has_disciplinary_record": False,
}


def _summary(html: str) -> str:
    found = re.search(r'<dl class="summary">.*?</dl>', html, re.S)
    assert found
    return found.group(0)


def _case_from_a_check(applicant):
    with clock.frozen_at(timezone.make_aware(dt.datetime(2023, 10, 5, 10))):
        result = checker.check_run(answers=checker.answers_from({**LAWYER, "on": dt.date(2023, 10, 5)}), user=applicant)
        authority, payload = practice.apply_prefill(
            determination_id=result["determination_id"], user=applicant, city="shenzhen", licence_number="HK-1"
        )
        case = services.application_create(
            applicant=applicant, kind="practice_registration", authority_code=authority, payload=payload
        )
    return case, result["determination_id"]


def test_the_eligibility_check_is_named_by_its_date_and_linked_for_who_may_open_it(applicant, make_user, signed_in):
    """Regression: the summary read "Eligibility check 33"."""
    case, check_id = _case_from_a_check(applicant)
    officer = make_user(Role.POLICY_OFFICER)
    url = reverse("web:case_detail", args=[case.reference])

    own = _summary(signed_in(applicant).get(url).content.decode())

    assert "<dt>Eligibility check</dt><dd>Eligibility check of 5 Oct 2023</dd>" in own
    assert f">{check_id}<" not in own
    link = reverse("web:determination", args=[check_id])
    assert link not in own  # an applicant cannot open the policy pages
    rows = {row["label"]: row for row in payload_rows(get_workflow(case.kind), case.payload, officer)}
    assert rows["Eligibility check"] == {
        "label": "Eligibility check",
        "value": "Eligibility check of 5 Oct 2023",
        "url": link,
    }


def test_the_attestation_is_named_by_its_organisation_and_date(make_user, signed_in):
    """Regression: the endorsement summary read "單位證明編號 1" (attestation number 1)."""
    talent = make_user(Role.APPLICANT, residence="GD", full_name="Li Wei")
    institute = Organisation.objects.create(
        name="Shenzhen Bay Laboratory",
        kind=Organisation.Kind.RESEARCH_INSTITUTE,
        city=City.objects.get(code="shenzhen"),
    )
    staff = make_user(Role.ORGANISATION_STAFF, organisation=institute)
    with clock.frozen_at(timezone.make_aware(dt.datetime(2026, 3, 2, 10))):
        attestation = mobility.attestation_request(
            talent=talent,
            organisation_id=institute.pk,
            job_title="Principal investigator",
            professional_title="associate_senior",
            employed_since=dt.date(2020, 9, 1),
        )
        mobility.attestation_decide(attestation_id=attestation.pk, staff=staff, confirmed=True, reasons="Employed.")
    case = services.application_create(
        applicant=talent,
        kind="talent_endorsement",
        authority_code="SHENZHEN-EXIT-ENTRY",
        payload={"category": "research", "destination": "HK_MO", "employer_attestation": attestation.pk},
    )

    summary = _summary(signed_in(talent).get(reverse("web:case_detail", args=[case.reference])).content.decode())

    assert "<dt>Employer attestation</dt><dd>Shenzhen Bay Laboratory, confirmed on 2 Mar 2026</dd>" in summary
    assert f">{attestation.pk}<" not in summary


def test_a_typed_document_is_named_in_the_pages_language_not_the_uploaders(applicant, signed_in):
    """Regression: a Chinese page listed "Permanent identity card" as saved by an English-speaking uploader."""
    case = services.application_create(
        applicant=applicant,
        kind="practice_registration",
        authority_code="GD-DHURD",
        payload={"profession": "architect", "city": "shenzhen", "licence_number": "ARB-1", "years_of_practice": 6},
    )
    attach_required_documents(case, applicant)  # titles saved in English, the uploader's language
    document_upload(
        application_id=case.pk, actor=applicant, stream=io.BytesIO(PDF), original_name="cv.pdf", title="My CV notes"
    )
    with translation.override("zh-hant"):
        labels = [document.label for document in required_documents(case)]
    with translation.override("en"):
        english = [document.label for document in required_documents(case)]
    assert labels and set(labels).isdisjoint(english)

    with translation.override("zh-hant"):
        html = (
            signed_in(applicant)
            .get(reverse("web:case_detail", args=[case.reference]), HTTP_ACCEPT_LANGUAGE="zh-hant")
            .content.decode()
        )

    listed = re.findall(r'<a href="/documents/[^"]+">([^<]*)</a>', html) or re.findall(
        r'download[^"]*">([^<]*)</a>', html
    )
    assert sorted(listed) == sorted([*labels, "My CV notes"])
    timeline = re.search(r'<ol class="timeline".*?</ol>', html, re.S).group(0)
    for name in english:
        assert name not in html
    for name in labels:
        assert name in timeline


def test_the_history_names_the_rules_version_by_its_number(make_case, reviewer, second_reviewer, signed_in):
    """No workflow identifier with its content hash reaches the page text (only a title attribute)."""
    case = make_case(submit=True)
    services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
    services.application_transition(application_id=case.pk, actor=reviewer, transition="propose_approval")
    services.application_transition(application_id=case.pk, actor=second_reviewer, transition="approve")

    html = signed_in(reviewer).get(reverse("web:case_detail", args=[case.reference])).content.decode()

    text = re.sub(r'title="[^"]*"', "", re.sub(r"<script.*?</script>", "", html, flags=re.S))
    assert "practice_registration@" not in text
    assert "version 2.0.0" in html


def test_the_check_row_reads_in_chinese(applicant, signed_in):
    case, _check_id = _case_from_a_check(applicant)

    with translation.override("zh-hant"):
        html = (
            signed_in(applicant)
            .get(reverse("web:case_detail", args=[case.reference]), HTTP_ACCEPT_LANGUAGE="zh-hant")
            .content.decode()
        )

    assert "<dt>資格檢查</dt><dd>2023年10月5日的資格檢查</dd>" in _summary(html)

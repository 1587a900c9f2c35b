"""Required documents: a case is submitted only with every document its pathway and workflow list."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import translation

from talentbridge.casework import services
from talentbridge.casework.documents import document_upload
from talentbridge.casework.models import Application, AuditEvent, Document
from talentbridge.casework.requirements import documents_required, missing_documents
from talentbridge.core import clock
from talentbridge.core.errors import InvalidInput
from talentbridge.practice import catalogue

from .filing import PDF, attach_required_documents

CASES = {
    "architect": (
        "practice_registration",
        "GD-DHURD",
        {"profession": "architect", "city": "guangzhou", "licence_number": "A-1", "years_of_practice": 12},
        [
            "Permanent identity card",
            "Home registration or licence",
            "Letter of good standing (no discipline)",
            "Letter from the mainland employer",
        ],
    ),
    "lawyer": (
        "practice_registration",
        "GD-DOJ",
        {"profession": "lawyer", "city": "shenzhen", "licence_number": "L-1", "years_of_practice": 6},
        [
            "Permanent identity card",
            "Home registration or licence",
            "Current practising certificate",
            "GBA examination pass certificate",
            "Letter of good standing (no discipline)",
        ],
    ),
    "research endorsement": (
        "talent_endorsement",
        "SHENZHEN-EXIT-ENTRY",
        {"category": "research", "destination": "HK", "employer": "Shenzhen Institute", "eep_number": "C1"},
        [
            "Valid Exit-Entry Permit for Travelling to and from Hong Kong and Macao",
            "Employer's attestation of employment, post and professional title",
            "Recent ID photo (taken at the office or meeting its standard)",
            "Certificate of an associate-senior (副高) or higher professional title",
        ],
    ),
    "unemployment claim": (
        "benefit_claim",
        "GUANGZHOU-SIF",
        {"benefit": "unemployment", "city": "guangzhou", "insurance_number": "44010019800101"},
        ["Hong Kong or Macao permanent identity card", "Proof that the employment ended involuntarily"],
    ),
    "work injury claim": (
        "benefit_claim",
        "GUANGZHOU-SIF",
        {"benefit": "work_injury", "city": "guangzhou", "insurance_number": "44010019800101", "disability_grade": 7},
        ["Hong Kong or Macao permanent identity card", "Work ability assessment conclusion (disability grade)"],
    ),
    "pension claim": (
        "benefit_claim",
        "GUANGZHOU-SIF",
        {"benefit": "pension", "city": "guangzhou", "insurance_number": "44010019800101"},
        ["Hong Kong or Macao permanent identity card"],
    ),
}


def _draft(applicant, name):
    kind, authority, payload, _labels = CASES[name]
    return services.application_create(applicant=applicant, kind=kind, authority_code=authority, payload=payload)


def _submit(case, applicant):
    return services.application_transition(application_id=case.pk, actor=applicant, transition="submit")


def _notice(labels):
    return "Before you submit, attach: " + ", ".join(labels) + "."


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"


@pytest.mark.parametrize("name", sorted(CASES))
def test_submission_without_the_documents_is_one_notice_naming_each(applicant, name):
    """Regression: a pathway listed four documents and one was enough to submit."""
    case = _draft(applicant, name)
    document_upload(application_id=case.pk, actor=applicant, stream=io.BytesIO(PDF), original_name="cv.pdf")
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidInput) as error:
        _submit(case, applicant)
    assert str(error.value.message) == _notice(CASES[name][3])
    assert error.value.details == {"documents": [_notice(CASES[name][3])]}
    fresh = Application.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version, fresh.submitted_at) == ("draft", case.version, None)
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_missing_document_is_named_until_the_last_is_attached(applicant, name):
    case = _draft(applicant, name)
    required = missing_documents(case)
    assert [d.label for d in required] == CASES[name][3]
    for document in required[:-1]:
        document_upload(
            application_id=case.pk,
            actor=applicant,
            stream=io.BytesIO(PDF),
            original_name="scan.pdf",
            document_type=document.code,
        )
    with pytest.raises(InvalidInput) as error:
        _submit(case, applicant)
    assert error.value.details == {"documents": [_notice([required[-1].label])]}
    attach_required_documents(case, applicant)
    # Filed on a day each case's pathway is in force (the lawyers' ended on 2026-10-04).
    with clock.frozen_at(dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)):
        assert _submit(case, applicant).state == "submitted"


def test_missing_fields_and_documents_come_in_one_notice(applicant):
    case = services.application_create(
        applicant=applicant, kind="benefit_claim", authority_code="GUANGZHOU-SIF", payload={"benefit": "pension"}
    )
    with pytest.raises(InvalidInput) as error:
        _submit(case, applicant)
    assert error.value.details == {
        "city": ["This field is required."],
        "insurance_number": ["This field is required."],
        "documents": [_notice(["Hong Kong or Macao permanent identity card"])],
    }


def test_the_notice_is_translated(applicant):
    case = _draft(applicant, "unemployment claim")
    with translation.override("zh-hant"), pytest.raises(InvalidInput) as error:
        _submit(case, applicant)
    assert error.value.details == {"documents": ["提交前請附上：港澳永久性居民身份證、非因本人意願中斷就業的證明。"]}


def test_a_document_of_a_type_the_case_does_not_need_is_refused(applicant):
    case = _draft(applicant, "pension claim")
    with pytest.raises(InvalidInput) as error:
        document_upload(
            application_id=case.pk,
            actor=applicant,
            stream=io.BytesIO(PDF),
            original_name="x.pdf",
            document_type="examination_pass_certificate",
        )
    assert error.value.details == {"document_type": ["Choose one of the documents this application needs."]}
    assert not Document.objects.exists()


def test_an_untyped_document_does_not_stand_for_a_required_one(applicant):
    case = _draft(applicant, "pension claim")
    document_upload(
        application_id=case.pk,
        actor=applicant,
        stream=io.BytesIO(PDF),
        original_name="identity.pdf",
        title="Hong Kong or Macao permanent identity card",
    )
    assert [d.code for d in missing_documents(case)] == ["identity_card"]


def test_a_draft_is_withdrawn_without_its_documents(applicant):
    case = _draft(applicant, "architect")
    assert services.application_transition(application_id=case.pk, actor=applicant, transition="withdraw").state == (
        "withdrawn"
    )


def test_a_confirmed_attestation_stands_for_the_paper_one(applicant):
    codes = [
        d.code
        for d in documents_required(
            kind="talent_endorsement", payload={"category": "research", "employer_attestation": 7}
        )
    ]
    assert codes == ["eep", "photo", "professional_title_certificate"]


def test_every_pathways_documents_are_what_the_practice_catalogue_lists(reference):
    """The pathway's list is read from the practice catalogue, for every field and zone in force."""
    on = clock.today()
    checked = 0
    for pathway in catalogue.pathway_list(on=on):
        for home in pathway.open_to:
            payload = {
                "profession": catalogue.DEFAULT_PROFESSION[pathway.field],
                "field": pathway.field,
                "zone": pathway.zone,
                "home_jurisdiction": home,
            }
            applicable = catalogue.pathway_applicable(pathway.field, pathway.zone, home, on)
            codes = [d.code for d in documents_required(kind="practice_registration", payload=payload, on=on)]
            assert codes == list(applicable.documents), pathway.key
            assert codes, pathway.key
            checked += 1
    assert checked >= 5

"""Uploads: PDF, JPEG and PNG only by content, at most 10 MB, outside the web root, shown only to the case's people."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings

from talentbridge.casework import access, services
from talentbridge.casework.documents import document_for_download, document_upload, sniff_content_type
from talentbridge.casework.models import AuditEvent, Document
from talentbridge.casework.workflow import get_workflow
from talentbridge.core.errors import Forbidden, IllegalTransition, NotFound, UnsupportedDocument

from .conftest import KINDS, take

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path: Path) -> Path:
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return settings.DOCUMENT_ROOT


@pytest.mark.parametrize(("content", "expected"), [(PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg")])
def test_accepted_formats_are_recognised_by_content(make_case, applicant, content, expected, document_root):
    case = make_case()
    document = document_upload(
        application_id=case.pk, actor=applicant, stream=io.BytesIO(content), original_name="scan.bin", title="Licence"
    )
    assert (document.content_type, document.size) == (expected, len(content))
    stored = document_root / document.storage_name
    assert stored.read_bytes() == content
    assert settings.STATIC_ROOT not in stored.parents
    assert AuditEvent.objects.filter(application=case, action="document_uploaded").count() == 1


@pytest.mark.parametrize(
    "content",
    [b"GIF89a" + b"\x00" * 20, b"<html><script>alert(1)</script>", b"PK\x03\x04 zip", b"", b"MZ\x90\x00 exe"],
)
def test_other_content_is_refused_even_with_a_pdf_name(make_case, applicant, content, document_root):
    case = make_case()
    with pytest.raises(UnsupportedDocument) as error:
        document_upload(application_id=case.pk, actor=applicant, stream=io.BytesIO(content), original_name="cv.pdf")
    assert error.value.code == "unsupported_document"
    assert not Document.objects.exists()
    assert not any(document_root.iterdir()) if document_root.exists() else True


def test_file_over_ten_megabytes_is_refused_and_nothing_is_kept(make_case, applicant, document_root):
    case = make_case()
    too_big = PDF + b"0" * (10 * 1024 * 1024)
    with pytest.raises(UnsupportedDocument):
        document_upload(application_id=case.pk, actor=applicant, stream=io.BytesIO(too_big), original_name="big.pdf")
    assert not Document.objects.exists()
    assert list(document_root.iterdir()) == []
    exactly = PDF + b"0" * (10 * 1024 * 1024 - len(PDF))
    document = document_upload(
        application_id=case.pk, actor=applicant, stream=io.BytesIO(exactly), original_name="ok.pdf"
    )
    assert document.size == 10 * 1024 * 1024


def test_applicant_may_upload_only_to_a_draft_or_when_asked(make_cast, case_in):
    cast = make_cast("practice_registration")
    for state, allowed in (("draft", True), ("submitted", False), ("info_requested", True), ("approved", False)):
        case = case_in(cast, state)

        def upload(case=case):
            return document_upload(
                application_id=case.pk, actor=cast.applicant, stream=io.BytesIO(PDF), original_name="a.pdf"
            )

        if allowed:
            assert upload().application_id == case.pk
        else:
            with pytest.raises(IllegalTransition):
                upload()


def test_only_people_of_the_case_can_upload_or_download(make_cast, case_in):
    cast = make_cast("practice_registration")
    case = case_in(cast, "draft")
    document = document_upload(
        application_id=case.pk, actor=cast.applicant, stream=io.BytesIO(PDF), original_name="a.pdf"
    )
    for outsider in (cast.other_applicant, cast.foreign_reviewer, cast.policy_officer, cast.analyst, cast.verifier):
        with pytest.raises(NotFound):
            document_for_download(user=outsider, document_id=str(document.pk))
        with pytest.raises(NotFound):
            document_upload(application_id=case.pk, actor=outsider, stream=io.BytesIO(PDF), original_name="x.pdf")
    for official in (cast.reviewer, cast.administrator):  # a draft is its applicant's alone
        with pytest.raises(NotFound):
            document_for_download(user=official, document_id=str(document.pk))
    take(cast, case, "submit")
    for insider in (cast.applicant, cast.reviewer, cast.administrator):
        found, path = document_for_download(user=insider, document_id=str(document.pk))
        assert found == document and path.read_bytes() == PDF
    with pytest.raises(NotFound):
        document_for_download(user=cast.applicant, document_id="not-a-uuid")
    assert sniff_content_type(b"%PDF-") == "application/pdf"


def test_files_of_rolled_back_uploads_are_swept_but_recent_and_kept_files_stay(make_case, applicant, document_root):
    import datetime as dt
    import os

    from django.db import transaction

    from talentbridge.casework.documents import documents_sweep_orphans

    case = make_case()
    kept = document_upload(application_id=case.pk, actor=applicant, stream=io.BytesIO(PDF), original_name="a.pdf")
    with pytest.raises(RuntimeError), transaction.atomic():
        document_upload(application_id=case.pk, actor=applicant, stream=io.BytesIO(PNG), original_name="b.png")
        raise RuntimeError("the request failed after the upload")
    files = sorted(document_root.iterdir())
    assert len(files) == 2 and Document.objects.count() == 1
    assert documents_sweep_orphans() == 0  # too recent: its transaction might still be open
    for path in files:
        os.utime(path, (0, 0))
    assert documents_sweep_orphans(older_than=dt.timedelta(minutes=5)) == 1
    assert [p.name for p in document_root.iterdir()] == [kept.storage_name]


def test_clearing_a_draft_field_with_null(make_case, applicant):
    from talentbridge.casework import services

    case = make_case()
    updated = services.application_update_draft(
        application_id=case.pk, actor=applicant, payload={"licence_number": None}
    )
    assert "licence_number" not in updated.payload and updated.payload["profession"] == "structural_engineer"


def test_filing_opens_attaches_and_submits_or_leaves_nothing(make_cast, document_root):
    from talentbridge.casework import services
    from talentbridge.casework.models import Application

    cast = make_cast("benefit_claim")  # a lump sum: identity card and the written request
    common = {"applicant": cast.applicant, "kind": cast.kind, "authority_code": cast.authority, "payload": cast.payload}
    documents = [
        (io.BytesIO(PDF), "id.pdf", "", "identity_card"),
        (io.BytesIO(PDF), "request.pdf", "My request", "termination_request"),
        (io.BytesIO(PDF), "extra.pdf", "Extra"),
    ]
    case = services.application_file(**common, documents=documents)
    assert case.state == "submitted"
    assert list(case.documents.values_list("title", "document_type")) == [
        ("Hong Kong or Macao permanent identity card", "identity_card"),
        ("My request", "termination_request"),
        ("Extra", ""),
    ]
    with pytest.raises(UnsupportedDocument):
        services.application_file(**common, documents=[*documents[:2], (io.BytesIO(b"GIF89a..."), "b.pdf", "B")])
    assert Application.objects.count() == 1 and Document.objects.count() == 3
    draft = services.application_file(**common, submit=False)
    assert draft.state == "draft"


CLOSED = [(kind, state) for kind in KINDS for state, spec in get_workflow(kind).states.items() if spec.final]


def test_every_final_state_is_a_closed_case():
    assert {state for _kind, state in CLOSED} == {"approved", "refused", "withdrawn", "expired", "revoked"}


@pytest.mark.parametrize(("kind", "state"), CLOSED)
def test_a_closed_case_takes_no_document_from_anyone(make_cast, case_in, document_root, kind, state):
    """Regression: withdrawn, approved, refused and revoked cases accepted new documents."""
    cast = make_cast(kind)
    # withdrawn: after submission, so the authority sees the case (a draft withdrawn unsubmitted is private)
    case = take(cast, case_in(cast, "submitted"), "withdraw") if state == "withdrawn" else case_in(cast, state)
    assert case.submitted_at is not None
    documents, events = Document.objects.count(), AuditEvent.objects.count()
    files = sorted(document_root.iterdir())
    for actor in (cast.applicant, cast.reviewer, cast.second_reviewer):
        with pytest.raises(IllegalTransition) as error:
            document_upload(application_id=case.pk, actor=actor, stream=io.BytesIO(PDF), original_name="late.pdf")
        assert str(error.value.message) == "This case is closed: no documents can be added to it."
    assert (Document.objects.count(), AuditEvent.objects.count()) == (documents, events)
    assert sorted(document_root.iterdir()) == files


@pytest.mark.parametrize("official", ["reviewer", "verifier"])
def test_officials_add_no_document_to_the_applicants_case(make_case, reviewer, verifier, official, document_root):
    """Regression: the reviewer and the verifying authority could add documents to the applicant's file."""
    case = services.application_transition(
        application_id=make_case(submit=True).pk, actor=reviewer, transition="start_review"
    )
    services.verification_request(
        application_id=case.pk, reviewer=reviewer, authority_code="HK-ERB", question="Is the licence valid?"
    )
    actor = {"reviewer": reviewer, "verifier": verifier}[official]
    assert official in access.case_roles(actor, case)
    documents, events = Document.objects.count(), AuditEvent.objects.count()
    files = sorted(document_root.iterdir())

    with pytest.raises(Forbidden) as error:
        document_upload(application_id=case.pk, actor=actor, stream=io.BytesIO(PDF), original_name="note.pdf")

    assert str(error.value.message) == (
        "Only the applicant adds documents to a case. Write what you have to add in your decision or answer."
    )
    assert (Document.objects.count(), AuditEvent.objects.count()) == (documents, events)
    assert sorted(document_root.iterdir()) == files

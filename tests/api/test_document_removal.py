"""Removing a document from a draft over the API: the applicant's own draft only; refused, nothing changes."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings

from talentbridge.casework.documents import document_root, document_upload
from talentbridge.casework.models import AuditEvent, Document
from tests.api.conftest import PDF, assert_error
from tests.casework.filing import case_factory


@pytest.fixture
def make_case(applicant):
    """Cases submitted as an applicant does: with every required document."""
    return case_factory(applicant)


def _stored(case, applicant):
    return document_upload(
        application_id=case.pk, actor=applicant, stream=io.BytesIO(PDF), original_name="notes.pdf", title="My notes"
    )


def test_the_applicant_removes_a_document_from_their_draft(client_for, applicant, make_case):
    case = make_case()
    document = _stored(case, applicant)
    stored_file = document_root() / document.storage_name

    response = client_for(applicant).delete(f"/applications/{case.reference}/documents/{document.pk}")

    assert response.status_code == 204
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not stored_file.exists()
    event = AuditEvent.objects.get(application=case, action="document_removed")
    assert event.actor == applicant
    assert event.data["document"] == str(document.pk)
    assert event.data["title"] == "My notes"


@pytest.mark.parametrize(("who", "status", "code"), [("reviewer", 403, "forbidden"), ("verifier", 404, "not_found")])
def test_anyone_else_is_refused_and_nothing_changes(
    client_for, snapshot, applicant, reviewer, verifier, make_case, who, status, code
):
    case = make_case(submit=True)
    document = case.documents.first()
    client = client_for({"reviewer": reviewer, "verifier": verifier}[who])
    before = snapshot()

    response = client.delete(f"/applications/{case.reference}/documents/{document.pk}")

    assert_error(response, status, code)
    assert snapshot() == before
    assert (document_root() / document.storage_name).exists()


def test_a_submitted_case_keeps_its_documents(client_for, applicant, make_case):
    case = make_case(submit=True)
    document = case.documents.first()

    response = client_for(applicant).delete(f"/applications/{case.reference}/documents/{document.pk}")

    body = assert_error(response, 409, "illegal_transition")
    assert body["message"] == "This application has been submitted: its documents stay as the authority received them."
    assert Document.objects.filter(pk=document.pk).exists()
    assert (document_root() / document.storage_name).exists()
    assert not AuditEvent.objects.filter(application=case, action="document_removed").exists()


def test_another_applicants_document_is_not_found(client_for, applicant, make_user, make_case):
    case = make_case()
    document = _stored(case, applicant)
    other = make_user()

    response = client_for(other).delete(f"/applications/{case.reference}/documents/{document.pk}")

    assert_error(response, 404, "not_found")
    assert Document.objects.filter(pk=document.pk).exists()


def test_a_document_of_another_case_is_not_found(client_for, applicant, make_case):
    case, other_case = make_case(), make_case()
    document = _stored(other_case, applicant)

    response = client_for(applicant).delete(f"/applications/{case.reference}/documents/{document.pk}")

    assert_error(response, 404, "not_found")
    assert Document.objects.filter(pk=document.pk).exists()


def test_the_committed_schema_documents_the_removal():
    schema = json.loads((Path(settings.BASE_DIR) / "openapi" / "openapi.json").read_text())
    operation = schema["paths"]["/api/v1/applications/{reference}/documents/{document_id}"]["delete"]
    assert sorted(operation["responses"]) == ["204", "401", "403", "404", "409"]

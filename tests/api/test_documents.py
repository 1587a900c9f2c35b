"""Documents: multipart upload checked by content and size, listing, permission-checked download."""

import hashlib
import io
import uuid

import pytest
from django.conf import settings

from talentbridge.casework.documents import document_upload
from talentbridge.casework.models import AuditEvent, Document
from tests.api.conftest import PDF, PNG, assert_error, step
from tests.casework.filing import attach_required_documents, case_factory


@pytest.fixture
def make_case(applicant):
    """Cases submitted as an applicant does: with every required document."""
    return case_factory(applicant)


def _upload(client, case, content=PDF, name="licence.pdf", title="Licence", mime="application/pdf"):
    return client.post(
        f"/applications/{case.reference}/documents", files={"file": (name, content, mime)}, data={"title": title}
    )


def _stored(case, applicant, content=PDF, name="licence.pdf"):
    return document_upload(application_id=case.pk, actor=applicant, stream=io.BytesIO(content), original_name=name)


def test_upload_a_document(client_for, applicant, make_case):
    case = make_case()

    response = _upload(client_for(applicant), case)

    assert response.status_code == 201
    body = response.json()
    document = Document.objects.get(pk=body["id"])
    assert body["title"] == "Licence"
    assert body["document_type"] == ""
    assert body["original_name"] == "licence.pdf"
    assert body["content_type"] == "application/pdf"
    assert body["size"] == len(PDF)
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert body["uploaded_by"] == applicant.full_name
    assert body["content_url"] == f"/api/v1/documents/{document.pk}/content"
    assert AuditEvent.objects.filter(application=case, action="document_uploaded").count() == 1


def test_upload_without_a_title_uses_the_file_name(client_for, applicant, make_case):
    case = make_case()

    response = client_for(applicant).post(
        f"/applications/{case.reference}/documents", files={"file": ("photo.png", PNG, "image/png")}
    )

    assert response.status_code == 201
    assert response.json()["title"] == "photo.png"
    assert response.json()["content_type"] == "image/png"


def test_upload_by_session_needs_csrf(client_for, applicant, make_case, snapshot):
    case = make_case()
    client = client_for(applicant, via="session", csrf=False)
    before = snapshot()

    assert_error(_upload(client, case), 403, "csrf_failed")
    assert snapshot() == before
    assert _upload(client_for(applicant, via="session"), case).status_code == 201


def test_upload_of_a_disguised_file_is_refused(client_for, applicant, make_case, snapshot):
    case = make_case()
    client = client_for(applicant)
    before = snapshot()

    response = _upload(client, case, content=b"MZ\x90\x00 not a pdf", name="virus.pdf")

    body = assert_error(response, 422, "unsupported_document")
    assert list(body["details"]) == ["file"]
    assert snapshot() == before
    assert list((settings.DOCUMENT_ROOT).glob("*")) == []


def test_upload_of_an_oversized_file_is_refused(client_for, applicant, make_case, snapshot):
    case = make_case()
    client = client_for(applicant)
    before = snapshot()

    response = _upload(client, case, content=PDF + b"0" * settings.DOCUMENT_MAX_BYTES, name="huge.pdf")

    body = assert_error(response, 422, "unsupported_document")
    assert list(body["details"]) == ["file"]
    assert snapshot() == before
    assert list((settings.DOCUMENT_ROOT).glob("*")) == []


def test_upload_without_a_file_is_invalid(client_for, applicant, make_case, snapshot):
    case = make_case()
    client = client_for(applicant)
    before = snapshot()

    response = client.post(f"/applications/{case.reference}/documents", data={"title": "No file"})

    body = assert_error(response, 422, "invalid_input")
    assert list(body["details"]) == ["file"]
    assert snapshot() == before


def test_upload_as_json_is_invalid(client_for, applicant, make_case, snapshot):
    case = make_case()
    client = client_for(applicant)
    before = snapshot()

    response = client.post(f"/applications/{case.reference}/documents", json={"file": "JVBERi0="})

    assert_error(response, 422, "invalid_input")
    assert snapshot() == before


def test_applicant_cannot_upload_once_submitted(client_for, applicant, make_case, snapshot):
    case = make_case(submit=True)
    client = client_for(applicant)
    before = snapshot()

    assert_error(_upload(client, case), 409, "illegal_transition")
    assert snapshot() == before


OFFICIALS_UPLOAD = "Only the applicant adds documents to a case. Write what you have to add in your decision or answer."


@pytest.mark.parametrize("official", ["reviewer", "verifier"])
def test_officials_do_not_add_documents_to_the_applicants_case(
    client_for, people, case_in_verification, official, snapshot
):
    """Regression: the reviewing and the verifying authority's uploads were accepted into the applicant's file."""
    client = client_for(people[official])
    before, files = snapshot(), sorted(settings.DOCUMENT_ROOT.iterdir())

    body = assert_error(_upload(client, case_in_verification), 403, "forbidden")

    assert body["message"] == OFFICIALS_UPLOAD
    assert snapshot() == before
    assert sorted(settings.DOCUMENT_ROOT.iterdir()) == files


def test_list_documents(client_for, applicant, make_case):
    case = make_case()
    first = _stored(case, applicant, name="a.pdf")
    second = _stored(case, applicant, content=PNG, name="b.png")

    response = client_for(applicant).get(f"/applications/{case.reference}/documents")

    assert response.status_code == 200
    assert [d["id"] for d in response.json()["items"]] == [str(first.pk), str(second.pk)]
    assert response.json()["count"] == 2


def test_download_a_document(client_for, applicant, reviewer, make_case):
    case = make_case()
    document = _stored(case, applicant, name="my licence.pdf")
    attach_required_documents(case, applicant)
    step(case, applicant, "submit")

    for user in (applicant, reviewer):
        response = client_for(user).get(f"/documents/{document.pk}/content")
        assert response.status_code == 200
        assert response.content == PDF
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["content-disposition"] == 'attachment; filename="my licence.pdf"'
        assert response.headers["cache-control"] == "private, no-store"


def test_download_by_someone_who_cannot_see_the_case_is_not_found(client_for, people, make_case):
    case = make_case()
    document = _stored(case, people["applicant"])

    for role in ["other_applicant", "organisation_staff", "other_reviewer", "verifier", "policy_officer", "analyst"]:
        assert_error(client_for(people[role]).get(f"/documents/{document.pk}/content"), 404, "not_found")


def test_download_of_an_unknown_or_malformed_id_is_not_found(client_for, applicant):
    client = client_for(applicant)

    assert_error(client.get(f"/documents/{uuid.uuid4()}/content"), 404, "not_found")
    assert_error(client.get("/documents/not-a-uuid/content"), 404, "not_found")


def test_download_anonymous_is_401(anonymous, applicant, make_case):
    document = _stored(make_case(), applicant)

    assert_error(anonymous.get(f"/documents/{document.pk}/content"), 401, "not_authenticated")


def test_download_of_a_file_missing_from_storage_is_not_found(client_for, applicant, make_case):
    document = _stored(make_case(), applicant)
    (settings.DOCUMENT_ROOT / document.storage_name).unlink()

    assert_error(client_for(applicant).get(f"/documents/{document.pk}/content"), 404, "not_found")


def test_a_drafts_document_is_not_downloadable_by_officials(client_for, people, make_case):
    """Regression: a reviewer could download the documents of an unsubmitted draft."""
    draft = make_case(owner=people["applicant"])
    document = _stored(draft, people["applicant"])

    assert client_for(people["applicant"]).get(f"/documents/{document.pk}/content").status_code == 200
    for role in ("reviewer", "administrator"):
        assert_error(client_for(people[role]).get(f"/documents/{document.pk}/content"), 404, "not_found")


def test_a_closed_case_takes_no_document(client_for, applicant, reviewer, make_case, snapshot):
    """Regression: withdrawn, approved, refused and revoked cases accepted documents over the API."""
    case = make_case(submit=True)
    step(case, applicant, "withdraw")
    clients = [client_for(applicant), client_for(reviewer)]
    before, files = snapshot(), sorted(settings.DOCUMENT_ROOT.iterdir())

    for client in clients:
        body = assert_error(_upload(client, case), 409, "illegal_transition")
        assert body["message"] == "This case is closed: no documents can be added to it."

    assert snapshot() == before
    assert sorted(settings.DOCUMENT_ROOT.iterdir()) == files


def test_upload_names_the_required_document_it_is(client_for, applicant, make_case):
    case = make_case()

    response = client_for(applicant).post(
        f"/applications/{case.reference}/documents",
        files={"file": ("scan.pdf", PDF, "application/pdf")},
        data={"document_type": "good_standing_letter"},
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["document_type"], body["title"]) == ("good_standing_letter", "Letter of good standing (no discipline)")
    assert Document.objects.get(pk=body["id"]).document_type == "good_standing_letter"


def test_upload_as_a_document_the_case_does_not_need_is_refused(client_for, applicant, make_case, snapshot):
    case = make_case()
    client = client_for(applicant)
    before, files = snapshot(), sorted(settings.DOCUMENT_ROOT.glob("*"))

    response = client.post(
        f"/applications/{case.reference}/documents",
        files={"file": ("scan.pdf", PDF, "application/pdf")},
        data={"document_type": "examination_pass_certificate"},  # a lawyer's, not a structural engineer's
    )

    body = assert_error(response, 422, "invalid_input")
    assert body["details"] == {"document_type": ["Choose one of the documents this application needs."]}
    assert snapshot() == before
    assert sorted(settings.DOCUMENT_ROOT.glob("*")) == files


@pytest.mark.parametrize(
    ("data", "extra_files", "unknown"),
    [
        ({"title": "Licence", "state": "approved"}, {}, ["state"]),  # a case field
        ({"documenttype": "good_standing_letter", "uploaded_by": "1"}, {}, ["documenttype", "uploaded_by"]),
        ({"title": "Licence"}, {"attachment": ("other.pdf", PDF, "application/pdf")}, ["attachment"]),  # a file
    ],
    ids=["case-field", "misspelt-and-internal", "second-file-field"],
)
def test_a_field_the_upload_does_not_have_is_refused_naming_it_and_stores_nothing(
    client_for, applicant, make_case, snapshot, data, extra_files, unknown
):
    case = make_case()
    client = client_for(applicant)
    before, files = snapshot(), sorted(settings.DOCUMENT_ROOT.glob("*"))

    response = client.post(
        f"/applications/{case.reference}/documents",
        files={"file": ("scan.pdf", PDF, "application/pdf"), **extra_files},
        data=data,
    )

    body = assert_error(response, 422, "invalid_input")
    assert body["details"] == {name: ["This field is not expected here."] for name in unknown}
    assert snapshot() == before
    assert sorted(settings.DOCUMENT_ROOT.glob("*")) == files


def test_an_unknown_upload_field_is_refused_in_chinese(client_for, applicant, make_case, snapshot):
    case = make_case()
    client = client_for(applicant, language="zh-hant")
    before = snapshot()
    response = client.post(
        f"/applications/{case.reference}/documents",
        files={"file": ("scan.pdf", PDF, "application/pdf")},
        data={"state": "approved"},
    )
    assert assert_error(response, 422, "invalid_input")["details"] == {"state": ["此處不應包含該欄位。"]}
    assert snapshot() == before


def test_a_browser_form_may_carry_its_csrf_token_in_the_body(client_for, applicant, make_case):
    case = make_case()
    client = client_for(applicant, via="session", csrf=False)

    response = client.post(
        f"/applications/{case.reference}/documents",
        files={"file": ("scan.pdf", PDF, "application/pdf")},
        data={"title": "Licence", "csrfmiddlewaretoken": client.cookies[settings.CSRF_COOKIE_NAME]},
    )

    assert response.status_code == 201, response.text
    assert case.documents.get().title == "Licence"

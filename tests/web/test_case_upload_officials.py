"""Only the applicant adds documents to a case: officials get no upload form, and a forged upload is refused."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from talentbridge.casework import services
from talentbridge.casework.models import AuditEvent, Document
from tests.casework.filing import case_factory
from tests.web.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

REFUSED = {
    "en": "Only the applicant adds documents to a case. Write what you have to add in your decision or answer.",
    "zh-hant": "只有申請人可以為個案加入文件。請把要補充的內容寫在你的決定或答覆中。",
}


@pytest.fixture
def document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return settings.DOCUMENT_ROOT


@pytest.fixture
def case_in_verification(applicant, reviewer, document_root):
    case = case_factory(applicant)(submit=True)
    services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
    services.verification_request(
        application_id=case.pk, reviewer=reviewer, authority_code="HK-ERB", question="Is the licence valid?"
    )
    case.refresh_from_db()
    return case


@pytest.mark.parametrize("language", ["en", "zh-hant"])
@pytest.mark.parametrize("official", ["reviewer", "verifier"])
def test_officials_get_no_upload_form_and_a_forged_upload_changes_nothing(
    case_in_verification, reviewer, verifier, official, language, signed_in, document_root
):
    """Regression: the reviewer and the verifying authority were offered "Add a document", and it was accepted."""
    case = case_in_verification
    client = signed_in({"reviewer": reviewer, "verifier": verifier}[official])
    url = reverse("web:case_upload", args=[case.reference])
    documents, events = Document.objects.count(), AuditEvent.objects.count()
    files = sorted(document_root.iterdir())

    page = client.get(reverse("web:case_detail", args=[case.reference]), HTTP_ACCEPT_LANGUAGE=language)
    response = client.post(
        url,
        {"file": SimpleUploadedFile("note.pdf", PDF_BYTES, "application/pdf")},
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert page.status_code == 200
    assert url not in page.content.decode()
    assert response.status_code == 403
    html = response.content.decode()
    assert REFUSED[language] in html
    assert html.count('class="error-summary"') == 1
    assert (Document.objects.count(), AuditEvent.objects.count()) == (documents, events)
    assert sorted(document_root.iterdir()) == files


def test_the_applicant_is_offered_the_upload_when_information_is_requested(applicant, reviewer, signed_in):
    case = case_factory(applicant)(submit=True)
    services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
    services.info_request_create(application_id=case.pk, reviewer=reviewer, message="Send your licence.")
    url = reverse("web:case_upload", args=[case.reference])

    assert url in signed_in(applicant).get(reverse("web:case_detail", args=[case.reference])).content.decode()
    assert url not in signed_in(reviewer).get(reverse("web:case_detail", args=[case.reference])).content.decode()

"""A closed case takes no new documents: the page offers no upload, and a forged upload is refused."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from talentbridge.casework import services
from talentbridge.casework.models import AuditEvent, Document
from tests.casework.filing import case_factory
from tests.web.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_case(applicant):
    """Cases submitted as an applicant does: with every required document."""
    return case_factory(applicant)


@pytest.fixture
def document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return settings.DOCUMENT_ROOT


def test_a_withdrawn_case_offers_and_takes_no_upload(make_case, applicant, reviewer, signed_in, document_root):
    """Regression: closed cases accepted new documents."""
    case = make_case(submit=True)
    services.application_transition(application_id=case.pk, actor=applicant, transition="withdraw")
    url = reverse("web:case_upload", args=[case.reference])
    events, documents = AuditEvent.objects.count(), Document.objects.count()
    files = sorted(document_root.iterdir())

    for person in (applicant, reviewer):
        client = signed_in(person)
        page = client.get(reverse("web:case_detail", args=[case.reference])).content.decode()
        assert url not in page
        response = client.post(url, {"file": SimpleUploadedFile("late.pdf", PDF_BYTES, "application/pdf")})
        assert response.status_code == 409
        assert "This case is closed: no documents can be added to it." in response.content.decode()

    assert (Document.objects.count(), AuditEvent.objects.count()) == (documents, events)
    assert sorted(document_root.iterdir()) == files


def test_a_closed_case_is_refused_in_chinese(make_case, applicant, signed_in, document_root):
    case = make_case(submit=True)
    services.application_transition(application_id=case.pk, actor=applicant, transition="withdraw")
    client = signed_in(applicant)

    with translation.override("zh-hant"):  # restores the language the request activates
        response = client.post(
            reverse("web:case_upload", args=[case.reference]),
            {"file": SimpleUploadedFile("late.pdf", PDF_BYTES, "application/pdf")},
            HTTP_ACCEPT_LANGUAGE="zh-hant",
        )

    assert response.status_code == 409
    assert "此個案已結束，不能再加入文件。" in response.content.decode()

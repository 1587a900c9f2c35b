"""The case page names the documents a case needs, takes each by name, and refuses an incomplete submission."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from talentbridge.casework.models import Application, AuditEvent, Document
from tests.casework.filing import case_factory
from tests.web.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

NEEDED = [
    ("identity_card", "Permanent identity card"),
    ("home_licence", "Home registration or licence"),
    ("good_standing_letter", "Letter of good standing (no discipline)"),
    ("employer_letter", "Letter from the mainland employer"),
]
NOTICE = "Before you submit, attach: " + ", ".join(label for _code, label in NEEDED) + "."


@pytest.fixture
def make_case(applicant):
    return case_factory(applicant)


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"


def _options(html: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select, f"no {name} select"
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(0))


def test_the_case_page_lists_the_documents_needed_and_offers_each_by_name(make_case, applicant, signed_in):
    case = make_case()

    html = signed_in(applicant).get(reverse("web:case_detail", args=[case.reference])).content.decode()

    checklist = re.search(r'<ul class="checklist" id="required-documents">(.*?)</ul>', html, re.S).group(1)
    assert [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", li)).strip() for li in re.findall(r"<li.*?</li>", checklist, re.S)
    ] == [f"{label} — still missing" for _code, label in NEEDED]
    assert _options(html, "document_type") == [("", "Another supporting document"), *NEEDED]


def test_an_upload_by_name_ticks_the_document_off(make_case, applicant, signed_in):
    case = make_case()
    client = signed_in(applicant)

    response = client.post(
        reverse("web:case_upload", args=[case.reference]),
        {"document_type": "home_licence", "file": SimpleUploadedFile("scan.pdf", PDF_BYTES, "application/pdf")},
    )

    assert response.status_code == 302
    document = Document.objects.get(application=case)
    assert (document.document_type, document.title) == ("home_licence", "Home registration or licence")
    html = client.get(reverse("web:case_detail", args=[case.reference])).content.decode()
    assert "Home registration or licence — <strong>attached</strong>" in html


def test_submitting_from_the_case_page_without_the_documents_names_each_missing_one(make_case, applicant, signed_in):
    """Regression: a pathway listed four documents and one was enough to submit."""
    case = make_case()
    client = signed_in(applicant)
    client.post(
        reverse("web:case_upload", args=[case.reference]),
        {"file": SimpleUploadedFile("cv.pdf", PDF_BYTES, "application/pdf")},  # an untyped document
    )
    events = AuditEvent.objects.count()

    response = client.post(
        reverse("web:case_action", args=[case.reference]), {"transition": "submit", "expected_version": case.version}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert html.count(NOTICE) >= 1
    fresh = Application.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version) == ("draft", case.version)
    assert AuditEvent.objects.count() == events


def test_the_edit_form_takes_a_document_by_name_and_the_notice_is_translated(make_case, applicant, signed_in):
    case = make_case()
    client = signed_in(applicant)
    url = reverse("web:application_edit", args=[case.reference])
    assert _options(client.get(url).content.decode(), "document_type")[1:] == NEEDED

    with translation.override("zh-hant"):  # restores the language the request activates
        client.cookies["django_language"] = "zh-hant"
        response = client.post(
            url,
            {
                **case.payload,
                "action": "submit",
                "document_type": "identity_card",
                "document": SimpleUploadedFile("id.pdf", PDF_BYTES, "application/pdf"),
            },
        )

    html = response.content.decode()
    assert response.status_code == 400
    assert "提交前請附上：原執業資格證明、良好執業記錄證明、內地聘用單位證明。" in html
    assert "您的草稿已儲存。" in html
    assert Application.objects.get(pk=case.pk).state == "draft"
    # the draft keeps the document attached with the edit, so the notice names only what is still missing
    assert list(Document.objects.filter(application=case).values_list("document_type", flat=True)) == ["identity_card"]


def test_the_checklist_reads_in_traditional_chinese(make_case, applicant, signed_in):
    case = make_case()
    client = signed_in(applicant)
    client.cookies["django_language"] = "zh-hant"

    with translation.override("zh-hant"):
        html = client.get(reverse("web:case_detail", args=[case.reference])).content.decode()

    assert "本申請所需文件" in html
    assert "永久性居民身份證 — <em>尚欠</em>" in html
    assert "這是哪份文件？" in html
    assert _options(html, "document_type")[0] == ("", "其他證明文件")

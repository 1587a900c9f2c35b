"""Applying for an endorsement without every required document: one notice naming each missing one, a note
that the browser does not keep chosen files, and nothing saved."""

# ruff: noqa: F811
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from talentbridge.casework.models import Application, Document
from talentbridge.mobility.models import EmployerAttestation

# The mobility fixtures, shared with tests/mobility (ruff sees each use as a redefinition: F811 is off here).
from tests.mobility.conftest import confirmed, employer_staff, institute, talent  # noqa: F401
from tests.web.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

PHOTO = "Recent ID photo (taken at the office or meeting its standard)"
TITLE = "Certificate of an associate-senior (副高) or higher professional title"
NOT_KEPT = {
    "en": "Nothing was saved. Your browser does not keep the files you chose once a submission is refused, "
    "so choose each file again before you submit.",
    "zh-hans": "未保存任何内容。提交被拒后，浏览器不会保留您选择的文件，请在提交前重新选择每个文件。",
    "zh-hant": "未儲存任何內容。提交被拒後，瀏覽器不會保留您選擇的檔案，請在提交前重新選擇每個檔案。",
}


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _data(attestation: EmployerAttestation, **changes: object) -> dict[str, object]:
    return {
        "category": "research",
        "destination": "HK_MO",
        "work_city": "shenzhen",
        "authority": "",
        "employer_attestation": attestation.pk,
        "eep_number": "c12345678",
        "document_eep": _pdf("eep.pdf"),
        "documents": [_pdf("contract.pdf")],
        **changes,
    }


def test_missing_documents_are_named_in_one_notice_and_nothing_is_saved(signed_in, talent, confirmed):
    response = signed_in(talent).post(reverse("web:endorsement_apply"), _data(confirmed))

    html = response.content.decode()
    form = response.context["form"]
    assert response.status_code == 400
    assert form.errors == {"__all__": [f"Before you submit, attach: {PHOTO}, {TITLE}."]}
    assert "Please correct the errors below." not in html
    assert NOT_KEPT["en"] in html
    assert "You chose: eep.pdf, contract.pdf." in html
    assert (Application.objects.count(), Document.objects.count()) == (0, 0)


def test_other_faults_and_missing_documents_are_told_together(signed_in, talent, confirmed):
    response = signed_in(talent).post(
        reverse("web:endorsement_apply"), _data(confirmed, eep_number="", document_eep="")
    )

    form = response.context["form"]
    assert response.status_code == 400
    assert form.non_field_errors() == [
        f"Before you submit, attach: Valid Exit-Entry Permit for Travelling to and "
        f"from Hong Kong and Macao, {PHOTO}, {TITLE}."
    ]
    assert list(form.errors) == ["eep_number", "__all__"]
    assert Application.objects.count() == 0


@pytest.mark.parametrize("language", list(NOT_KEPT))
def test_the_note_on_chosen_files_is_translated(signed_in, talent, confirmed, language):
    response = signed_in(talent).post(reverse("web:endorsement_apply"), _data(confirmed), HTTP_ACCEPT_LANGUAGE=language)

    html = response.content.decode()
    assert response.status_code == 400
    assert html.count('id="files-not-kept"') == 1
    assert NOT_KEPT[language] in html
    assert len(response.context["form"].non_field_errors()) == 1


def test_without_files_chosen_there_is_no_note_on_files(signed_in, talent, confirmed):
    data = {k: v for k, v in _data(confirmed).items() if not k.startswith("document")}

    response = signed_in(talent).post(reverse("web:endorsement_apply"), data)

    assert response.status_code == 400
    assert 'id="files-not-kept"' not in response.content.decode()
    assert response.context["form"].errors == {
        "__all__": [
            f"Before you submit, attach: Valid Exit-Entry Permit for Travelling to and from Hong Kong and "
            f"Macao, {PHOTO}, {TITLE}."
        ]
    }

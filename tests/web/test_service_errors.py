"""A service's notice about the whole application (the missing documents) is shown once above the form."""

from __future__ import annotations

from django import forms

from talentbridge.core.errors import InvalidInput
from talentbridge.web.errors import add_service_error


class UploadForm(forms.Form):
    title = forms.CharField(required=False)
    documents = forms.FileField(required=False)


def test_the_missing_documents_notice_goes_above_the_form_not_beside_the_upload_field() -> None:
    notice = "Before you submit, attach: Recent ID photo."
    form = UploadForm(data={})
    form.is_valid()

    add_service_error(form, InvalidInput(notice, details={"documents": [notice]}), aliases={"file": "documents"})

    assert form.errors == {"__all__": [notice]}


def test_an_upload_fault_stays_beside_its_field() -> None:
    form = UploadForm(data={})
    form.is_valid()

    add_service_error(
        form, InvalidInput(details={"file": ["The file is not a PDF, JPEG or PNG."]}), aliases={"file": "documents"}
    )

    assert form.errors == {"documents": ["The file is not a PDF, JPEG or PNG."]}

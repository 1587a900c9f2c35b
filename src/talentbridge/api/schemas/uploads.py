"""A multipart request's files as the documents of the case a service files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from talentbridge.casework import services as casework
from talentbridge.casework.models import Application
from talentbridge.core.errors import ApplicationError, InvalidInput

# casework's fields of one document; a fault in any of them is the endpoint's `documents` field
DOCUMENT_FIELDS = frozenset({"file", "title", "document_type", "documents"})


def filing_with_uploads(uploads: Sequence[Any], types: Sequence[str]) -> Callable[..., Application]:
    """casework's `application_file` with the request's files as the case's documents, for a service to call.

    `types` gives each file its required-document code (empty: another document), in order; none at all
    means every file is another document. The service calls it once it has checked who files what, so a
    refusal of the person comes before a fault of the files; a document's fault is reported against the
    endpoint's `documents` field.
    """

    def file(*, applicant: Any, kind: str, authority_code: str, payload: dict[str, Any]) -> Application:
        if types and len(types) != len(uploads):
            raise InvalidInput(details={"document_types": [_("Give one document type per file, in the same order.")]})
        names = [(upload.name or "document").replace("\x00", "") for upload in uploads]
        codes = list(types) or [""] * len(uploads)
        try:
            return casework.application_file(
                applicant=applicant,
                kind=kind,
                authority_code=authority_code,
                payload=payload,
                documents=[
                    (upload, name, "" if code else name, code)
                    for upload, name, code in zip(uploads, names, codes, strict=True)
                ],
            )
        except ApplicationError as error:
            if not error.details or not set(error.details) <= DOCUMENT_FIELDS:
                raise
            messages = [str(m) for values in error.details.values() for m in values]
            raise type(error)(error.message, details={"documents": messages}) from error

    return file

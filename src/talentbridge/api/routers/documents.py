"""Documents of a case: list, upload (multipart) and download to those who may see the case."""

import uuid

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, UploadedFile
from ninja.pagination import paginate

from talentbridge.api.auth import AUTHENTICATED, current_user
from talentbridge.api.errors import error_responses
from talentbridge.api.pagination import PagePagination
from talentbridge.api.routers.applications import case_for
from talentbridge.api.schemas.applications import DocumentOut
from talentbridge.api.schemas.common import refuse_unknown_form_fields
from talentbridge.casework.documents import document_for_download, document_upload
from talentbridge.casework.models import Document
from talentbridge.core.errors import InvalidInput, NotFound

router = Router(tags=["documents"], auth=AUTHENTICATED)


@router.get(
    "/applications/{reference}/documents",
    response={200: list[DocumentOut], **error_responses(401, 404, 422)},
    url_name="documents",
)
@paginate(PagePagination)
def document_list(request: HttpRequest, reference: str) -> QuerySet[Document]:
    """The case's documents, oldest first."""
    _user, application = case_for(request, reference)
    return application.documents.select_related("uploaded_by").order_by("uploaded_at", "pk")


@router.post(
    "/applications/{reference}/documents",
    response={201: DocumentOut, **error_responses(400, 401, 403, 404, 409, 413, 422)},
    url_name="document_upload",
)
def document_create(
    request: HttpRequest,
    reference: str,
    file: File[UploadedFile],
    title: Form[str] = "",
    document_type: Form[str] = "",
) -> tuple[int, Document]:
    """Upload a PDF, JPEG or PNG (checked by content) of at most 10 MB as `file`, with an optional `title`.

    `document_type` names which of the case's `required_documents` the file is (empty for another
    supporting document); a case is submitted only once each required one is attached. A form field the
    upload does not have is 422 on that field and nothing is stored. Only the case's applicant adds
    documents (to a draft, or in answer to a request for information); an official is refused with 403.
    """
    user, application = case_for(request, reference)
    refuse_unknown_form_fields(request, ("title", "document_type"), files=("file",))
    for name, value in (("title", title), ("document_type", document_type)):
        if "\x00" in value:
            raise InvalidInput(details={name: [_("Null characters are not allowed.")]})
    document = document_upload(
        application_id=application.pk,
        actor=user,
        stream=file,
        original_name=(file.name or "").replace("\x00", ""),
        title=title,
        document_type=document_type,
    )
    return 201, document


@router.get(
    "/documents/{uuid:document_id}/content",
    response={**error_responses(401, 404)},
    url_name="document_content",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file, as an attachment",
                "content": {
                    t: {"schema": {"type": "string", "format": "binary"}}
                    for t in ("application/pdf", "image/jpeg", "image/png")
                },
            }
        }
    },
)
def document_content(request: HttpRequest, document_id: uuid.UUID) -> FileResponse:
    """The file itself, only to those who may see its case."""
    document, path = document_for_download(user=current_user(request), document_id=str(document_id))
    try:
        handle = path.open("rb")
    except FileNotFoundError as exc:
        raise NotFound() from exc
    response = FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

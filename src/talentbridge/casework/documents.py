"""Uploaded documents: PDF, JPEG or PNG by content, at most 10 MB, stored outside the web root."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import uuid
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from talentbridge.accounts.models import User
from talentbridge.casework import access
from talentbridge.casework.models import Application, AuditEvent, Document
from talentbridge.casework.requirements import required_documents
from talentbridge.casework.workflow import get_workflow
from talentbridge.core import clock
from talentbridge.core.errors import (
    ApplicationError,
    Forbidden,
    IllegalTransition,
    InvalidInput,
    NotFound,
    UnsupportedDocument,
)
from talentbridge.core.text import clean_text

# Magic numbers of the accepted formats; the declared name and type are not trusted.
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
APPLICANT_UPLOAD_STATES = frozenset({"draft", "info_requested"})
CHUNK = 64 * 1024


def sniff_content_type(head: bytes) -> str | None:
    """The content type whose signature starts `head`, or None."""
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def document_root() -> Path:
    root = Path(settings.DOCUMENT_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root


def upload_refusal(roles: frozenset[str], application: Application) -> ApplicationError | None:
    """Why a person acting in `roles` may not add a document to `application` now, or None if they may.

    The case file is the applicant's: only they add documents, to a draft or in answer to a request for
    information. Officials (the reviewing authority, a verifying one) put what they have to say in the
    reason of their decision or answer, never as a document in the applicant's file. A closed case
    (withdrawn, approved, refused, expired, revoked) takes no new documents from anyone.
    """
    if get_workflow(application.kind).is_final(application.state):
        return IllegalTransition(_("This case is closed: no documents can be added to it."))
    if "applicant" not in roles:
        return Forbidden(
            _("Only the applicant adds documents to a case. Write what you have to add in your decision or answer.")
        )
    if application.state not in APPLICANT_UPLOAD_STATES:
        return IllegalTransition(_("Documents can be added only to a draft or when information is requested."))
    return None


def _check_may_upload(actor: User, application: Application) -> frozenset[str]:
    roles = access.case_roles(actor, application)
    refusal = upload_refusal(roles, application)
    if refusal is not None:
        raise refusal
    return roles


def document_upload(
    *,
    application_id: int,
    actor: User,
    stream: IO[bytes],
    original_name: str,
    title: str = "",
    document_type: str = "",
) -> Document:
    """Store a file for a case after checking who uploads it, its size and its real type.

    `document_type` says which of the case's required documents it is (blank: another supporting
    document); without a title, the required document's name is its title.
    """
    application = Application.objects.filter(pk=application_id).first()
    if application is None or not access.can_view(actor, application):
        raise NotFound()
    roles = _check_may_upload(actor, application)
    required = {d.code: d.label for d in required_documents(application)}
    document_type = (document_type or "").strip()
    if document_type and document_type not in required:
        raise InvalidInput(details={"document_type": [_("Choose one of the documents this application needs.")]})
    title = clean_text(title or required.get(document_type) or original_name, field="title")[:200]
    original_name = clean_text(original_name, field="file")[:255]
    if not title:
        raise InvalidInput(details={"title": [_("Give the document a title.")]})
    head = stream.read(16)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise UnsupportedDocument(details={"file": [_("The file is not a PDF, JPEG or PNG document.")]})
    storage_name = uuid.uuid4().hex
    target = document_root() / storage_name
    digest, size = hashlib.sha256(head), len(head)
    try:
        with open(target, "wb") as out:
            out.write(head)
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > settings.DOCUMENT_MAX_BYTES:
                    raise UnsupportedDocument(details={"file": [_("The file is larger than 10 MB.")]})
                digest.update(chunk)
                out.write(chunk)
        with transaction.atomic():
            # Checked again under the case's row lock: the case may have been closed meanwhile.
            application = Application.objects.select_for_update().get(pk=application.pk)
            roles = _check_may_upload(actor, application)
            document = Document.objects.create(
                application=application,
                uploaded_by=actor,
                title=title,
                document_type=document_type,
                original_name=(original_name or "document")[:255],
                content_type=content_type,
                size=size,
                sha256=digest.hexdigest(),
                storage_name=storage_name,
                uploaded_at=clock.now(),
            )
            AuditEvent.objects.create(
                application=application,
                actor=actor,
                actor_role=sorted(roles)[0],
                action="document_uploaded",
                data={
                    "document": str(document.pk),
                    "title": title,
                    "document_type": document_type,
                    "sha256": document.sha256,
                    "size": size,
                },
                at=clock.now(),
            )
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return document


def document_for_download(*, user: User, document_id: str) -> tuple[Document, Path]:
    """The document and its file path, if `user` may see the case it belongs to."""
    try:
        key = uuid.UUID(str(document_id))
    except ValueError as exc:
        raise NotFound() from exc
    document = Document.objects.select_related("application").filter(pk=key).first()
    if document is None or not access.can_view(user, document.application):
        raise NotFound()
    return document, document_root() / document.storage_name


def documents_sweep_orphans(*, older_than: dt.timedelta = dt.timedelta(hours=1)) -> int:
    """Delete stored files that no document row names (left by a rolled-back request); returns how many.

    Files younger than `older_than` are kept: their upload's transaction may still be open.
    """
    root = document_root()
    cutoff = time.time() - older_than.total_seconds()
    candidates = [p for p in root.iterdir() if p.is_file() and p.stat().st_mtime < cutoff]
    known = set(
        Document.objects.filter(storage_name__in=[p.name for p in candidates]).values_list("storage_name", flat=True)
    )
    removed = 0
    for path in candidates:
        if path.name not in known:
            path.unlink(missing_ok=True)
            removed += 1
    return removed

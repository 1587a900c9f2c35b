"""Removing a document: the applicant takes a file back out of their own draft, with a record of it."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from talentbridge.accounts.models import User
from talentbridge.casework import access
from talentbridge.casework.documents import document_root
from talentbridge.casework.models import Document
from talentbridge.casework.services.common import locked, record
from talentbridge.casework.workflow import get_workflow
from talentbridge.core.errors import Forbidden, IllegalTransition, NotFound


def document_remove(*, application_id: int, document_id: uuid.UUID | str, actor: User) -> Document:
    """Remove one document from a draft; only the case's applicant may, and only while it is a draft.

    A submitted case keeps its file as the authority received it, and a closed one as it was decided;
    anyone but the applicant is refused. Refused, nothing changes. Returns the removed document (unsaved).
    """
    try:
        key = uuid.UUID(str(document_id))
    except ValueError as exc:
        raise NotFound() from exc
    with transaction.atomic():
        application = locked(application_id, actor)  # not found unless the actor may see the case
        document = Document.objects.filter(pk=key, application=application).first()
        if document is None:
            raise NotFound()
        if "applicant" not in access.case_roles(actor, application):
            raise Forbidden(_("Only the applicant can remove a document, and only from their draft."))
        if get_workflow(application.kind).is_final(application.state):
            raise IllegalTransition(_("This case is closed: its documents can no longer be removed."))
        if application.state != "draft":
            raise IllegalTransition(
                _("This application has been submitted: its documents stay as the authority received them.")
            )
        storage_name = document.storage_name
        record(
            application,
            actor=actor,
            actor_role="applicant",
            action="document_removed",
            data={
                "document": str(document.pk),
                "title": document.title,
                "document_type": document.document_type,
                "sha256": document.sha256,
                "size": document.size,
            },
        )
        document.delete()
        # The stored file goes once the removal is committed (a rolled-back one keeps it).
        transaction.on_commit(lambda: (document_root() / storage_name).unlink(missing_ok=True))
    document.pk = key
    return document

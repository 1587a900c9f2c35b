"""Applications: list (permission-aware), read, edit a draft, remove a draft's document, audit timeline.

An application is opened by the service of its kind (`/practice/apply` from an eligible check,
`/mobility/apply`), which routes it to its authority and sets the fields the platform owns; there is
no generic opening, and a draft's edit refuses those fields.
"""

import copy
import uuid
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from talentbridge.accounts.models import User
from talentbridge.api.auth import AUTHENTICATED, current_user
from talentbridge.api.errors import error_responses
from talentbridge.api.pagination import PagePagination
from talentbridge.api.schemas.applications import (
    ApplicationDetailOut,
    ApplicationFilters,
    ApplicationOut,
    ApplicationUpdateIn,
    EventOut,
)
from talentbridge.casework import access, selectors, services
from talentbridge.casework.models import Application, AuditEvent
from talentbridge.casework.requirements import required_documents
from talentbridge.casework.workflow import get_workflow, registry
from talentbridge.core import clock
from talentbridge.core.errors import InvalidInput, NotFound

router = Router(tags=["applications"], auth=AUTHENTICATED)


def case_for(request: HttpRequest, reference: str) -> tuple[User, Application]:
    """The caller and the case they named, if they may see it (404 otherwise)."""
    user = current_user(request)
    if "\x00" in reference:  # PostgreSQL refuses NUL in a query; no reference contains one
        raise NotFound()
    return user, selectors.application_get(user=user, reference=reference)


class CaseView:
    """A case plus what the caller may do with it; reads everything else from the case itself."""

    def __init__(self, application: Application, **extra: Any) -> None:
        self._application = application
        self.__dict__.update(extra)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._application, name)


def _verifications_shown(user: User, application: Application) -> list[Any]:
    """The case's verifications as `user` may read them: an applicant sees that one was asked and answered
    (and when), never the question or the answer's note (`access.sees_officials_work`, as on the case page)."""
    verifications = list(application.verifications.select_related("authority"))
    if access.sees_officials_work(user):
        return verifications
    shown = []
    for verification in verifications:
        copy_ = copy.copy(verification)  # never saved: the answer's view of it
        copy_.question, copy_.note = "", ""
        shown.append(copy_)
    return shown


def _events_shown(user: User, application: Application, events: QuerySet[AuditEvent]) -> list[AuditEvent]:
    """The timeline as `user` may read it: an applicant reads their own name, no official's name, and no text
    of the authorities' exchange (as on the case page)."""
    if access.sees_officials_work(user):
        return list(events)
    shown = []
    for event in events:
        copy_ = copy.copy(event)  # never saved: the answer's view of it
        if event.actor_id is not None and event.actor_id != application.applicant_id:
            copy_.actor_id, copy_.actor = None, None
        if event.action in access.AUTHORITY_EXCHANGE:
            copy_.reason = ""
        shown.append(copy_)
    return shown


def case_detail(user: User, application: Application) -> CaseView:
    """A case as the caller sees it, with the transitions they may take now."""
    roles = access.case_roles(user, application)
    workflow = get_workflow(application.kind)
    present = set(application.documents.values_list("document_type", flat=True))
    return CaseView(
        application,
        available_transitions=[t.name for t in workflow.available(application.state) if t.by & roles],
        required_documents=[
            {"document_type": d.code, "label": d.label, "provided": d.code in present}
            for d in required_documents(application)
        ],
        info_requests=list(application.info_requests.all()),
        verifications=_verifications_shown(user, application),
        decisions=list(application.decisions.all()),
    )


@router.get("/applications", response={200: list[ApplicationOut], **error_responses(401, 422)}, url_name="applications")
@paginate(PagePagination)
def application_list(request: HttpRequest, filters: Query[ApplicationFilters]) -> QuerySet[Application]:
    """The cases the caller may see: their own, or their authority's queue and verifications."""
    if filters.kind and filters.kind not in registry():
        raise InvalidInput(details={"kind": [_("Unknown application kind.")]})
    cases = selectors.application_list(
        user=current_user(request),
        state=filters.state,
        kind=filters.kind,
        overdue_on=clock.today() if filters.overdue else None,
        search=filters.q,
    )
    # The selector leaves the order to the model (newest first); pages need a unique tie-breaker.
    return cases.order_by("-created_at", "-pk")


@router.get(
    "/applications/{reference}",
    response={200: ApplicationDetailOut, **error_responses(401, 404)},
    url_name="application",
)
def application_get(request: HttpRequest, reference: str) -> CaseView:
    """One case with its requests, verifications, decisions and the caller's next possible steps."""
    user, application = case_for(request, reference)
    return case_detail(user, application)


@router.patch(
    "/applications/{reference}",
    response={200: ApplicationDetailOut, **error_responses(400, 401, 403, 404, 409, 422)},
    url_name="application_update",
)
def application_update(request: HttpRequest, reference: str, data: ApplicationUpdateIn) -> CaseView:
    """Change a draft's data (merged into what is there); only its applicant may."""
    user, application = case_for(request, reference)
    application = services.application_update_draft(
        application_id=application.pk, actor=user, payload=data.payload, expected_version=data.expected_version
    )
    return case_detail(user, application)


@router.get(
    "/applications/{reference}/events",
    response={200: list[EventOut], **error_responses(401, 404, 422)},
    url_name="application_events",
)
@paginate(PagePagination)
def application_events(request: HttpRequest, reference: str) -> list[AuditEvent]:
    """The case's audit timeline, oldest first."""
    # An applicant's without officials' names and the authorities' exchange (`_events_shown`).
    user, application = case_for(request, reference)
    return _events_shown(user, application, selectors.application_timeline(application=application))


@router.delete(
    "/applications/{reference}/documents/{uuid:document_id}",
    response={204: None, **error_responses(401, 403, 404, 409)},
    url_name="document_remove",
)
def document_remove(request: HttpRequest, reference: str, document_id: uuid.UUID) -> tuple[int, None]:
    """Remove a document from a draft: only its applicant may, and only while the case is a draft.

    A submitted or closed case keeps its documents (409); anyone else is refused (403); nothing changes then.
    """
    user, application = case_for(request, reference)
    services.document_remove(application_id=application.pk, document_id=document_id, actor=user)
    return 204, None

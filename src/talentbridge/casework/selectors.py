"""Reads of casework, permission-aware and without N+1 queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F, QuerySet

from talentbridge.accounts.models import Role, User
from talentbridge.casework import access
from talentbridge.casework.access import applications_visible_to
from talentbridge.casework.models import Application, AuditEvent, Notification
from talentbridge.core.errors import NotFound


def application_list(
    *,
    user: User,
    state: str | None = None,
    kind: str | None = None,
    overdue_on: dt.date | None = None,
    search: str | None = None,
) -> QuerySet[Application]:
    """The cases `user` may see, filtered; newest first (queues re-order by deadline)."""
    cases = applications_visible_to(user).select_related("applicant", "authority")
    if state:
        cases = cases.filter(state=state)
    if kind:
        cases = cases.filter(kind=kind)
    if overdue_on:
        cases = cases.filter(deadline__lt=overdue_on)
    if search:
        cases = cases.filter(reference__icontains=search.strip())
    return cases.order_by("-created_at", "-pk")


def authority_queue(
    *,
    user: User,
    state: str | None = None,
    kind: str | None = None,
    overdue_on: dt.date | None = None,
    search: str | None = None,
) -> QuerySet[Application]:
    """A reviewer's queue: their authority's submitted cases, nearest deadline first, undated (final) cases last.

    The order matches the `case_queue_order_idx` index, so a page of a large queue is read from it.
    """
    if user.role != Role.REVIEWER or not user.authority_id or not user.is_active:
        return Application.objects.none()
    cases = Application.objects.filter(access.SUBMITTED, authority_id=user.authority_id).select_related(
        "applicant", "authority"
    )
    if state:
        cases = cases.filter(state=state)
    if kind:
        cases = cases.filter(kind=kind)
    if overdue_on:
        cases = cases.filter(deadline__lt=overdue_on)
    if search:
        cases = cases.filter(reference__icontains=search.strip())
    return cases.order_by(F("deadline").asc(nulls_last=True), "submitted_at", "id")


def application_get(*, user: User, reference: str) -> Application:
    application = (
        applications_visible_to(user)
        .select_related("applicant", "authority__jurisdiction")
        .filter(reference=reference)
        .first()
    )
    if application is None:
        raise NotFound()
    return application


def application_timeline(*, application: Application) -> QuerySet[AuditEvent]:
    return application.events.select_related("actor").order_by("at", "id")


def case_detail(*, application: Application) -> dict[str, Any]:
    """Everything a case page shows, in a fixed number of queries."""
    return {
        "events": list(application_timeline(application=application)),
        "documents": list(application.documents.select_related("uploaded_by")),
        "info_requests": list(application.info_requests.select_related("requested_by", "replied_by")),
        "verifications": list(application.verifications.select_related("authority", "responded_by")),
        "decisions": list(application.decisions.select_related("decided_by", "proposed_by")),
    }


def notification_list(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=user).select_related("application")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs

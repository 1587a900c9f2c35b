"""Reads of casework, permission-aware and without N+1 queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from talentbridge.accounts.models import User
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
    """The cases `user` may see, filtered; ordered by nearest deadline first for queues."""
    cases = applications_visible_to(user).select_related("applicant", "authority")
    if state:
        cases = cases.filter(state=state)
    if kind:
        cases = cases.filter(kind=kind)
    if overdue_on:
        cases = cases.filter(deadline__lt=overdue_on)
    if search:
        cases = cases.filter(reference__icontains=search.strip())
    return cases


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

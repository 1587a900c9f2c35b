"""What the casework services share: the audit record, the locked case, the version check, an authority's staff."""

from __future__ import annotations

from typing import Any

from talentbridge.accounts.models import Role, User
from talentbridge.casework import access
from talentbridge.casework.models import Application, AuditEvent
from talentbridge.core import clock
from talentbridge.core.errors import Conflict, NotFound


def record(
    application: Application | None,
    *,
    actor: User | None,
    actor_role: str,
    action: str,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    rules_version: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event, stamped now."""
    return AuditEvent.objects.create(
        application=application,
        actor=actor,
        actor_role=actor_role,
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        rules_version=rules_version,
        data=data or {},
        at=clock.now(),
    )


def locked(application_id: int, actor: User | None) -> Application:
    """The case, under a row lock; not found unless `actor` (None: the platform) may see it."""
    application = (
        Application.objects.select_for_update()
        .select_related("authority__jurisdiction")
        .filter(pk=application_id)
        .first()
    )
    if application is None or (actor is not None and not access.can_view(actor, application)):
        raise NotFound()
    return application


def check_version(application: Application, expected_version: int | None) -> None:
    """Refuse a change made against a version of the case that is no longer current."""
    if expected_version is not None and expected_version != application.version:
        raise Conflict(details={"current_version": application.version, "current_state": application.state})


def authority_staff(authority_id: int) -> list[User]:
    """The active reviewers of an authority (who are told of its cases)."""
    return list(User.objects.filter(role=Role.REVIEWER, authority_id=authority_id, is_active=True))

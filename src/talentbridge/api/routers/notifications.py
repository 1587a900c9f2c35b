"""The caller's in-app notifications."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.pagination import paginate

from talentbridge.api.auth import AUTHENTICATED, current_user
from talentbridge.api.errors import error_responses
from talentbridge.api.pagination import PagePagination
from talentbridge.api.schemas.notifications import NotificationFilters, NotificationOut
from talentbridge.casework.models import Notification
from talentbridge.casework.notifications import notification_mark_read
from talentbridge.casework.selectors import notification_list
from talentbridge.core.errors import NotFound

router = Router(tags=["notifications"], auth=AUTHENTICATED)

MAX_ID = 2**63 - 1


@router.get(
    "/notifications", response={200: list[NotificationOut], **error_responses(401, 422)}, url_name="notifications"
)
@paginate(PagePagination)
def notifications(request: HttpRequest, filters: Query[NotificationFilters]) -> QuerySet[Notification]:
    """Newest first; `?unread=true` for the unread ones only."""
    return notification_list(user=current_user(request), unread_only=bool(filters.unread)).order_by(
        "-created_at", "-pk"
    )


@router.post(
    "/notifications/{int:notification_id}/read",
    response={200: NotificationOut, **error_responses(401, 403, 404, 422)},
    url_name="notification_read",
)
def notification_read(request: HttpRequest, notification_id: int = Path(..., le=MAX_ID)) -> Notification:  # type: ignore[type-arg]
    """Mark one of the caller's notifications read (again is harmless)."""
    user = current_user(request)
    notification = notification_list(user=user).filter(pk=notification_id).first()
    if notification is None:
        raise NotFound()
    notification_mark_read(user=user, notification_id=notification.pk)
    notification.refresh_from_db(fields=["read_at"])
    return notification

"""The notification outbox: rows written with the change, e-mails sent after commit by the mail task."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop as _

from talentbridge.accounts.models import User
from talentbridge.casework.models import Application, Notification
from talentbridge.core import clock
from talentbridge.core.mail import mail_user
from talentbridge.core.models import stored_text

MAIL_SUBJECT = _("GBA Talent Bridge: an update on your case")

# msgids (translated when read or mailed, in the reader's language)
MESSAGES = {
    "submitted": _("Your application %(reference)s has been submitted."),
    "new_case": _("A new application %(reference)s is waiting in your queue."),
    "in_review": _("Your application %(reference)s is being reviewed."),
    "info_requested": _("More information is needed for application %(reference)s."),
    "resubmitted": _("The applicant replied on application %(reference)s."),
    "verification_requested": _("Your authority is asked to verify application %(reference)s."),
    "verification_answered": _("The verification of application %(reference)s has been answered."),
    "approved": _("Application %(reference)s has been approved."),
    "refused": _("Application %(reference)s has been refused."),
    "withdrawn": _("Application %(reference)s has been withdrawn."),
    "expired": _("Application %(reference)s has expired because no reply came in time."),
    "revoked": _("The approval of application %(reference)s has been revoked."),
    "second_approval_needed": _("Application %(reference)s awaits a second approval."),
}


def render(notification: Notification) -> str:
    """The notification in the active language."""
    template = MESSAGES.get(notification.event)
    if template is None:
        return notification.event
    return stored_text({"msgid": template, "params": notification.params})


def notify(*, recipients: list[User], application: Application, event: str, **params: Any) -> None:
    """Record a notification for each recipient inside the caller's transaction."""
    if event not in MESSAGES:
        raise ValueError(f"unknown notification event {event!r}")
    moment = clock.now()
    rows = [
        Notification(
            recipient=user,
            application=application,
            event=event,
            params={"reference": application.reference, **params},
            created_at=moment,
        )
        for user in {u.pk: u for u in recipients}.values()
    ]
    for notification in Notification.objects.bulk_create(rows):
        mail_user(
            notification.recipient,
            subject=MAIL_SUBJECT,
            body={"msgid": MESSAGES[event], "params": notification.params},
            once=("casework.Notification", notification.pk, "emailed_at"),
        )


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=clock.now())

"""Background work of casework: notification e-mails, deadline processing."""

from __future__ import annotations

from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from talentbridge.casework.models import Notification
from talentbridge.core import clock
from talentbridge.core.tasks import task


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each not-yet-mailed notification in its recipient's language; returns how many were sent."""
    from talentbridge.casework.notifications import render

    sent = 0
    pending = Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).select_related("recipient")
    for notification in pending:
        recipient = notification.recipient
        with translation.override(recipient.preferred_language or "en"):
            send_mail(_("GBA Talent Bridge: an update on your case"), render(notification), None, [recipient.email])
        Notification.objects.filter(pk=notification.pk).update(emailed_at=clock.now())
        sent += 1
    return sent


@task()
def process_deadlines() -> dict[str, int]:
    """Apply each workflow's action on expired deadlines (tacit approval, expiry)."""
    from talentbridge.casework.services import deadlines_process

    return deadlines_process()

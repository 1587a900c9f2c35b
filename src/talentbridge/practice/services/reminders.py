"""Renewal reminders: one e-mail to each professional whose registration ends soon."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_noop

from talentbridge.core import clock
from talentbridge.core.mail import mail_user
from talentbridge.core.models import stored
from talentbridge.practice.models import RENEWAL_WINDOW_DAYS, Registration

RENEWAL_NOTICE_DAYS = RENEWAL_WINDOW_DAYS  # the reminder goes when renewal opens


def renewal_reminders_send(*, today: dt.date | None = None, days_before: int = RENEWAL_NOTICE_DAYS) -> int:
    """E-mail each professional whose registration in force ends within `days_before` days, once."""
    today = today or clock.today()
    due = list(
        Registration.objects.in_force(today)
        .select_related("professional")
        .filter(valid_until__lte=today + dt.timedelta(days=days_before), reminder_sent_at__isnull=True)
        .order_by("valid_until", "pk")
    )
    for registration in due:
        with transaction.atomic():
            updated = Registration.objects.filter(pk=registration.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=clock.now()
            )
            if not updated:
                continue  # another worker sent it
            # Words to translate when the mail is sent, in the professional's language.
            mail_user(
                registration.professional,
                subject=gettext_noop("Renew your registration to practise"),
                body=stored(
                    gettext_noop(
                        "Your registration %(number)s to practise ends on %(until)s. Apply for its renewal before then."
                    ),
                    number=registration.number,
                    until=str(registration.valid_until),  # in force and ending soon: a day
                ),
            )
    return len(due)

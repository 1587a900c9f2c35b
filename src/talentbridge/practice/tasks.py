"""Background work of practice: the daily expiry and renewal-reminder run."""

from __future__ import annotations

from talentbridge.core.tasks import task
from talentbridge.practice.services import registrations_expire, renewal_reminders_send


@task()
def practice_send_renewal_reminders() -> dict[str, int]:
    """Mark expired registrations, then remind those ending within the notice period."""
    return {"expired": registrations_expire(), "reminders": renewal_reminders_send()}

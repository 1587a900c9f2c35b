"""Expire registrations past their end and remind professionals whose registration ends soon."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from talentbridge.practice.services import RENEWAL_NOTICE_DAYS, registrations_expire, renewal_reminders_send


class Command(BaseCommand):
    help = "Mark expired registrations and e-mail renewal reminders (once per registration)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")
        parser.add_argument("--days-before", type=int, default=RENEWAL_NOTICE_DAYS)

    def handle(self, *args: Any, **options: Any) -> None:
        expired = registrations_expire(today=options["today"])
        sent = renewal_reminders_send(today=options["today"], days_before=options["days_before"])
        self.stdout.write(f"expired: {expired}, reminders sent: {sent}")

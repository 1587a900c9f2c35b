"""`manage.py load_demo`: demo accounts (printed with their passwords) and a case in every state."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from talentbridge.population.demo import DEMO_ACCOUNTS, demo_load


class Command(BaseCommand):
    help = "Load the demo accounts and demo cases (every state of every workflow). Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = demo_load()
        self.stdout.write(
            f"Demo data: {counts['accounts']} accounts, {counts['cases_created']} cases created, "
            f"{counts['cases_existing']} already present."
        )
        width = max(len(a.email) for a in DEMO_ACCOUNTS)
        self.stdout.write(f"{'e-mail'.ljust(width)}  {'password'.ljust(16)}  role / where")
        for account in DEMO_ACCOUNTS:
            where = account.authority or account.organisation or account.residence
            self.stdout.write(f"{account.email.ljust(width)}  {account.password.ljust(16)}  {account.role} {where}")

"""`manage.py load_demo`: demo accounts (printed with their passwords), a case in every state, a small population."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from talentbridge.insurance.demo import demo_contributions_load
from talentbridge.mobility.demo import demo_endorsements_load
from talentbridge.population.demo import demo_load
from talentbridge.population.demo_accounts import DEMO_ACCOUNTS
from talentbridge.population.demo_population import DemoPopulation, demo_population_ensure
from talentbridge.practice.demo import demo_registrations_load


class Command(BaseCommand):
    help = (
        "Load the demo accounts, demo cases (every state of every workflow) and, when no population exists, "
        "a small synthetic population with its what-if snapshot. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = demo_load()
        self.stdout.write(
            f"Demo data: {counts['accounts']} accounts, {counts['cases_created']} cases created, "
            f"{counts['cases_existing']} already present."
        )
        self.stdout.write(
            f"Service data: {demo_registrations_load()} practice registrations, "
            f"{demo_endorsements_load()} talent endorsements, "
            f"{demo_contributions_load()} contribution periods created."
        )
        self.stdout.write(self._population_line(demo_population_ensure()))
        width = max(len(a.email) for a in DEMO_ACCOUNTS)
        self.stdout.write(f"{'e-mail'.ljust(width)}  {'password'.ljust(16)}  role / where")
        for account in DEMO_ACCOUNTS:
            where = account.authority or account.organisation or account.residence
            self.stdout.write(f"{account.email.ljust(width)}  {account.password.ljust(16)}  {account.role} {where}")

    @staticmethod
    def _population_line(population: DemoPopulation) -> str:
        if population.outcome == "generated":
            return (
                f"Demo population: {population.persons:,} synthetic persons generated, snapshot at {population.path}."
            )
        if population.outcome == "exported":
            return f"Demo population: already present; snapshot written again to {population.path}."
        if population.outcome == "present":
            return f"Demo population: already present, snapshot at {population.path}."
        return "Demo population: not generated, population runs already exist (export a snapshot from the home page)."

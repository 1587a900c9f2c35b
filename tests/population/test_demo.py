"""load_demo: every demo account signs in, every state of every workflow is covered, twice is once."""

from __future__ import annotations

import io
import itertools
from typing import Any

from django.core.management import call_command

from talentbridge.accounts.models import User
from talentbridge.casework.models import Application, AuditEvent, Decision
from talentbridge.casework.workflow import registry
from talentbridge.population.demo import DEMO_ACCOUNTS, demo_account


def test_load_demo_covers_every_state_of_every_workflow(db: Any) -> None:
    call_command("load_demo", stdout=io.StringIO())

    present = set(Application.objects.values_list("kind", "state"))
    expected = {(w.kind, state) for w in registry().values() for state in w.states}
    assert expected - present == set()


def test_load_demo_twice_creates_nothing_new(db: Any) -> None:
    call_command("load_demo", stdout=io.StringIO())
    counts = (User.objects.count(), Application.objects.count(), AuditEvent.objects.count())

    call_command("load_demo", stdout=io.StringIO())

    assert (User.objects.count(), Application.objects.count(), AuditEvent.objects.count()) == counts


def test_every_demo_account_signs_in_with_its_documented_role(db: Any) -> None:
    call_command("load_demo", stdout=io.StringIO())

    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account["email"])
        assert user.check_password(account.password), account.email
        assert (user.role, user.is_active) == (account.role, True)
    assert User.objects.get(email=demo_account("administrator").email).is_superuser is True


def test_demo_audit_trail_follows_each_case_to_its_state(db: Any) -> None:
    call_command("load_demo", stdout=io.StringIO())

    for case in Application.objects.all():
        events = list(case.events.order_by("at", "id"))
        assert events[0].action == "created"
        assert events[-1].to_state == case.state
        for before, after in itertools.pairwise(events):
            assert after.from_state == before.to_state
    decided = Application.objects.filter(state__in=["approved", "refused", "revoked"])
    assert all(Decision.objects.filter(application=case).exists() for case in decided)

"""load_demo: every demo account signs in, every state of every workflow is covered, a demo population, twice is once."""

from __future__ import annotations

import io
import itertools
from pathlib import Path
from typing import Any

import polars as pl
from django.core.management import call_command

from talentbridge.accounts.models import User
from talentbridge.casework.models import Application, AuditEvent, Decision
from talentbridge.casework.workflow import registry
from talentbridge.population.demo_accounts import DEMO_ACCOUNTS, demo_account
from talentbridge.population.demo_population import DEMO_POPULATION_PERSONS, DEMO_SNAPSHOT_NAME
from talentbridge.population.generate import population_generate
from talentbridge.population.models import Person, PopulationRun
from talentbridge.population.services import snapshot_latest
from talentbridge.population.snapshot import SNAPSHOT_SCHEMA
from talentbridge.rules.simulate import simulate


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
        events = list(case.events.exclude(to_state="").order_by("at", "id"))  # state changes, not uploads
        assert events[0].action == "created"
        assert events[-1].to_state == case.state
        for before, after in itertools.pairwise(events):
            assert after.from_state == before.to_state
    decided = Application.objects.filter(state__in=["approved", "refused", "revoked"])
    assert all(Decision.objects.filter(application=case).exists() for case in decided)


def test_load_demo_generates_the_demo_population_and_its_snapshot_once(db: Any, snapshot_root: Path) -> None:
    first, second = io.StringIO(), io.StringIO()

    call_command("load_demo", stdout=first)
    call_command("load_demo", stdout=second)

    demo_file = snapshot_root / DEMO_SNAPSHOT_NAME
    assert f"Demo population: 3,000 synthetic persons generated, snapshot at {demo_file}." in first.getvalue()
    assert f"Demo population: already present, snapshot at {demo_file}." in second.getvalue()
    assert PopulationRun.objects.count() == 1
    assert Person.objects.count() == DEMO_POPULATION_PERSONS
    assert [path.name for path in snapshot_root.iterdir()] == [DEMO_SNAPSHOT_NAME]
    assert snapshot_latest() == demo_file
    assert pl.read_parquet(demo_file).schema == pl.Schema(SNAPSHOT_SCHEMA)
    assert simulate(demo_file, {})["persons"] == DEMO_POPULATION_PERSONS


def test_load_demo_writes_the_demo_snapshot_again_when_its_file_is_gone(db: Any, snapshot_root: Path) -> None:
    call_command("load_demo", stdout=io.StringIO())
    (snapshot_root / DEMO_SNAPSHOT_NAME).unlink()
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    assert "snapshot written again" in out.getvalue()
    assert PopulationRun.objects.count() == 1
    assert pl.read_parquet(snapshot_root / DEMO_SNAPSHOT_NAME).height == DEMO_POPULATION_PERSONS


def test_load_demo_adds_no_population_when_another_exists(reference: None, snapshot_root: Path) -> None:
    population_generate(persons=20, seed=1, applications_share=0.0)
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    assert "Demo population: not generated" in out.getvalue()
    assert PopulationRun.objects.count() == 1
    assert not (snapshot_root / DEMO_SNAPSHOT_NAME).exists()

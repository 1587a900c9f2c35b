"""Two reviewers deciding one case at the same moment: exactly one wins, the other gets a conflict.

Real concurrent transactions on PostgreSQL, each thread on its own database connection.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction

from talentbridge.casework import services
from talentbridge.casework.models import Application, AuditEvent, Decision
from talentbridge.core.errors import Conflict

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _in_thread(target: Callable[[], Any], results: list[Any]) -> threading.Thread:
    def run() -> None:
        try:
            results.append(target())
        except Exception as error:  # the outcome under test
            results.append(error)
        finally:
            connection.close()

    return threading.Thread(target=run)


def test_simultaneous_approve_and_refuse_exactly_one_wins(make_cast, case_in):
    # given a case awaiting its second approval that both reviewers have open at version v
    cast = make_cast("talent_endorsement")
    case = case_in(cast, "pending_second_approval")
    seen = case.version
    start = threading.Barrier(2)
    results: list[Any] = []

    def decide(actor, transition):
        def act():
            start.wait()
            return services.application_transition(
                application_id=case.pk, actor=actor, transition=transition, reason="Decided.", expected_version=seen
            )

        return act

    # when both submit their decision at once
    threads = [
        _in_thread(decide(cast.second_reviewer, "approve"), results),
        _in_thread(decide(cast.reviewer, "refuse"), results),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    # then exactly one decision stands and the other reviewer got a clear conflict
    wins = [r for r in results if isinstance(r, Application)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert (len(wins), len(conflicts)) == (1, 1), results
    assert conflicts[0].details["current_version"] == seen + 1
    fresh = Application.objects.get(pk=case.pk)
    assert fresh.state == wins[0].state and fresh.version == seen + 1
    assert Decision.objects.filter(application=case).count() == 1
    assert AuditEvent.objects.filter(application=case, action__in=["approve", "refuse"]).count() == 1


def test_second_decider_waits_for_the_row_lock_then_sees_the_conflict(make_cast, case_in):
    # given reviewer A holding the case's row lock while deciding
    cast = make_cast("benefit_claim")
    case = case_in(cast, "pending_second_approval")
    seen = case.version
    locked = threading.Event()
    results: list[Any] = []
    timings: dict[str, float] = {}

    def slow_first():
        with transaction.atomic():
            Application.objects.select_for_update().get(pk=case.pk)
            locked.set()
            time.sleep(0.5)
            return services.application_transition(
                application_id=case.pk, actor=cast.second_reviewer, transition="approve", expected_version=seen
            )

    def second():
        locked.wait(10)
        began = time.monotonic()
        try:
            return services.application_transition(
                application_id=case.pk, actor=cast.reviewer, transition="refuse", reason="No.", expected_version=seen
            )
        finally:
            timings["waited"] = time.monotonic() - began

    first_results: list[Any] = []
    first_thread, second_thread = _in_thread(slow_first, first_results), _in_thread(second, results)
    first_thread.start()
    second_thread.start()
    first_thread.join(30)
    second_thread.join(30)
    # then B blocked on the lock (no dirty read) and lost with a conflict; A's approval stands alone
    assert timings["waited"] >= 0.3
    assert [type(r).__name__ for r in first_results + results] == ["Application", "Conflict"]
    assert Decision.objects.filter(application=case).get().decided_by == cast.second_reviewer

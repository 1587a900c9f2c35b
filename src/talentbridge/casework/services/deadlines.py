"""Deadline processing: the expiry action of every overdue case (tacit approval, expiry)."""

from __future__ import annotations

import datetime as dt

from talentbridge.casework.models import Application
from talentbridge.casework.services.transitions import transition_take
from talentbridge.casework.workflow import registry
from talentbridge.core import clock
from talentbridge.core.errors import Conflict, IllegalTransition


def deadlines_process(*, today: dt.date | None = None) -> dict[str, int]:
    """Apply the expiry action of every case whose deadline has passed (tacit approval, expiry)."""
    today = today or clock.today()
    done: dict[str, int] = {}
    for workflow in registry().values():
        for state in workflow.states.values():
            if not state.on_expiry:
                continue
            overdue = Application.objects.filter(kind=workflow.kind, state=state.name, deadline__lt=today)
            for application_id in overdue.values_list("pk", flat=True).iterator():
                try:
                    transition_take(application_id=application_id, actor=None, transition=state.on_expiry)
                except (IllegalTransition, Conflict):
                    continue  # someone acted on it meanwhile
                done[state.on_expiry] = done.get(state.on_expiry, 0) + 1
    return done

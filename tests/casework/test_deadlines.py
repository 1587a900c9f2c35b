"""Deadlines in business days per state, and the action a workflow takes when one passes."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from talentbridge.casework import services
from talentbridge.casework.models import Application, AuditEvent, Decision
from talentbridge.core import clock


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def test_deadline_counts_business_days_in_the_authoritys_calendar(make_cast, case_in):
    # given a review started on Friday 25 Sept 2026, before the National Day holidays
    cast = make_cast("practice_registration")
    with clock.frozen_at(_at(dt.date(2026, 9, 25))):
        case = case_in(cast, "in_review")
    # then 20 business days skip weekends and 1-7 Oct but count the swapped workday Sat 10 Oct
    # Sept 28-30 (3), Oct 8-9 (2), Oct 10 (1), Oct 12-16 (5), Oct 19-23 (5), Oct 26-29 (4) = 20
    assert case.deadline == dt.date(2026, 10, 29)


def test_missed_review_deadline_gives_tacit_approval_by_the_system(make_cast, case_in):
    cast = make_cast("practice_registration")
    with clock.frozen_at(_at(dt.date(2026, 3, 2))):
        case = case_in(cast, "in_review")
    deadline = case.deadline
    assert deadline is not None
    # on the deadline day itself nothing happens
    assert services.deadlines_process(today=deadline) == {}
    assert Application.objects.get(pk=case.pk).state == "in_review"
    # the day after, the system approves tacitly and says so
    assert services.deadlines_process(today=deadline + dt.timedelta(days=1)) == {"tacit_approve": 1}
    fresh = Application.objects.get(pk=case.pk)
    assert fresh.state == "approved"
    decision = Decision.objects.get(application=case)
    assert (decision.outcome, decision.decided_by) == ("tacitly_approved", None)
    event = AuditEvent.objects.filter(application=case).latest("id")
    assert (event.action, event.actor, event.actor_role) == ("tacit_approve", None, "system")


def test_unanswered_info_request_expires_but_kinds_without_tacit_approval_wait(make_cast, case_in):
    endorsement = make_cast("talent_endorsement")
    with clock.frozen_at(_at(dt.date(2026, 3, 2))):
        asked = case_in(endorsement, "info_requested")
        waiting = case_in(endorsement, "in_review")
    later = dt.date(2026, 12, 31)
    assert services.deadlines_process(today=later) == {"expire": 1}
    assert Application.objects.get(pk=asked.pk).state == "expired"
    assert Application.objects.get(pk=waiting.pk).state == "in_review"


def test_final_states_have_no_deadline(make_cast, case_in):
    cast = make_cast("benefit_claim")
    for state in ("approved", "refused", "withdrawn"):
        assert case_in(cast, state).deadline is None

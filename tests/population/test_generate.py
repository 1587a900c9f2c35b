"""generate_population: deterministic per seed, every workflow state present, audit trails that add up."""

from __future__ import annotations

import datetime as dt
import io
import itertools
from typing import Any

import numpy as np
from django.core.management import call_command

from talentbridge.casework.models import Application, AuditEvent, Decision, InfoRequest, Verification
from talentbridge.casework.workflow import get_workflow, registry
from talentbridge.population.generate import population_generate
from talentbridge.population.models import ContributionPeriod, Licence, Person, PopulationRun
from talentbridge.population.persons import persons_batch

AS_OF = dt.date(2025, 7, 1)


def _content(run: PopulationRun) -> dict[str, list[tuple[Any, ...]]]:
    """Everything a run generated, without surrogate keys or the run-scoped e-mail tag."""
    people = Person.objects.filter(run=run)
    cases = Application.objects.filter(applicant__synthetic_person__run=run)
    return {
        "persons": list(
            people.order_by("number").values_list(
                "number",
                "residence",
                "sex",
                "birth_date",
                "education",
                "professional_title",
                "work_city__code",
                "employer__name",
                "monthly_wage",
                "user__full_name",
            )
        ),
        "licences": list(
            Licence.objects.filter(person__run=run)
            .order_by("person__number", "id")
            .values_list("person__number", "profession__code", "issuing_body__code", "number", "issued_on")
        ),
        "contributions": list(
            ContributionPeriod.objects.filter(person__run=run)
            .order_by("person__number", "start")
            .values_list("person__number", "city__code", "scheme", "start", "end", "monthly_wage")
        ),
        "cases": list(
            cases.order_by("applicant__synthetic_person__number").values_list(
                "kind", "state", "payload", "version", "deadline", "created_at", "authority__code"
            )
        ),
        "events": list(
            AuditEvent.objects.filter(application__in=cases)
            .order_by("application__applicant__synthetic_person__number", "at", "id")
            .values_list("action", "actor_role", "from_state", "to_state", "at")
        ),
    }


def test_the_same_seed_gives_the_same_frames_and_another_seed_different_ones() -> None:
    per_city = np.full(9, 20)

    first, again, other = (persons_batch(seed, 0, 2_000, AS_OF, per_city) for seed in (5, 5, 6))

    assert first.persons.equals(again.persons)
    assert first.licences.equals(again.licences)
    assert first.contributions.equals(again.contributions)
    assert not first.persons.equals(other.persons)


def test_the_same_seed_writes_the_same_rows(reference: None, small_settings: dict[str, Any]) -> None:
    first = population_generate(**small_settings)
    second = population_generate(**small_settings)
    third = population_generate(**{**small_settings, "seed": small_settings["seed"] + 1})

    assert _content(first) == _content(second)
    assert _content(first)["persons"] != _content(third)["persons"]
    assert Person.objects.filter(run=first).count() == 300


def test_every_state_of_every_workflow_is_generated(population: PopulationRun) -> None:
    present = set(Application.objects.values_list("kind", "state"))

    expected = {(w.kind, state) for w in registry().values() for state in w.states}
    assert expected - present == set()


def test_audit_events_follow_the_workflow_to_the_case_state(population: PopulationRun) -> None:
    cases = Application.objects.prefetch_related("events", "decisions", "info_requests", "verifications")
    for case in cases:
        workflow = get_workflow(case.kind)
        events = sorted(case.events.all(), key=lambda e: (e.at, e.id))
        assert events[0].action == "created" and events[0].to_state == workflow.initial
        for before, after in itertools.pairwise(events):
            step = workflow.transitions[after.action]
            assert (after.from_state, after.to_state) == (before.to_state, step.target)
            assert before.from_state in step.sources or before.to_state in step.sources
            assert after.at >= before.at
        assert events[-1].to_state == case.state
        assert case.version == len(events)
        decided = [e for e in events if workflow.transitions.get(e.action) and workflow.transitions[e.action].decision]
        assert len(case.decisions.all()) == len(decided)
        assert len(case.info_requests.all()) == sum(e.action == "request_info" for e in events)
        assert len(case.verifications.all()) == sum(e.action == "request_verification" for e in events)
        assert (case.deadline is None) == (workflow.states[case.state].deadline_business_days is None)


def test_open_requests_belong_to_cases_that_wait_for_them_or_expired(population: PopulationRun) -> None:
    unanswered = InfoRequest.objects.filter(replied_at__isnull=True)
    pending = Verification.objects.filter(outcome="pending")

    assert set(unanswered.values_list("application__state", flat=True)) == {"info_requested", "expired"}
    assert unanswered.count() == Application.objects.filter(state__in=["info_requested", "expired"]).count()
    assert set(pending.values_list("application__state", flat=True)) == {"verification"}
    assert pending.count() == Application.objects.filter(state="verification").count()


def test_four_eyes_approvals_name_two_different_reviewers(population: PopulationRun) -> None:
    approvals = Decision.objects.filter(application__kind="practice_registration", outcome="approved")

    assert approvals.exists()
    assert all(d.proposed_by_id and d.proposed_by_id != d.decided_by_id for d in approvals)


def test_generated_applicants_cannot_sign_in_and_persons_look_plausible(population: PopulationRun) -> None:
    people = Person.objects.filter(run=population).select_related("user")

    assert {p.residence for p in people} == {"HK", "MO", "GD"}
    assert all(not p.user.has_usable_password() for p in people if p.user)
    assert all(p.professional_title == "none" for p in people if p.residence != "GD")
    assert all(18 <= (AS_OF - p.birth_date).days // 365 <= 66 for p in people)


def test_the_command_reports_its_rate(reference: None, tmp_path: Any) -> None:
    out = io.StringIO()

    call_command(
        "generate_population", persons=50, seed=3, verbosity=0, stdout=out, snapshot=str(tmp_path / "s.parquet")
    )

    assert "50 persons" in out.getvalue()
    assert (tmp_path / "s.parquet").exists()


def test_review_queue_fill_puts_every_case_in_one_authority_queue(reference: None) -> None:
    from talentbridge.population.queue import review_queue_fill

    review_queue_fill(authority_code="GD-TAX-QIANHAI", cases=40, seed=4)

    cases = Application.objects.all()
    assert set(cases.values_list("authority__code", flat=True)) == {"GD-TAX-QIANHAI"}
    assert set(cases.values_list("kind", flat=True)) == {"practice_registration"}
    assert cases.count() == 40
    assert set(cases.values_list("state", flat=True)) == set(get_workflow("practice_registration").states)

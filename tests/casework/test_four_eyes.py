"""Four eyes on every approval: enumerated over every shipped workflow, and rejected at load time."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from talentbridge.casework import services
from talentbridge.casework.models import Application, AuditEvent, Decision
from talentbridge.casework.workflow import (
    WORKFLOW_DIR,
    WorkflowDefinitionError,
    approving_states,
    get_workflow,
    load_workflow_file,
    registry,
)
from talentbridge.core.errors import Forbidden, IllegalTransition

from .conftest import KINDS, take

# Every transition a person takes into a state where the applicant is granted what they asked for.
APPROVALS = [
    (kind, t.name, source)
    for kind, workflow in sorted(registry().items())
    for t in workflow.transitions.values()
    if t.target in approving_states(workflow) and t.by - {"system"}
    for source in t.sources
]


def test_every_workflow_has_an_approval_and_an_approved_state():
    assert {kind for kind, _t, _s in APPROVALS} == set(KINDS)
    for workflow in registry().values():
        assert "approved" in approving_states(workflow)


@pytest.mark.parametrize(("kind", "transition", "source"), APPROVALS)
def test_every_approval_by_a_person_is_four_eyes_after_a_reviewers_proposal(kind, transition, source):
    workflow = get_workflow(kind)
    step = workflow.transitions[transition]
    assert step.four_eyes and step.by == {"reviewer"}
    entering = [t for t in workflow.transitions.values() if t.target == source]
    assert entering and all(t.by == {"reviewer"} for t in entering)


@pytest.mark.parametrize(("kind", "transition", "source"), APPROVALS)
def test_the_proposer_cannot_approve_and_a_second_reviewer_can(make_cast, case_in, kind, transition, source):
    cast = make_cast(kind)
    case = case_in(cast, source)
    proposer = case.events.filter(to_state=source).latest("id").actor
    assert proposer == cast.reviewer
    events = AuditEvent.objects.count()
    with pytest.raises(Forbidden) as error:
        services.application_transition(application_id=case.pk, actor=cast.reviewer, transition=transition)
    assert str(error.value.message) == "A second reviewer must approve a decision you proposed."
    fresh = Application.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version) == (source, case.version)
    assert AuditEvent.objects.count() == events
    assert not Decision.objects.filter(application=case).exists()
    services.application_transition(application_id=case.pk, actor=cast.second_reviewer, transition=transition)
    decision = Decision.objects.get(application=case)
    assert (decision.outcome, decision.decided_by, decision.proposed_by) == (
        "approved",
        cast.second_reviewer,
        cast.reviewer,
    )


def test_no_reviewer_approves_a_case_alone_from_review(make_cast, case_in):
    for kind in KINDS:
        cast = make_cast(kind)
        case = case_in(cast, "in_review")
        with pytest.raises(IllegalTransition):
            services.application_transition(application_id=case.pk, actor=cast.reviewer, transition="approve")
        assert Application.objects.get(pk=case.pk).state == "in_review"


def test_a_reported_compensation_measure_is_approved_by_a_second_reviewer(make_cast, case_in):
    """Regression: "confirm the compensation measure and approve" let one reviewer approve alone."""
    cast = make_cast("practice_registration")
    case = case_in(cast, "compensation_reported")
    with pytest.raises(IllegalTransition):
        services.application_transition(application_id=case.pk, actor=cast.reviewer, transition="confirm_compensation")
    assert Application.objects.get(pk=case.pk).state == "compensation_reported"
    case = take(cast, case, "propose_approval")
    assert case.state == "pending_second_approval"
    with pytest.raises(Forbidden):
        services.application_transition(application_id=case.pk, actor=cast.reviewer, transition="approve")
    assert not Decision.objects.filter(application=case, outcome="approved").exists()
    services.application_transition(application_id=case.pk, actor=cast.second_reviewer, transition="approve")
    assert Application.objects.get(pk=case.pk).state == "approved"
    decision = Decision.objects.get(application=case, outcome="approved")
    assert (decision.decided_by, decision.proposed_by) == (cast.second_reviewer, cast.reviewer)


def _load_mutated(tmp_path: Path, name: str, mutate) -> None:
    raw = yaml.safe_load((WORKFLOW_DIR / name).read_text())
    mutate(raw["transitions"])
    path = tmp_path / name
    path.write_text(yaml.safe_dump(raw))
    load_workflow_file(path)


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOW_DIR.glob("*.yaml")))
def test_a_workflow_approving_without_four_eyes_is_rejected(tmp_path: Path, name):
    with pytest.raises(WorkflowDefinitionError, match="'approve' approves without a second reviewer"):
        _load_mutated(tmp_path, name, lambda t: t["approve"].pop("four_eyes"))


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOW_DIR.glob("*.yaml")))
def test_a_four_eyes_step_from_a_state_without_a_proposal_is_rejected(tmp_path: Path, name):
    with pytest.raises(
        WorkflowDefinitionError, match="state 'in_review' must be entered only by a reviewer's proposal"
    ):
        _load_mutated(tmp_path, name, lambda t: t["approve"].update({"from": ["in_review"]}))


def test_a_person_approving_under_another_name_is_rejected(tmp_path: Path):
    def add(transitions):
        transitions["confirm_compensation"] = {
            "from": ["compensation_reported"],
            "to": "approved",
            "by": ["reviewer"],
            "decision": "approved",
        }

    with pytest.raises(WorkflowDefinitionError, match="'confirm_compensation' approves without a second reviewer"):
        _load_mutated(tmp_path, "practice_registration.yaml", add)


def test_the_platforms_tacit_approval_needs_no_second_reviewer():
    tacit = get_workflow("practice_registration").transitions["tacit_approve"]
    assert (tacit.by, tacit.four_eyes, tacit.target) == (frozenset({"system"}), False, "approved")

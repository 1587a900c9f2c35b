"""Casework fixtures: a cast of actors per workflow kind and a driver that walks a case to any state."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from talentbridge.accounts.models import Role, User
from talentbridge.casework import services
from talentbridge.casework.models import Application
from talentbridge.casework.workflow import get_workflow
from tests.casework.filing import attach_required_documents, case_factory

# kind -> (deciding authority, verifying authority, complete payload)
KINDS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "practice_registration": (
        "GD-DHURD",
        "HK-ARB",
        {"profession": "architect", "city": "guangzhou", "licence_number": "ARB-778", "years_of_practice": 12},
    ),
    "talent_endorsement": (
        "SHENZHEN-EXIT-ENTRY",
        "SHENZHEN-HRSS",
        {"category": "research", "destination": "HK", "employer": "Shenzhen Institute", "eep_number": "C12345678"},
    ),
    "benefit_claim": (
        "GUANGZHOU-SIF",
        "GUANGZHOU-HRSS",
        {"benefit": "lump_sum", "city": "guangzhou", "insurance_number": "440100198001011234"},
    ),
}


@dataclass
class Cast:
    """Everyone who might act on a case of one kind."""

    kind: str
    authority: str
    verifying_authority: str
    payload: dict[str, Any]
    applicant: User
    other_applicant: User
    reviewer: User
    second_reviewer: User
    foreign_reviewer: User
    verifier: User
    policy_officer: User
    analyst: User
    administrator: User
    organisation_staff: User

    def everyone(self) -> dict[str, User | None]:
        return {
            "applicant": self.applicant,
            "other_applicant": self.other_applicant,
            "reviewer": self.reviewer,
            "second_reviewer": self.second_reviewer,
            "foreign_reviewer": self.foreign_reviewer,
            "verifier": self.verifier,
            "policy_officer": self.policy_officer,
            "analyst": self.analyst,
            "administrator": self.administrator,
            "organisation_staff": self.organisation_staff,
            "system": None,
        }


@pytest.fixture
def make_cast(make_user: Callable[..., User]) -> Callable[[str], Cast]:
    def make(kind: str) -> Cast:
        authority, verifying, payload = KINDS[kind]
        foreign = "GD-DOJ" if authority != "GD-DOJ" else "GD-DHURD"
        return Cast(
            kind=kind,
            authority=authority,
            verifying_authority=verifying,
            payload=payload,
            applicant=make_user(Role.APPLICANT),
            other_applicant=make_user(Role.APPLICANT),
            reviewer=make_user(Role.REVIEWER, authority=authority),
            second_reviewer=make_user(Role.REVIEWER, authority=authority),
            foreign_reviewer=make_user(Role.REVIEWER, authority=foreign),
            verifier=make_user(Role.REVIEWER, authority=verifying),
            policy_officer=make_user(Role.POLICY_OFFICER),
            analyst=make_user(Role.ANALYST),
            administrator=make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True),
            organisation_staff=make_user(Role.ORGANISATION_STAFF),
        )

    return make


def path_to(kind: str, target: str) -> list[str]:
    """The shortest list of transitions from the initial state to `target` (system steps excluded)."""
    workflow = get_workflow(kind)
    queue: deque[tuple[str, list[str]]] = deque([(workflow.initial, [])])
    seen = {workflow.initial}
    while queue:
        state, steps = queue.popleft()
        if state == target:
            return steps
        for t in workflow.available(state):
            if t.by == {"system"} or t.target in seen:
                continue
            seen.add(t.target)
            queue.append((t.target, [*steps, t.name]))
    # Only reachable through a system step (e.g. expired): take it last.
    for t in workflow.transitions.values():
        if t.target == target and "system" in t.by:
            return [*path_to(kind, t.sources[0]), t.name]
    raise AssertionError(f"{target} is unreachable in {kind}")


def take(cast: Cast, case: Application, transition: str) -> Application:
    """Take `transition` on `case` as the natural actor, through the service that owns it."""
    if transition == "submit":
        attach_required_documents(case, cast.applicant)
    if transition == "request_info":
        services.info_request_create(application_id=case.pk, reviewer=cast.reviewer, message="Send your licence.")
    elif transition == "reply":
        services.info_request_reply(application_id=case.pk, applicant=cast.applicant, reply="Attached.")
    elif transition == "request_verification":
        services.verification_request(
            application_id=case.pk, reviewer=cast.reviewer, authority_code=cast.verifying_authority, question="Valid?"
        )
    elif transition in {"confirm_verification", "deny_verification"}:
        services.verification_respond(
            application_id=case.pk,
            verifier=cast.verifier,
            confirmed=transition == "confirm_verification",
            note="Checked.",
        )
    else:
        step = get_workflow(cast.kind).transitions[transition]
        actor: User | None
        if "applicant" in step.by:
            actor = cast.applicant
        elif "system" in step.by:
            actor = None
        elif step.four_eyes:
            actor = cast.second_reviewer
        else:
            actor = cast.reviewer
        services.application_transition(application_id=case.pk, actor=actor, transition=transition, reason="Reasoned.")
    return Application.objects.get(pk=case.pk)


@pytest.fixture
def make_case(applicant: User) -> Callable[..., Application]:
    """Cases submitted as an applicant does: with every required document."""
    return case_factory(applicant)


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.DOCUMENT_ROOT = tmp_path / "documents"


@pytest.fixture
def case_in() -> Callable[[Cast, str], Application]:
    def make(cast: Cast, state: str) -> Application:
        case = services.application_create(
            applicant=cast.applicant, kind=cast.kind, authority_code=cast.authority, payload=cast.payload
        )
        for transition in path_to(cast.kind, state):
            case = take(cast, case, transition)
        assert case.state == state
        return case

    return make

"""Practice fixtures: a practice case walked through casework, reviewers of the deciding and other authorities."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from talentbridge.accounts.models import Role, User
from talentbridge.casework import services
from talentbridge.casework.models import Application
from tests.casework.filing import attach_required_documents

LAWYER_ANSWERS: dict[str, Any] = {
    "field": "lawyer",
    "zone": "nine_cities",
    "home_jurisdiction": "hong_kong",
    "years_of_practice": 4,
    "holds_home_licence": True,
    "is_permanent_resident": True,
    "is_chinese_citizen": True,
    "has_disciplinary_record": False,
}


@pytest.fixture
def practice_case(applicant: User) -> Callable[..., Application]:
    """A practice case opened (and optionally submitted) by `applicant` at `authority`."""

    def make(
        *, authority: str = "GD-DHURD", submit: bool = True, owner: User | None = None, **payload: Any
    ) -> Application:
        who = owner or applicant
        case = services.application_create(
            applicant=who,
            kind="practice_registration",
            authority_code=authority,
            payload={
                "profession": "architect",
                "city": "shenzhen",
                "licence_number": "ARB-1001",
                "years_of_practice": 6,
                **payload,
            },
        )
        if submit:
            attach_required_documents(case, who)
            case = services.application_transition(application_id=case.pk, actor=who, transition="submit")
        return case

    return make


@pytest.fixture
def in_review(reviewer: User) -> Callable[[Application], Application]:
    def move(case: Application) -> Application:
        return services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")

    return move


@pytest.fixture
def nansha_reviewer(make_user: Callable[..., User]) -> User:
    return make_user(Role.REVIEWER, authority="GD-DHURD")


@pytest.fixture
def other_reviewer(make_user: Callable[..., User]) -> User:
    return make_user(Role.REVIEWER, authority="GD-DOJ")

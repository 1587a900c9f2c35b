"""Shared fixtures: reference data, one person per role, and a case factory."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation

from talentbridge.accounts.models import Organisation, Role, User
from talentbridge.casework import services
from talentbridge.casework.models import Application
from talentbridge.reference.models import Authority, City
from talentbridge.reference.services import reference_load

PASSWORD = "correct-horse-battery-9"


@pytest.fixture(autouse=True)
def _site_language_for_each_test() -> Any:
    """Every test starts in the site's language: a page requested in Chinese activates Chinese for the
    thread (LocaleMiddleware does not restore it), which would otherwise leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _on_postgres() -> bool:
    return bool(settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql")


def pytest_sessionstart(session: pytest.Session) -> None:
    """The PostgreSQL pass (REQUIRE_POSTGRES=1) must really run on PostgreSQL, never fall back."""
    if os.environ.get("REQUIRE_POSTGRES") == "1" and not _on_postgres():
        raise pytest.UsageError("REQUIRE_POSTGRES=1 but DATABASE_URL does not name a PostgreSQL database")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `postgres` run in the PostgreSQL pass of `make test`; on SQLite they are skipped."""
    if _on_postgres():
        return
    skip = pytest.mark.skip(reason="PostgreSQL only: runs in the PostgreSQL pass (make test-pg)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


_counter = itertools.count(1)

PRACTICE_PAYLOAD = {
    "profession": "structural_engineer",
    "city": "shenzhen",
    "licence_number": "HK-ERB-12345",
    "years_of_practice": 8,
}


@pytest.fixture
def reference(db: Any) -> None:
    reference_load()


@pytest.fixture
def make_user(reference: None) -> Callable[..., User]:
    def make(role: str = Role.APPLICANT, *, authority: str | None = None, **extra: Any) -> User:
        n = next(_counter)
        if role == Role.ORGANISATION_STAFF and "organisation" not in extra:
            extra["organisation"] = Organisation.objects.create(
                name=f"Employer {n}", kind=Organisation.Kind.EMPLOYER, city=City.objects.get(code="shenzhen")
            )
        user = User.objects.create_user(
            f"{role}{n}@example.org",
            PASSWORD,
            full_name=extra.pop("full_name", f"{role.title()} {n}"),
            role=role,
            authority=Authority.objects.get(code=authority) if authority else None,
            residence=extra.pop("residence", "HK" if role == Role.APPLICANT else ""),
            **extra,
        )
        return user

    return make


@pytest.fixture
def applicant(make_user: Callable[..., User]) -> User:
    return make_user(Role.APPLICANT)


@pytest.fixture
def reviewer(make_user: Callable[..., User]) -> User:
    return make_user(Role.REVIEWER, authority="GD-DHURD")


@pytest.fixture
def second_reviewer(make_user: Callable[..., User]) -> User:
    return make_user(Role.REVIEWER, authority="GD-DHURD")


@pytest.fixture
def verifier(make_user: Callable[..., User]) -> User:
    return make_user(Role.REVIEWER, authority="HK-ERB")


@pytest.fixture
def make_case(applicant: User) -> Callable[..., Application]:
    """A practice-registration case for `applicant` at GD-DHURD, optionally submitted."""

    from tests.casework.filing import attach_required_documents  # a casework test helper, imported late

    def make(*, submit: bool = False, owner: User | None = None, **payload: Any) -> Application:
        case = services.application_create(
            applicant=owner or applicant,
            kind="practice_registration",
            authority_code="GD-DHURD",
            payload={**PRACTICE_PAYLOAD, **payload},
        )
        if submit:
            attach_required_documents(case, owner or applicant)
            case = services.application_transition(
                application_id=case.pk, actor=owner or applicant, transition="submit"
            )
        return case

    return make

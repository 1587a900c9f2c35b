"""Fixtures for API tests over real HTTP: a live server, httpx clients per user, database snapshots."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from talentbridge.accounts.models import ApiToken, Role, User
from talentbridge.accounts.services import api_token_create
from talentbridge.casework import services
from talentbridge.casework.models import (
    Application,
    AuditEvent,
    Decision,
    Document,
    InfoRequest,
    Notification,
    Verification,
)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

Client = Callable[..., httpx.Client]


@pytest.fixture(autouse=True)
def _documents_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.DOCUMENT_ROOT = tmp_path / "documents"


@pytest.fixture
def api_url(live_server: Any) -> str:
    return f"{live_server.url}/api/v1"


@pytest.fixture
def _clients() -> Iterator[list[httpx.Client]]:
    opened: list[httpx.Client] = []
    yield opened
    for client in opened:
        client.close()


@pytest.fixture
def anonymous(api_url: str, _clients: list[httpx.Client]) -> httpx.Client:
    client = httpx.Client(base_url=api_url, timeout=20)
    _clients.append(client)
    return client


def _session_cookies(user: User) -> dict[str, str]:
    """A signed-in Django session for `user`, as the browser would hold it after logging in."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return {settings.SESSION_COOKIE_NAME: store.session_key or ""}


@pytest.fixture
def client_for(api_url: str, _clients: list[httpx.Client]) -> Client:
    """`client_for(user)` authenticates with a bearer token; `via="session"` with a session cookie.

    Session clients send the CSRF cookie and, unless `csrf=False`, the matching `X-CSRFToken` header.
    """

    def make(user: User, *, via: str = "token", csrf: bool = True, language: str | None = None) -> httpx.Client:
        headers: dict[str, str] = {}
        cookies: dict[str, str] = {}
        if language:
            headers["Accept-Language"] = language
        if via == "token":
            _token, raw = api_token_create(user=user, name="test client")
            headers["Authorization"] = f"Bearer {raw}"
        else:
            secret = secrets.token_hex(16)
            cookies = {**_session_cookies(user), settings.CSRF_COOKIE_NAME: secret}
            if csrf:
                headers["X-CSRFToken"] = secret
        client = httpx.Client(base_url=api_url, headers=headers, cookies=cookies, timeout=20)
        _clients.append(client)
        return client

    return make


def db_snapshot() -> dict[str, Any]:
    """Everything an API call could change, to assert that a refused call changed nothing."""
    return {
        "applications": list(Application.objects.order_by("pk").values_list("pk", "state", "version", "payload")),
        "events": AuditEvent.objects.count(),
        "decisions": Decision.objects.count(),
        "info_requests": list(InfoRequest.objects.order_by("pk").values_list("pk", "reply")),
        "verifications": list(Verification.objects.order_by("pk").values_list("pk", "outcome")),
        "documents": Document.objects.count(),
        "notifications": list(Notification.objects.order_by("pk").values_list("pk", "read_at")),
        "tokens": list(ApiToken.objects.order_by("pk").values_list("pk", "revoked_at")),
    }


@pytest.fixture
def snapshot() -> Callable[[], dict[str, Any]]:
    return db_snapshot


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The response is an error in the one shape, with this status and code."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["details"], dict)
    return dict(body)


def step(case: Application, actor: User | None, transition: str, **kwargs: Any) -> Application:
    """Move a case along its workflow through the service (the `given` part of a test)."""
    return services.application_transition(application_id=case.pk, actor=actor, transition=transition, **kwargs)


@pytest.fixture
def case_in_review(make_case: Callable[..., Application], reviewer: User) -> Application:
    return step(make_case(submit=True), reviewer, "start_review")


@pytest.fixture
def case_in_verification(case_in_review: Application, reviewer: User) -> Application:
    services.verification_request(
        application_id=case_in_review.pk, reviewer=reviewer, authority_code="HK-ERB", question="Is the licence valid?"
    )
    return Application.objects.get(pk=case_in_review.pk)


@pytest.fixture
def case_info_requested(case_in_review: Application, reviewer: User) -> Application:
    services.info_request_create(application_id=case_in_review.pk, reviewer=reviewer, message="Send your licence.")
    return Application.objects.get(pk=case_in_review.pk)


@pytest.fixture
def people(make_user: Callable[..., User], applicant: User, reviewer: User, verifier: User) -> dict[str, User | None]:
    """One person per row of the access matrix (the verifier's authority, HK-ERB, is asked only if a test asks)."""
    return {
        "applicant": applicant,
        "other_applicant": make_user(Role.APPLICANT),
        "organisation_staff": make_user(Role.ORGANISATION_STAFF),
        "reviewer": reviewer,
        "other_reviewer": make_user(Role.REVIEWER, authority="GD-DOJ"),
        "verifier": verifier,
        "policy_officer": make_user(Role.POLICY_OFFICER),
        "analyst": make_user(Role.ANALYST),
        "administrator": make_user(Role.ADMINISTRATOR),
        "anonymous": None,
    }

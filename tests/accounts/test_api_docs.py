"""The API docs' "Try it out" works for a signed-in browser session: the docs page hands over the CSRF token."""

from __future__ import annotations

import html
import re

import httpx
import pytest

from talentbridge.accounts.models import ApiToken, Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_for(live_server):
    """`browser_for(user)`: an HTTP client that signed in through the real form (session and CSRF cookies)."""
    opened: list[httpx.Client] = []

    def make(email: str) -> httpx.Client:
        opened.append(_signed_in(live_server.url, email))
        return opened[-1]

    yield make
    for client in opened:
        client.close()


def _signed_in(base: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=20)
    login = client.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    answer = client.post(
        "/accounts/login/", data={"csrfmiddlewaretoken": token, "username": email, "password": PASSWORD}
    )
    assert answer.status_code == 302, answer.text
    return client


def _docs_csrf_token(client: httpx.Client) -> str:
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    found = re.search(r'data-csrf-token="([^"]*)"\s+data-api-csrf="([^"]*)"', docs.text)
    assert found is not None and found.group(2) == "true", "the docs page must enable its CSRF interceptor"
    return html.unescape(found.group(1))


def test_a_session_post_from_the_docs_page_with_its_csrf_header_succeeds(live_server, browser_for, make_user) -> None:
    staff = make_user(Role.ORGANISATION_STAFF)
    browser = browser_for(staff.email)
    csrf = _docs_csrf_token(browser)
    assert csrf

    # What Swagger UI's request interceptor sends on "Execute": the header from the page, same origin.
    created = browser.post(
        "/api/v1/auth/tokens",
        json={"name": "tried from the docs"},
        headers={"X-CSRFToken": csrf, "Origin": live_server.url, "Referer": f"{live_server.url}/api/v1/docs"},
    )

    assert created.status_code == 201, created.text
    assert created.json()["name"] == "tried from the docs"
    assert ApiToken.objects.get().user == staff


def test_without_the_header_the_session_post_is_still_refused(live_server, browser_for, make_user) -> None:
    staff = make_user(Role.ORGANISATION_STAFF)
    browser = browser_for(staff.email)
    _docs_csrf_token(browser)

    refused = browser.post("/api/v1/auth/tokens", json={"name": "x"}, headers={"Origin": live_server.url})

    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"
    assert not ApiToken.objects.exists()


def test_the_docs_explain_both_ways_to_authenticate(live_server) -> None:
    schema = httpx.get(f"{live_server.url}/api/v1/openapi.json", timeout=20).json()

    assert "/account/api-tokens/" in schema["info"]["description"]
    assert schema["components"]["securitySchemes"]["BearerTokenAuth"] == {"type": "http", "scheme": "bearer"}

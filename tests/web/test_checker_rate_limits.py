"""The public checkers are limited on the web as in the API, in one budget per client: a submitted check
counts, the bare form is free, and past the limit nothing is computed or stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from talentbridge.core.models import RateLimitCounter
from talentbridge.policy.models import Determination
from tests.web.test_practice_pages import LAWYER

pytestmark = pytest.mark.django_db

CHECKERS = [
    ("web:practice_check", "practice_check", "/api/v1/practice/check", {**LAWYER, "on": "2025-06-01"}),
    (
        "web:endorsement_check",
        "mobility_check",
        "/api/v1/mobility/check",
        {"category": "research", "holds_valid_eep": "on", "work_city": "shenzhen", "on": "2025-06-10"},
    ),
]


@pytest.mark.parametrize(("name", "scope", "api", "answers"), CHECKERS)
def test_checks_past_the_limit_get_the_429_page_and_store_nothing(
    reference: Any, settings: Any, name: str, scope: str, api: str, answers: dict[str, str]
) -> None:
    settings.RULES_API_RATE = "3/hour"
    client = Client()
    url = reverse(name)

    forms = [client.get(url).status_code for _ in range(5)]  # the empty form checks nothing and costs nothing
    checks = [client.post(url, answers).status_code for _ in range(2)]
    by_api = client.post(api, {}, content_type="application/json")  # the API twin spends the same budget
    refused = client.post(url, answers, HTTP_ACCEPT_LANGUAGE="zh-hant")

    assert forms == [200] * 5
    assert checks == [200, 200]
    assert by_api.status_code != 429
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600" and "請求過多" in refused.content.decode()
    assert Determination.objects.count() == 2
    assert RateLimitCounter.objects.get(key=f"{scope}:127.0.0.1").hits == 4
    assert client.post(api, {}, content_type="application/json").status_code == 429


@pytest.mark.parametrize(("name", "scope", "api", "answers"), CHECKERS)
def test_each_client_address_has_its_own_budget(
    reference: Any, settings: Any, name: str, scope: str, api: str, answers: dict[str, str]
) -> None:
    settings.RULES_API_RATE = "1/hour"
    url = reverse(name)
    first, second = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")

    statuses = [first.post(url, answers).status_code, first.post(url, answers).status_code]
    other = second.post(url, answers).status_code

    assert (statuses, other) == ([200, 429], 200)
    assert Determination.objects.count() == 2

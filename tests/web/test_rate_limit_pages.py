"""Rate-limited web forms: the same atomic counter as the API, a translated 429 page, and the view not run."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from talentbridge.core.models import RateLimitCounter
from tests.web import ratelimit_urls

pytestmark = pytest.mark.urls("tests.web.ratelimit_urls")


@pytest.fixture(autouse=True)
def _no_calls() -> None:
    ratelimit_urls.CALLS.clear()


def test_posts_past_the_limit_get_a_translated_429_page_and_the_form_is_not_processed(db: Any, settings: Any) -> None:
    settings.RULES_API_RATE = "3/hour"
    client = Client()

    allowed = [client.post("/test-limited-form/", {"a": "1"}).status_code for _ in range(3)]
    shown = client.get("/test-limited-form/")
    refused = client.post("/test-limited-form/", {"a": "1"})
    chinese = client.post("/test-limited-form/", {"a": "1"}, HTTP_ACCEPT_LANGUAGE="zh-hant")

    assert allowed == [200, 200, 200]
    assert shown.status_code == 200
    assert ratelimit_urls.CALLS == ["POST", "POST", "POST", "GET"]
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    page = refused.content.decode()
    assert "<h1>Too many requests</h1>" in page
    assert "Try again in 60 minutes." in page
    assert "請求過多" in chinese.content.decode()
    assert "60 分鐘後再試。" in chinese.content.decode()
    assert RateLimitCounter.objects.get(key="test_form:127.0.0.1").hits == 5


def test_a_short_wait_is_given_in_seconds(db: Any, settings: Any) -> None:
    settings.RULES_API_RATE = "1/min"
    client = Client()
    client.post("/test-limited-form/")

    refused = client.post("/test-limited-form/")

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert f"Try again in {refused['Retry-After']} second" in refused.content.decode()


def test_addresses_behind_a_trusted_proxy_count_apart(db: Any, settings: Any) -> None:
    settings.RULES_API_RATE = "1/hour"
    settings.NINJA_NUM_PROXIES = 1
    client = Client()

    first = client.post("/test-limited-form/", HTTP_X_FORWARDED_FOR="203.0.113.1")
    second = client.post("/test-limited-form/", HTTP_X_FORWARDED_FOR="203.0.113.2")
    again = client.post("/test-limited-form/", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.1")

    assert (first.status_code, second.status_code, again.status_code) == (200, 200, 429)

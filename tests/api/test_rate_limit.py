"""Rate limits under load over real HTTP: concurrent requests from one address get exactly the limit through,
counted in the database (SQLite, PostgreSQL) and in Redis, and each limited operation counts apart."""

from __future__ import annotations

import os
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.core.cache import caches

from talentbridge.core.models import RateLimitCounter
from tests.api.conftest import assert_error

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
SITUATION = {"persons": {"p1": {"age": {"2025-01": None}}}}
PRACTICE_CHECK = {
    "field": "lawyer",
    "home_jurisdiction": "hong_kong",
    "holds_home_licence": True,
    "is_permanent_resident": True,
    "is_chinese_citizen": True,
    "has_disciplinary_record": False,
    "years_of_practice": 4,
}
REQUESTS = 40
LIMIT = 10


def burst(api_url: str, path: str, body: dict[str, Any], count: int = REQUESTS) -> Counter[int]:
    """`count` requests released at once, each on its own kept-alive connection, from the same address.

    The connections are opened one by one first (the test server's listen queue is short), then every
    thread sends its request at the same moment.
    """
    clients = [httpx.Client(base_url=api_url, timeout=60) for _ in range(count)]
    for client in clients:
        assert client.get("/health").status_code == 200
    barrier = threading.Barrier(count)
    statuses: list[int] = []
    lock = threading.Lock()

    def send(client: httpx.Client) -> None:
        barrier.wait()
        status = client.post(path, json=body).status_code
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for client in clients:
        client.close()
    return Counter(statuses)


@pytest.fixture
def redis_cache(settings: Any) -> Iterator[None]:
    """The default cache on the Redis server at 127.0.0.1:6379, under a key prefix of this test only.

    Skipped when no Redis server answers, except in CI (CI=true), where Redis runs and must be tested.
    """
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable at {REDIS_URL} in CI: {error}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_concurrent_requests_from_one_address_get_exactly_the_limit(api_url: str, settings: Any) -> None:
    settings.RULES_API_RATE = f"{LIMIT}/hour"

    statuses = burst(api_url, "/rules/calculate", SITUATION)

    assert statuses == {200: LIMIT, 429: REQUESTS - LIMIT}
    assert list(RateLimitCounter.objects.values_list("key", "hits")) == [("rules:127.0.0.1", REQUESTS)]


def test_concurrent_requests_counted_in_redis_get_exactly_the_limit(
    redis_cache: None, api_url: str, settings: Any
) -> None:
    settings.RULES_API_RATE = f"{LIMIT}/hour"

    statuses = burst(api_url, "/rules/trace", SITUATION)

    assert statuses == {200: LIMIT, 429: REQUESTS - LIMIT}
    assert not RateLimitCounter.objects.exists()
    cache = caches["default"]
    client = cache._cache.get_client(write=False)  # type: ignore[attr-defined]
    key = cache.make_key("ratelimit:rules:127.0.0.1")
    assert int(client.get(key)) == REQUESTS
    assert 3590 <= client.ttl(key) <= 3600


def test_each_limited_operation_counts_apart_with_the_same_mechanism(
    api_url: str, anonymous: httpx.Client, reference: None, settings: Any
) -> None:
    settings.RULES_API_RATE = "3/hour"

    rules = burst(api_url, "/rules/calculate", SITUATION, count=8)
    # The check writes a determination: on the test's in-memory SQLite database the server threads share
    # one connection, which cannot hold two write transactions at once, so these requests go one by one.
    practice = Counter(anonymous.post("/practice/check", json=PRACTICE_CHECK).status_code for _ in range(4))

    assert rules == {200: 3, 429: 5}
    assert practice == {200: 3, 429: 1}
    error = assert_error(anonymous.post("/practice/check", json=PRACTICE_CHECK), 429, "rate_limited")
    assert 3590 <= int(anonymous.post("/rules/trace", json=SITUATION).headers["Retry-After"]) <= 3600
    assert 3590 <= error["details"]["retry_after"] <= 3600
    assert dict(RateLimitCounter.objects.values_list("key", "hits")) == {
        "rules:127.0.0.1": 9,
        "practice_check:127.0.0.1": 5,
    }


def test_a_client_gets_in_again_when_its_window_ends(anonymous: httpx.Client, settings: Any) -> None:
    settings.RULES_API_RATE = "2/hour"
    for _ in range(3):
        anonymous.post("/rules/calculate", json=SITUATION)
    assert_error(anonymous.post("/rules/calculate", json=SITUATION), 429, "rate_limited")

    RateLimitCounter.objects.update(window_ends=0)  # the hour has passed

    assert anonymous.post("/rules/calculate", json=SITUATION).status_code == 200
    assert RateLimitCounter.objects.get().hits == 1


@pytest.mark.postgres
def test_concurrent_requests_on_postgresql_connections_get_exactly_the_limit(api_url: str, settings: Any) -> None:
    """On PostgreSQL every server thread has its own connection: the upsert must hold across them."""
    settings.RULES_API_RATE = f"{LIMIT}/hour"

    statuses = burst(api_url, "/rules/calculate", SITUATION, count=64)

    assert statuses == {200: LIMIT, 429: 64 - LIMIT}
    assert RateLimitCounter.objects.get().hits == 64

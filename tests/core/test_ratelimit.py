"""The shared rate-limit counter: rates, fixed windows, sweeping, and atomicity across database connections."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from talentbridge.core.models import RateLimitCounter
from talentbridge.core.ratelimit import parse_rate, rate_limit_hit


@pytest.mark.parametrize(
    ("rate", "expected"),
    [("60/min", (60, 60)), ("5/10s", (5, 10)), ("100/hour", (100, 3600)), ("1/d", (1, 86400)), ("3/2m", (3, 120))],
)
def test_rates_are_read_as_hits_per_seconds(rate: str, expected: tuple[int, int]) -> None:
    assert parse_rate(rate) == expected


@pytest.mark.parametrize("rate", ["", "60", "sixty/min", "60/fortnight", "60/0s", "-1/min"])
def test_a_malformed_rate_is_refused(rate: str) -> None:
    with pytest.raises(ValueError, match=r"expected e\.g\. 60/min"):
        parse_rate(rate)


def test_hits_past_the_limit_are_refused_until_the_window_ends(db: Any) -> None:
    decisions = [rate_limit_hit(scope="test", ident="192.0.2.1", limit=2, window=60) for _ in range(3)]

    assert [decision.allowed for decision in decisions] == [True, True, False]
    assert [decision.hits for decision in decisions] == [1, 2, 3]
    assert 59 <= decisions[2].retry_after <= 60
    assert rate_limit_hit(scope="other", ident="192.0.2.1", limit=2, window=60).allowed
    assert rate_limit_hit(scope="test", ident="192.0.2.2", limit=2, window=60).allowed

    RateLimitCounter.objects.filter(key="test:192.0.2.1").update(window_ends=0)

    again = rate_limit_hit(scope="test", ident="192.0.2.1", limit=2, window=60)
    assert (again.allowed, again.hits) == (True, 1)


def test_finished_windows_are_swept_when_a_window_opens(db: Any) -> None:
    rate_limit_hit(scope="test", ident="192.0.2.1", limit=2, window=60)
    rate_limit_hit(scope="test", ident="192.0.2.2", limit=2, window=60)
    RateLimitCounter.objects.filter(key="test:192.0.2.1").update(window_ends=0)

    rate_limit_hit(scope="test", ident="192.0.2.3", limit=2, window=60)

    assert sorted(RateLimitCounter.objects.values_list("key", flat=True)) == ["test:192.0.2.2", "test:192.0.2.3"]


def test_a_long_client_identifier_is_hashed_into_the_key(db: Any) -> None:
    rate_limit_hit(scope="test", ident="x" * 500, limit=1, window=60)

    assert not rate_limit_hit(scope="test", ident="x" * 500, limit=1, window=60).allowed
    key = RateLimitCounter.objects.get().key
    assert key.startswith("test:sha256:") and len(key) == len("test:sha256:") + 64


@pytest.mark.postgres
def test_concurrent_hits_on_separate_connections_count_each_once(transactional_db: Any) -> None:
    """64 threads, each on its own PostgreSQL connection, hit at once: exactly the limit is allowed."""
    barrier = threading.Barrier(64)
    allowed: list[bool] = []
    lock = threading.Lock()

    def hit() -> None:
        try:
            barrier.wait()
            decision = rate_limit_hit(scope="test", ident="192.0.2.1", limit=10, window=60)
            with lock:
                allowed.append(decision.allowed)
        finally:
            connection.close()

    threads = [threading.Thread(target=hit) for _ in range(64)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(allowed) == [False] * 54 + [True] * 10
    assert RateLimitCounter.objects.get().hits == 64

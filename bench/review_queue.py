"""Benchmark (b): the reviewer's case list `/review/` with 100,000 cases in the queue against 100 cases."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

BIG_AUTHORITY, SMALL_AUTHORITY = "GD-DHURD", "GD-TAX-QIANHAI"  # the population never files tax cases


def _fill(authority_code: str, wanted: int, seed: int) -> int:
    """Top the authority's queue up to `wanted` cases; returns how many it holds."""
    from talentbridge.casework.models import Application
    from talentbridge.population.queue import review_queue_fill

    present = Application.objects.filter(authority__code=authority_code).count()
    if present < wanted:
        review_queue_fill(authority_code=authority_code, cases=wanted - present, seed=seed)
    return Application.objects.filter(authority__code=authority_code).count()


def _reviewer(authority_code: str) -> Any:
    from talentbridge.accounts.models import Role, User
    from talentbridge.reference.models import Authority

    user, _ = User.objects.get_or_create(
        email=f"bench.reviewer.{authority_code.lower()}@bench.talentbridge.example",
        defaults={
            "full_name": f"Bench reviewer {authority_code}",
            "role": Role.REVIEWER,
            "authority": Authority.objects.get(code=authority_code),
        },
    )
    return user


def _page_request(user: Any) -> tuple[str, Callable[[], None]]:
    """A callable rendering the queue once: the real page when it exists, else the selector fallback."""
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse("web:review_queue")
    except NoReverseMatch:
        return "selector", _selector_request(user)
    client = Client()
    client.force_login(user)

    def get() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")

    return f"page {url}", get


def _selector_request(user: Any) -> Callable[[], None]:
    from django.core.paginator import Paginator
    from django.template import Context, Template

    from talentbridge.casework.selectors import application_list

    template = Template("{% for c in page %}{{ c.reference }} {{ c.applicant.full_name }} {{ c.state }}{% endfor %}")

    def render() -> None:
        cases = application_list(user=user).order_by("deadline", "submitted_at", "id")
        template.render(Context({"page": Paginator(cases, 50).get_page(1)}))

    return render


def _measure(user: Any, requests: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mode, request = _page_request(user)
    for _ in range(3):  # warm caches, templates and the session
        request()
    with CaptureQueriesContext(connection) as captured:
        request()
    queries = len(captured)  # read now: the capture is a view of a log that the next request clears
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        request()
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "mode": mode,
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(statistics.quantiles(timings, n=20)[18], 2),
        "queries": queries,
    }


def run(*, big: int, small: int, requests: int, seed: int, note: str) -> dict[str, Any]:
    held_big = _fill(BIG_AUTHORITY, big, seed)
    held_small = _fill(SMALL_AUTHORITY, small, seed + 1)
    large = _measure(_reviewer(BIG_AUTHORITY), requests)
    baseline = _measure(_reviewer(SMALL_AUTHORITY), requests)
    ratio = large["p95_ms"] / baseline["p95_ms"] if baseline["p95_ms"] else float("nan")
    result = {
        "name": "review_queue",
        "requests": requests,
        "queue_cases": held_big,
        "baseline_queue_cases": held_small,
        "large": large,
        "baseline": baseline,
        "ratio_p95": round(ratio, 2),
        "note": note,
    }
    print(
        f"[review queue] {large['mode']} with {held_big:,} cases: median {large['median_ms']:.1f} ms, "
        f"p95 {large['p95_ms']:.1f} ms, {large['queries']} queries; baseline with {held_small} cases: "
        f"median {baseline['median_ms']:.1f} ms, p95 {baseline['p95_ms']:.1f} ms, {baseline['queries']} queries; "
        f"ratio (p95) {ratio:.2f}"
    )
    return result

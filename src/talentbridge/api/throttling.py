"""Per-client rate limits of public API operations, counted atomically by `core.ratelimit`."""

from __future__ import annotations

import threading

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from talentbridge.core.ratelimit import DEFAULT_RATE, client_address, parse_rate, rate_limit_hit

__all__ = ["DEFAULT_RATE", "ClientRateThrottle"]


class ClientRateThrottle(BaseThrottle):
    """Requests per client address and `scope` in fixed windows, counted in storage every process shares.

    The rate is read on every request from `settings.RULES_API_RATE` (default 60/min). The client is
    REMOTE_ADDR: X-Forwarded-For is trusted only when NINJA_NUM_PROXIES says how many proxies set it,
    otherwise anyone could pick a fresh address per request. Subclasses set `scope` to count apart. One
    instance serves every thread, so the wait of the current request is kept per thread.
    """

    scope = "rules"
    rate_setting = "RULES_API_RATE"

    def __init__(self) -> None:
        self._local = threading.local()

    def get_ident(self, request: HttpRequest) -> str:
        return client_address(request)

    def allow_request(self, request: HttpRequest) -> bool:
        limit, window = parse_rate(str(getattr(settings, self.rate_setting)))
        decision = rate_limit_hit(scope=self.scope, ident=self.get_ident(request), limit=limit, window=window)
        self._local.wait = decision.retry_after
        return decision.allowed

    def wait(self) -> float:
        """Seconds until the client's window ends (at least one)."""
        return float(getattr(self._local, "wait", 1.0))

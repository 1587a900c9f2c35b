"""Per-client rate limits of public web forms, counted by `core.ratelimit` exactly as the API's.

A form that runs the rules for anyone (the practice and endorsement checks, certificate verification)
costs what its API twin costs; `@rate_limited("practice_check")` with the API operation's scope gives
a client one budget across both faces. Over the limit the page answers 429 with a translated page and
`Retry-After`; the view does not run, so nothing is computed or stored.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from talentbridge.core.ratelimit import client_address, parse_rate, rate_limit_hit

__all__ = ["rate_limited"]

View = Callable[..., HttpResponse]


def rate_limited(
    scope: str, *, rate_setting: str = "RULES_API_RATE", methods: Iterable[str] = ("POST",)
) -> Callable[[View], View]:
    """Count each request of `methods` per client address in `scope`, at the rate `settings.<rate_setting>`."""
    counted = frozenset(method.upper() for method in methods)

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in counted:
                limit, window = parse_rate(str(getattr(settings, rate_setting)))
                decision = rate_limit_hit(scope=scope, ident=client_address(request), limit=limit, window=window)
                if not decision.allowed:
                    return too_many_requests(request, retry_after=decision.retry_after)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def too_many_requests(request: HttpRequest, *, retry_after: float) -> HttpResponse:
    """The translated 429 page: how long to wait, in seconds or minutes."""
    seconds = math.ceil(retry_after)
    context = {"seconds": seconds, "minutes": math.ceil(seconds / 60) if seconds > 90 else None}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response

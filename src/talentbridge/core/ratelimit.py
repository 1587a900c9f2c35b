"""Rate limits counted atomically in storage every process shares: Redis when it is the cache, else the database.

A limit is `limit` hits per `window` seconds for one (scope, client) pair, in fixed windows that open at
the client's first hit. Each hit is one atomic increment that returns the new count — Redis `INCR` (with
the expiry set in the same script), or one `INSERT … ON CONFLICT DO UPDATE SET hits = hits + 1 RETURNING`
on the database — so concurrent requests can never read the same count and all pass: exactly `limit`
hits are allowed per window, whatever the number of processes, threads or connections. Refused hits are
counted too but never extend the window, so a client that keeps knocking gets in again when it ends.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import OperationalError, connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest

from talentbridge.core.models import RateLimitCounter

__all__ = ["DEFAULT_RATE", "RateDecision", "client_address", "parse_rate", "rate_limit_hit"]

DEFAULT_RATE = "60/min"

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}
MAX_KEY_LENGTH = 200
SQLITE_LOCK_WAIT = 20.0  # seconds, as the database's busy timeout

# INCR and the expiry of a new window in one server-side step: no client can slip between them, and a
# counter can never be left without an expiry (which would refuse its client for ever).
REDIS_HIT = """
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}
"""


@dataclass(frozen=True)
class RateDecision:
    """The outcome of one hit: allowed or not, and how long until the window ends."""

    allowed: bool
    hits: int
    limit: int
    retry_after: float


def parse_rate(rate: str) -> tuple[int, int]:
    """`"60/min"` as (60, 60); `"5/10s"` as (5, 10). Units: s, sec, m, min, h, hour, d, day."""
    try:
        count, period = rate.strip().split("/", 1)
        unit = period.lstrip("0123456789")
        multiplier = int(period[: len(period) - len(unit)] or 1)
        limit, window = int(count), multiplier * PERIODS[unit or "s"]
    except (ValueError, KeyError) as error:
        raise ValueError(f"Invalid rate {rate!r}: expected e.g. 60/min") from error
    if limit < 0 or window <= 0:
        raise ValueError(f"Invalid rate {rate!r}: expected e.g. 60/min")
    return limit, window


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For entry the last of NINJA_NUM_PROXIES proxies set.

    Without NINJA_NUM_PROXIES the header is ignored, otherwise anyone could pick a fresh address per request.
    """
    remote = str(request.META.get("REMOTE_ADDR") or "")
    proxies = settings.NINJA_NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not proxies or not forwarded:
        return remote
    addresses = [address.strip() for address in str(forwarded).split(",")]
    return addresses[-min(int(proxies), len(addresses))] or remote


def _key(scope: str, ident: str) -> str:
    key = f"{scope}:{ident}"
    if len(key) > MAX_KEY_LENGTH:  # an address header can be long; the key only needs to be unique
        key = f"{scope}:sha256:{hashlib.sha256(ident.encode()).hexdigest()}"
    return key


def _redis_hit(cache: RedisCache, key: str, window: int) -> tuple[int, float]:
    full_key = cache.make_and_validate_key(f"ratelimit:{key}")
    # Django's Redis backend offers no atomic increment-with-expiry; its client (and pool) is reused.
    client: Any = cache._cache.get_client(full_key, write=True)
    hits, ttl_ms = client.eval(REDIS_HIT, 1, full_key, window * 1000)
    return int(hits), int(ttl_ms) / 1000


def _database_hit(key: str, window: int) -> tuple[int, float]:
    connection = connections[router.db_for_write(RateLimitCounter)]
    quote = connection.ops.quote_name
    table = quote(RateLimitCounter._meta.db_table)
    column_key, column_hits, column_ends = (quote(name) for name in ("key", "hits", "window_ends"))
    now = time.time()
    # Every SET expression reads the row as it was: a finished window restarts at one hit, else one more.
    # Only quoted identifiers are formatted in; every value is a parameter.
    sql = (
        f"INSERT INTO {table} ({column_key}, {column_hits}, {column_ends}) VALUES (%s, 1, %s) "  # noqa: S608
        f"ON CONFLICT ({column_key}) DO UPDATE SET "
        f"{column_hits} = CASE WHEN {table}.{column_ends} <= %s THEN 1 ELSE {table}.{column_hits} + 1 END, "
        f"{column_ends} = CASE WHEN {table}.{column_ends} <= %s THEN EXCLUDED.{column_ends} "
        f"ELSE {table}.{column_ends} END "
        f"RETURNING {column_hits}, {column_ends}"
    )
    hits, window_ends = _execute_retrying(connection, sql, [key, now + window, now, now])
    if hits == 1:  # a window opened: sweep the finished ones, so the table holds only live clients
        with contextlib.suppress(OperationalError):  # if it fails, the next opened window sweeps them
            _execute_retrying(connection, f"DELETE FROM {table} WHERE {column_ends} <= %s", [now])  # noqa: S608
    return int(hits), float(window_ends) - now


def _execute_retrying(connection: BaseDatabaseWrapper, sql: str, params: list[Any]) -> tuple[Any, ...]:
    """Run one statement; on SQLite, run it again while another statement holds the table.

    SQLite's busy timeout waits for other connections' locks but not for a table held by a statement of
    the same (shared) connection or shared cache; the statement is atomic, so a refused try changed nothing.
    """
    deadline = time.monotonic() + SQLITE_LOCK_WAIT
    for attempt in itertools.count():
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                # A DELETE returns no rows: PostgreSQL's driver refuses a fetch then, SQLite's gives None.
                return tuple(cursor.fetchone() or ()) if cursor.description is not None else ()
        except OperationalError as error:
            if connection.vendor != "sqlite" or "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(min(0.05, 0.001 * 2**attempt))
    raise AssertionError("unreachable")


def rate_limit_hit(*, scope: str, ident: str, limit: int, window: int) -> RateDecision:
    """Count one hit of `ident` against `limit` per `window` seconds in `scope`, atomically."""
    key = _key(scope, ident)
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        hits, remaining = _redis_hit(cache, key, window)
    else:
        hits, remaining = _database_hit(key, window)
    return RateDecision(allowed=hits <= limit, hits=hits, limit=limit, retry_after=max(1.0, remaining))

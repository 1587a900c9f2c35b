"""The benchmark database: a fresh PostgreSQL database when the server answers, else a SQLite file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BENCH_DATABASE = "talentbridge_bench"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BenchDatabase:
    url: str
    vendor: str
    note: str


def _postgres_reachable(server: str) -> str | None:
    """None if a maintenance connection works, else the reason it did not."""
    try:
        import psycopg

        with psycopg.connect(f"{server}/postgres", connect_timeout=3, autocommit=True):
            return None
    except Exception as exc:  # any failure means: fall back to SQLite
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _recreate_postgres(server: str, name: str) -> None:
    import psycopg
    from psycopg import sql

    if name.startswith("test_"):
        raise ValueError("refusing to touch a test database")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare() -> BenchDatabase:
    """Recreate the benchmark database and point Django at it (call before `django.setup()`)."""
    server = os.environ.get("BENCH_POSTGRES_SERVER", DEFAULT_SERVER).rstrip("/")
    reason = _postgres_reachable(server)
    if reason is None:
        _recreate_postgres(server, BENCH_DATABASE)
        url, vendor, note = f"{server}/{BENCH_DATABASE}", "postgresql", ""
    else:
        path = ROOT / "var" / "bench" / "bench.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url, vendor = f"sqlite:///{path}", "sqlite"
        note = f"PostgreSQL not reachable at {server} ({reason}); measured on SQLite instead, not comparable."
    os.environ["DATABASE_URL"] = url
    return BenchDatabase(url=url, vendor=vendor, note=note)

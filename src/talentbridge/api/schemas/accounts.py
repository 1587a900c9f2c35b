"""Schemas of the system and accounts endpoints: health, the caller, API tokens."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from talentbridge.api.schemas.common import StrictIn


class HealthOut(Schema):
    status: str
    database: str
    version: str


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    role: str
    residence: str
    preferred_language: str
    authority: str | None
    organisation: str | None
    auth_method: str


class TokenCreateIn(StrictIn):
    name: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(description="The raw token; shown once and never again.")

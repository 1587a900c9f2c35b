"""Schemas of the caller's in-app notifications."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field

from talentbridge.casework.notifications import render


class NotificationFilters(Schema):
    unread: bool | None = Field(None, description="Only unread notifications")


class NotificationOut(Schema):
    id: int
    event: str
    message: str
    application: str | None
    created_at: dt.datetime
    read_at: dt.datetime | None

    @staticmethod
    def resolve_message(obj: Any) -> str:
        return render(obj)

    @staticmethod
    def resolve_application(obj: Any) -> str | None:
        return obj.application.reference if obj.application_id else None

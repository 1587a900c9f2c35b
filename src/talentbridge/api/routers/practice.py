"""API router for practice."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["practice"])

"""API router for credentials."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["credentials"])

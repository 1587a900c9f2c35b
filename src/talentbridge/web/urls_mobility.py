"""URL entries of the web face for mobility (names live in the `web` namespace)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

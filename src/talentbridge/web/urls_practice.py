"""URL entries of the web face for practice (names live in the `web` namespace)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

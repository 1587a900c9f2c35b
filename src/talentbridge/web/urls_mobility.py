"""URL entries of the web face for mobility (names live in the `web` namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path

from talentbridge.web.views import mobility

urlpatterns: list[URLPattern] = [
    path("mobility/check/", mobility.endorsement_check, name="endorsement_check"),
    path("mobility/attestations/", mobility.attestations, name="attestations"),
]

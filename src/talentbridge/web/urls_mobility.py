"""URL entries of the web face for mobility (names live in the `web` namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path

from talentbridge.web.views import mobility

urlpatterns: list[URLPattern] = [
    path("mobility/check/", mobility.endorsement_check, name="endorsement_check"),
    path("mobility/attestations/", mobility.attestations, name="attestations"),
    path("mobility/attestations/request/", mobility.attestation_request, name="attestation_request"),
    path("mobility/apply/", mobility.endorsement_apply, name="endorsement_apply"),
    path("mobility/endorsements/", mobility.endorsements, name="endorsements"),
    path("mobility/endorsements/<int:endorsement_id>/", mobility.endorsement_detail, name="endorsement_detail"),
]

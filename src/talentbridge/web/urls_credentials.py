"""URL entries of the web face for credentials (names live in the `web` namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path

from talentbridge.web.views import credentials

urlpatterns: list[URLPattern] = [
    path("verify/", credentials.certificate_verify, name="certificate_verify"),
    path("certificates/<uuid:certificate_id>/", credentials.certificate_print, name="certificate_print"),
    path(
        "certificates/<uuid:certificate_id>/certificate.jwt",
        credentials.certificate_download,
        name="certificate_download",
    ),
]

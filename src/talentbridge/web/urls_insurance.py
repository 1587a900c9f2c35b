"""URL entries of the web face for insurance (names live in the `web` namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path

from talentbridge.web.views import insurance

urlpatterns: list[URLPattern] = [
    path("insurance/estimate/", insurance.estimate, name="insurance_estimate"),
    path("insurance/statement/", insurance.statement, name="insurance_statement"),
    path("insurance/claims/new/", insurance.claim_new, name="insurance_claim"),
    path("insurance/awards/", insurance.awards, name="insurance_awards"),
    path("insurance/imports/", insurance.imports, name="insurance_imports"),
    path("insurance/imports/<int:import_id>/", insurance.import_detail, name="insurance_import"),
    path("insurance/imports/<int:import_id>/retry/", insurance.import_retry, name="insurance_import_retry"),
]

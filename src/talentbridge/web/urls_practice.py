"""URL entries of the web face for practice (names live in the `web` namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path

from talentbridge.web.views import practice

urlpatterns: list[URLPattern] = [
    path("practice/pathways/", practice.pathways, name="pathways"),
    path("practice/pathways/<str:field>/<str:zone>/", practice.pathway, name="pathway"),
    path("practice/check/", practice.check, name="practice_check"),
    path("practice/apply/", practice.apply, name="practice_apply"),
    path("practice/registrations/", practice.registrations, name="practice_registrations"),
    path(
        "practice/registrations/<int:registration_id>/action/",
        practice.registration_action,
        name="practice_registration_action",
    ),
    path("practice/registrations/<int:registration_id>/renew/", practice.renew, name="practice_renew"),
    path(
        "practice/cases/<str:reference>/compensation/",
        practice.compensation_report,
        name="practice_compensation_report",
    ),
    path("practice/register/", practice.register, name="practice_register"),
    path("practice/alerts/", practice.alerts, name="practice_alerts"),
    path("practice/alerts/<int:alert_id>/withdraw/", practice.alert_withdraw, name="practice_alert_withdraw"),
]

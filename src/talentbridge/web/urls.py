"""URL map of the web face (names are relied on elsewhere: keep them stable)."""

from __future__ import annotations

from django.urls import path

from talentbridge.web import urls_credentials, urls_insurance, urls_mobility, urls_practice
from talentbridge.web.views import applicant, cases, home, inbox, insights, policy, public, review, tokens

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("accounts/login/", public.LoginView.as_view(), name="login"),
    path("accounts/logout/", public.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", public.signup, name="signup"),
    path("accounts/confirm/<str:uidb64>/<str:token>/", public.confirm_email, name="confirm_email"),
    path("accounts/password-reset/", public.password_reset, name="password_reset"),
    path("accounts/password-reset/sent/", public.password_reset_done, name="password_reset_done"),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        public.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/complete/",
        public.password_reset_complete,
        name="password_reset_complete",
    ),
    path("account/api-tokens/", tokens.api_tokens, name="api_tokens"),
    path("account/api-tokens/<int:token_id>/revoke/", tokens.api_token_revoke_view, name="api_token_revoke"),
    path("applications/", applicant.my_applications, name="my_applications"),
    path("applications/new/<str:kind>/", applicant.application_new, name="application_new"),
    path("cases/<str:reference>/", cases.case_detail, name="case_detail"),
    path("cases/<str:reference>/edit/", applicant.application_edit, name="application_edit"),
    path("cases/<str:reference>/decide/", cases.case_decide, name="case_decide"),
    path("cases/<str:reference>/action/", cases.case_applicant_action, name="case_action"),
    path("cases/<str:reference>/reply/", cases.case_reply, name="case_reply"),
    path("cases/<str:reference>/upload/", cases.case_upload, name="case_upload"),
    path("cases/<str:reference>/documents/remove/", cases.case_document_remove, name="case_document_remove"),
    path("cases/<str:reference>/verify/", cases.case_verify, name="case_verify"),
    path("review/", review.review_queue, name="review_queue"),
    path("verifications/", review.verifications, name="verifications"),
    path("notifications/", inbox.notifications, name="notifications"),
    path("notifications/read/", inbox.notification_read, name="notification_read"),
    path("documents/<uuid:document_id>/", inbox.document_download, name="document_download"),
    path("tasks/<uuid:task_id>/", inbox.task_progress, name="task_progress"),
    path("tasks/<uuid:task_id>/download/", insights.task_download, name="task_download"),
    path("insights/snapshot-export/", insights.snapshot_export, name="snapshot_export"),
    path("policy/what-if/", policy.whatif, name="whatif"),
    path("policy/what-if/parameter/", policy.whatif_parameter, name="whatif_parameter"),
    path("policy/what-if/runs/", policy.whatif_runs, name="whatif_runs"),
    path("policy/what-if/<int:run_id>/", policy.whatif_run, name="whatif_run"),
    path("policy/determinations/", policy.determinations, name="determinations"),
    path("policy/determinations/<int:determination_id>/", policy.determination, name="determination"),
]

# Each service area keeps its entries in a module of its own.
for _area in (urls_credentials, urls_insurance, urls_mobility, urls_practice):
    urlpatterns += _area.urlpatterns

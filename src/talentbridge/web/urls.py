"""URL map of the web face."""

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import path

app_name = "web"

urlpatterns = [
    path("", lambda request: HttpResponse("GBA Talent Bridge"), name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path(
        "accounts/confirm/<str:uidb64>/<str:token>/",
        lambda request, uidb64, token: HttpResponse(""),
        name="confirm_email",
    ),
]

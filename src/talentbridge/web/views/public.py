"""Public pages: sign in and out, sign up with e-mail confirmation, password reset, refused forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from talentbridge.accounts.services import AccountLinks, user_confirm_email, user_sign_up
from talentbridge.core.errors import InvalidInput
from talentbridge.web.errors import add_service_error, refused_status
from talentbridge.web.forms import LoginForm, SignupForm


class RefusedFormStatus:
    """Django's account views show a refused form again with 200: this site's pages answer `refused_status`."""

    def form_invalid(self, form: Any) -> HttpResponse:
        response: HttpResponse = super().form_invalid(form)  # type: ignore[misc]
        response.status_code = refused_status()
        return response


class LoginView(RefusedFormStatus, auth_views.LoginView):
    template_name = "web/accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django's default): a link cannot sign someone out."""


@require_http_methods(["GET", "HEAD", "POST"])
def account_links(request: HttpRequest) -> AccountLinks:
    """This site's addresses for the mails about an account (confirmation, sign-in, password reset)."""

    def confirm(uidb64: str, token: str) -> str:
        return request.build_absolute_uri(reverse("web:confirm_email", kwargs={"uidb64": uidb64, "token": token}))

    return AccountLinks(
        confirm=confirm,
        sign_in=request.build_absolute_uri(reverse("web:login")),
        password_reset=request.build_absolute_uri(reverse("web:password_reset")),
    )


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user_sign_up(
                email=data["email"],
                password=data["password"],
                full_name=data["full_name"],
                residence=data["residence"],
                language=get_language() or "en",
                links=account_links(request),
            )
        except InvalidInput as error:
            add_service_error(form, error)
        else:
            return render(request, "web/accounts/signup_done.html", {"email": data["email"]})
    status = 400 if form.errors else 200
    return render(request, "web/accounts/signup.html", {"form": form}, status=status)


def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user = user_confirm_email(uidb64=uidb64, token=token)
    except InvalidInput as error:
        return render(request, "web/accounts/confirm_failed.html", {"message": error.message}, status=400)
    return render(request, "web/accounts/confirmed.html", {"confirmed_user": user})


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form with the field named as the rest of the site names it ("E-mail address")."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class PasswordResetView(RefusedFormStatus, auth_views.PasswordResetView):
    form_class = PasswordResetForm


class PasswordResetConfirmView(RefusedFormStatus, auth_views.PasswordResetConfirmView):
    pass


password_reset = PasswordResetView.as_view(
    template_name="web/accounts/password_reset_form.html",
    email_template_name="web/email/password_reset.txt",
    subject_template_name="web/email/password_reset_subject.txt",
    success_url=reverse_lazy("web:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="web/accounts/password_reset_done.html")
password_reset_confirm = PasswordResetConfirmView.as_view(
    template_name="web/accounts/password_reset_confirm.html",
    success_url=reverse_lazy("web:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="web/accounts/password_reset_complete.html"
)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused by the CSRF check: the site's translated 403 page (CSRF_FAILURE_VIEW)."""
    return render(request, "403.html", {"csrf_failed": True}, status=403)

"""Accounts on the web: sign-up with e-mail confirmation, sign-in throttling, password reset, language."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from talentbridge.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "Chan Tai Man",
    "email": "chan@example.org",
    "residence": "HK",
    "password": "Harbour-lights-2046",
    "password_again": "Harbour-lights-2046",
}


def test_signup_email_confirm_and_sign_in(client, reference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("web:signup"), SIGNUP)

    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    assert User.objects.get(email="chan@example.org").is_active is False
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/confirm/\S+/)", mail.outbox[0].body).group(1)

    confirmed = client.get(link)

    assert confirmed.status_code == 200
    assert User.objects.get(email="chan@example.org").is_active is True
    signed_in = client.post(reverse("web:login"), {"username": "chan@example.org", "password": SIGNUP["password"]})
    assert signed_in.status_code == 302
    assert client.get(reverse("web:home")).context["user"].email == "chan@example.org"


def test_signup_errors_are_next_to_fields_and_nothing_is_created(client, reference, applicant):
    data = {**SIGNUP, "email": applicant.email, "password": "123", "password_again": "123"}

    response = client.post(reverse("web:signup"), data)

    html = response.content.decode()
    assert response.status_code == 400
    # the taken address is not confirmed to a stranger: only the password is wrong on the page
    assert 'id="id_email_error"' not in html and "already exists" not in html
    assert 'id="id_password_error"' in html
    assert User.objects.count() == 1
    assert mail.outbox == []


def test_bad_confirmation_link_is_refused(client, reference):
    response = client.get(reverse("web:confirm_email", args=["MTIzNDU", "bad-token"]))

    assert response.status_code == 400
    assert "This confirmation link is not valid." in response.content.decode()


def test_sign_in_locks_after_five_failures(client, applicant):
    for _ in range(5):
        failed = client.post(reverse("web:login"), {"username": applicant.email, "password": "wrong"})
        assert failed.status_code in (400, 429)

    locked = client.post(reverse("web:login"), {"username": applicant.email, "password": PASSWORD})

    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_password_shows_the_error(client, applicant):
    response = client.post(reverse("web:login"), {"username": applicant.email, "password": "wrong"})

    assert response.status_code == 400
    assert "The e-mail address or password is not correct" in response.content.decode()


def test_sign_out_is_post_only(client, applicant):
    client.force_login(applicant, backend="django.contrib.auth.backends.ModelBackend")

    assert client.get(reverse("web:logout")).status_code == 405
    assert client.post(reverse("web:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_working_link(client, applicant):
    client.post(reverse("web:password_reset"), {"email": applicant.email})

    assert len(mail.outbox) == 1
    path = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Lantau-peak-934", "new_password2": "Lantau-peak-934"}
    )
    assert done.status_code == 302
    applicant.refresh_from_db()
    assert applicant.check_password("Lantau-peak-934")


@pytest.mark.parametrize(
    "language,lang_attr,text",
    [("zh-hans", "zh-Hans-CN", "登录"), ("zh-hant", "zh-Hant-HK", "登入"), ("en", "en", "Sign in")],
)
def test_language_switch(client, reference, language, lang_attr, text):
    response = client.post(reverse("set_language"), {"language": language, "next": reverse("web:login")})

    assert response.status_code == 302
    page = client.get(reverse("web:login")).content.decode()
    assert f'<html lang="{lang_attr}">' in page
    assert text in page

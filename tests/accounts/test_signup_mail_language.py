"""The notice to a taken address is in the language of the sign-up, or the account's own chosen language."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from talentbridge.accounts.models import User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "Chan Tai Man",
    "residence": "HK",
    "password": "Harbour-lights-2046",
    "password_again": "Harbour-lights-2046",
}
NOTICE = {
    "en": ("Your GBA Talent Bridge account", "Sign in here:"),
    "zh-hans": ("您的湾区人才通账户", "在此登录："),
    "zh-hant": ("您的灣區人才通帳戶", "在此登入："),
}


def _sign_up(email: str, language: str, capture) -> None:
    with capture(execute=True):
        response = Client().post(reverse("web:signup"), {**SIGNUP, "email": email}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200


@pytest.mark.parametrize("language", list(NOTICE))
def test_the_notice_to_a_taken_address_is_in_the_language_of_the_sign_up(
    reference, applicant: User, language: str, django_capture_on_commit_callbacks
) -> None:
    assert applicant.preferred_language == "en"  # never chosen: every account starts so
    subject, sign_in = NOTICE[language]

    _sign_up(applicant.email, language, django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [[applicant.email]]
    assert mail.outbox[0].subject == subject
    assert sign_in in mail.outbox[0].body


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_accounts_chosen_language_wins(
    reference, applicant: User, language: str, django_capture_on_commit_callbacks
) -> None:
    applicant.preferred_language = "zh-hant"
    applicant.save(update_fields=["preferred_language"])

    _sign_up(applicant.email, language, django_capture_on_commit_callbacks)

    assert [m.subject for m in mail.outbox] == ["您的灣區人才通帳戶"]

"""No answer tells a stranger whether an account exists: sign-up, password reset, sign-in, links, API tokens."""

from __future__ import annotations

import re

import httpx
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from talentbridge.accounts.models import ApiToken, Role, User
from talentbridge.accounts.services import api_token_create, api_token_revoke
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "Chan Tai Man",
    "residence": "HK",
    "password": "Harbour-lights-2046",
    "password_again": "Harbour-lights-2046",
}
CSRF_TOKENS = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')


def _page(response, *emails: str) -> str:
    """The page with what legitimately differs (the address typed, the CSRF token) blanked out."""
    html = CSRF_TOKENS.sub("", response.content.decode())
    for email in emails:
        html = html.replace(email, "EMAIL")
    return html


def _sign_up(client: Client, email: str, capture, **overrides: str):
    with capture(execute=True):
        return client.post(reverse("web:signup"), {**SIGNUP, "email": email, **overrides})


def test_signing_up_with_a_registered_address_looks_the_same_and_mails_the_owner_instead(
    reference, applicant, django_capture_on_commit_callbacks
) -> None:
    password_before = applicant.password

    new = _sign_up(Client(), "new.person@example.org", django_capture_on_commit_callbacks)
    taken = _sign_up(Client(), applicant.email.upper(), django_capture_on_commit_callbacks, full_name="Intruder")

    assert (new.status_code, taken.status_code) == (200, 200)
    assert _page(new, "new.person@example.org") == _page(taken, applicant.email.upper())
    assert "already exists" not in taken.content.decode()
    assert User.objects.filter(email=applicant.email).count() == 1
    applicant.refresh_from_db()
    assert (applicant.password, applicant.full_name) == (password_before, applicant.full_name)
    assert [m.to for m in mail.outbox] == [["new.person@example.org"], [applicant.email]]
    notice = mail.outbox[1]
    assert notice.subject == "Your GBA Talent Bridge account"
    assert "You already have an account, so no new one was created." in notice.body
    assert "http://testserver/accounts/login/" in notice.body
    assert "http://testserver/accounts/password-reset/" in notice.body
    assert "/accounts/confirm/" not in notice.body


def test_the_notice_is_in_the_owners_language(reference, make_user, django_capture_on_commit_callbacks) -> None:
    owner = make_user(Role.APPLICANT, preferred_language="zh-hant")

    _sign_up(Client(), owner.email, django_capture_on_commit_callbacks)

    assert mail.outbox[0].subject == "您的灣區人才通帳戶"


def test_signing_up_again_before_confirming_resends_the_link_and_keeps_the_first_password(
    reference, django_capture_on_commit_callbacks
) -> None:
    _sign_up(Client(), "ada@example.org", django_capture_on_commit_callbacks)
    first = User.objects.get(email="ada@example.org")

    again = _sign_up(
        Client(),
        "ada@example.org",
        django_capture_on_commit_callbacks,
        password="Another-secret-77",
        password_again="Another-secret-77",
    )

    assert again.status_code == 200 and "Check your e-mail" in again.content.decode()
    assert User.objects.filter(email="ada@example.org").count() == 1
    second = User.objects.get(email="ada@example.org")
    assert second.password == first.password and not second.is_active  # nobody can pre-set the password
    assert len(mail.outbox) == 2
    link = re.search(r"http://testserver(/accounts/confirm/\S+/)", mail.outbox[1].body).group(1)
    assert Client().get(link).status_code == 200
    assert User.objects.get(email="ada@example.org").is_active


def test_field_errors_do_not_depend_on_whether_the_address_is_taken(reference, applicant) -> None:
    bad = {"password": "123", "password_again": "123"}

    taken = Client().post(reverse("web:signup"), {**SIGNUP, "email": applicant.email, **bad})
    free = Client().post(reverse("web:signup"), {**SIGNUP, "email": "free@example.org", **bad})

    assert (taken.status_code, free.status_code) == (400, 400)
    assert _page(taken, applicant.email) == _page(free, "free@example.org")
    assert 'id="id_email_error"' not in taken.content.decode()
    assert mail.outbox == [] and User.objects.count() == 1


def test_password_reset_answers_the_same_for_a_known_and_an_unknown_address(reference, applicant) -> None:
    known = Client().post(reverse("web:password_reset"), {"email": applicant.email}, follow=True)
    unknown = Client().post(reverse("web:password_reset"), {"email": "nobody@example.org"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain == [(reverse("web:password_reset_done"), 302)]
    assert _page(known) == _page(unknown)
    assert [m.to for m in mail.outbox] == [[applicant.email]]


def test_sign_in_errors_are_the_same_for_a_wrong_password_an_unknown_address_and_an_unconfirmed_account(
    reference, applicant, make_user
) -> None:
    unconfirmed = make_user(Role.APPLICANT, is_active=False)
    answers = {
        "wrong password": Client().post(reverse("web:login"), {"username": applicant.email, "password": "wrong"}),
        "unknown": Client().post(reverse("web:login"), {"username": "nobody@example.org", "password": PASSWORD}),
        "unconfirmed": Client().post(reverse("web:login"), {"username": unconfirmed.email, "password": PASSWORD}),
    }

    pages = {
        what: _page(response, applicant.email, "nobody@example.org", unconfirmed.email)
        for what, response in answers.items()
    }
    assert {response.status_code for response in answers.values()} == {400}
    assert len(set(pages.values())) == 1
    assert "The e-mail address or password is not correct" in pages["unknown"]


def test_a_confirmation_link_says_the_same_whether_or_not_the_account_exists(reference, applicant) -> None:
    existing = urlsafe_base64_encode(force_bytes(applicant.pk))
    missing = urlsafe_base64_encode(force_bytes(applicant.pk + 1000))

    for_existing = Client().get(reverse("web:confirm_email", args=[existing, "forged-token"]))
    for_missing = Client().get(reverse("web:confirm_email", args=[missing, "forged-token"]))

    assert (for_existing.status_code, for_missing.status_code) == (400, 400)
    assert _page(for_existing, existing) == _page(for_missing, missing)
    assert "Account confirmed" not in for_existing.content.decode()


@pytest.fixture
def api(live_server) -> httpx.Client:
    with httpx.Client(base_url=f"{live_server.url}/api/v1", timeout=20) as client:
        yield client


def test_every_unusable_api_token_gets_the_same_answer(api, applicant, make_user) -> None:
    _live, raw = api_token_create(user=applicant, name="live")
    revoked, revoked_raw = api_token_create(user=applicant, name="revoked")
    api_token_revoke(user=applicant, token_id=revoked.pk)
    inactive_user = make_user(Role.APPLICANT)
    _token, inactive_raw = api_token_create(user=inactive_user, name="of an inactive user")
    User.objects.filter(pk=inactive_user.pk).update(is_active=False)
    prefix = raw.split("_")[1]
    candidates = {
        "unknown prefix": "tb_00000000_" + raw.split("_", 2)[2],
        "wrong secret": f"tb_{prefix}_" + "A" * 43,
        "revoked": revoked_raw,
        "inactive user": inactive_raw,
    }

    answers = {what: api.get("/me", headers={"Authorization": f"Bearer {t}"}) for what, t in candidates.items()}

    assert {r.status_code for r in answers.values()} == {401}
    assert len({r.text for r in answers.values()}) == 1
    assert answers["revoked"].json()["message"] == "The API token is not valid."


def test_revoking_someone_elses_token_answers_as_for_a_token_that_does_not_exist(api, applicant, make_user) -> None:
    theirs, _raw = api_token_create(user=make_user(Role.ORGANISATION_STAFF), name="theirs")
    _mine, raw = api_token_create(user=applicant, name="mine")
    headers = {"Authorization": f"Bearer {raw}"}

    other = api.delete(f"/auth/tokens/{theirs.pk}", headers=headers)
    missing = api.delete(f"/auth/tokens/{theirs.pk + 1000}", headers=headers)

    assert (other.status_code, missing.status_code) == (404, 404)
    assert other.json() == missing.json()
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None


def test_sign_in_locks_out_an_unknown_address_exactly_as_a_known_one(reference, applicant) -> None:
    def five_failures_then_the_right_password(email: str):
        client = Client()
        for _ in range(5):
            client.post(reverse("web:login"), {"username": email, "password": "wrong"})
        return client.post(reverse("web:login"), {"username": email, "password": PASSWORD})

    known = five_failures_then_the_right_password(applicant.email)
    unknown = five_failures_then_the_right_password("nobody@example.org")

    assert (known.status_code, unknown.status_code) == (429, 429)
    assert _page(known, applicant.email) == _page(unknown, "nobody@example.org")

"""Applicant sign-up with e-mail confirmation, and API tokens for machine clients."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from talentbridge.accounts import services
from talentbridge.accounts.models import ApiToken, Role, User
from talentbridge.core.errors import InvalidInput, NotAuthenticated

LINKS = services.AccountLinks(
    confirm=lambda uidb64, token: f"http://testserver/accounts/confirm/{uidb64}/{token}/",
    sign_in="http://testserver/accounts/login/",
    password_reset="http://testserver/accounts/password-reset/",
)
GOOD = {"email": "Ada@Example.org", "password": "long-enough-pass-42", "full_name": "Ada Chan", "residence": "HK"}


def _sign_up(django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return services.user_sign_up(**{**GOOD, **overrides}, language="zh-hant", links=LINKS)


def test_sign_up_creates_an_inactive_applicant_and_mails_a_link_that_activates_it(
    reference, django_capture_on_commit_callbacks
):
    user = _sign_up(django_capture_on_commit_callbacks)
    assert (user.email, user.role, user.is_active, user.preferred_language) == (
        "ada@example.org",
        Role.APPLICANT,
        False,
        "zh-hant",
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ada@example.org"]
    uid, token = re.search(r"/accounts/confirm/([^/]+)/([^/]+)/", mail.outbox[0].body).groups()
    confirmed = services.user_confirm_email(uidb64=uid, token=token)
    assert confirmed.is_active and confirmed.email_confirmed_at is not None
    # a second click is harmless
    assert services.user_confirm_email(uidb64=uid, token=token).pk == user.pk


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"password": "short"}, "password"),
        ({"password": "ada@example.org"}, "password"),
        ({"residence": "XX"}, "residence"),
        ({"email": "not-an-email"}, "email"),
        ({"full_name": ""}, "full_name"),
    ],
)
def test_bad_sign_up_is_rejected_per_field_and_creates_nothing(
    reference, django_capture_on_commit_callbacks, overrides, field
):
    with pytest.raises(InvalidInput) as error:
        _sign_up(django_capture_on_commit_callbacks, **overrides)
    assert field in error.value.details
    assert not User.objects.exists() and mail.outbox == []


def test_a_duplicate_email_creates_nothing_and_tells_only_the_mailbox(reference, django_capture_on_commit_callbacks):
    first = _sign_up(django_capture_on_commit_callbacks)
    services.user_confirm_email(
        uidb64=re.search(r"/accounts/confirm/([^/]+)/", mail.outbox[0].body).group(1),
        token=re.search(r"/accounts/confirm/[^/]+/([^/]+)/", mail.outbox[0].body).group(1),
    )

    again = _sign_up(django_capture_on_commit_callbacks, email="ADA@example.org", full_name="Someone Else")

    assert again is None
    assert list(User.objects.values_list("pk", "full_name")) == [(first.pk, "Ada Chan")]
    assert [m.to for m in mail.outbox] == [["ada@example.org"], ["ada@example.org"]]
    assert "You already have an account" in mail.outbox[1].body or "您已有帳戶" in mail.outbox[1].body


def test_tampered_confirmation_link_is_rejected(reference, django_capture_on_commit_callbacks):
    user = _sign_up(django_capture_on_commit_callbacks)
    for uid, token in (("bad", "x"), ("MQ", "1-abc"), ("", "")):
        with pytest.raises(InvalidInput):
            services.user_confirm_email(uidb64=uid, token=token)
    user.refresh_from_db()
    assert not user.is_active


def test_token_authenticates_until_revoked_and_only_its_hash_is_stored(make_user):
    user = make_user(Role.REVIEWER, authority="GD-DOJ")
    token, raw = services.api_token_create(user=user, name="case system")
    assert raw.startswith(f"tb_{token.prefix}_") and raw.split("_", 2)[2] not in token.key_hash
    assert services.api_token_authenticate(raw) == user
    services.api_token_revoke(user=user, token_id=token.pk)
    with pytest.raises(NotAuthenticated):
        services.api_token_authenticate(raw)
    for bad in ("", "tb_", "tb_x_y", raw[:-1] + ("A" if raw[-1] != "A" else "B"), "Bearer " + raw):
        with pytest.raises(NotAuthenticated):
            services.api_token_authenticate(bad)
    assert ApiToken.objects.get().revoked_at is not None


def test_token_of_a_deactivated_user_stops_working(make_user):
    user = make_user(Role.ORGANISATION_STAFF)
    _token, raw = services.api_token_create(user=user, name="hr system")
    user.is_active = False
    user.save()
    with pytest.raises(NotAuthenticated):
        services.api_token_authenticate(raw)

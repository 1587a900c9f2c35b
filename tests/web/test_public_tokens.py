"""The API tokens page: list one's own tokens, create one (its secret shown once), revoke; never another's."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from talentbridge.accounts.models import ApiToken, Role
from talentbridge.accounts.services import api_token_authenticate, api_token_create
from talentbridge.core.errors import NotAuthenticated

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(make_user):
    return make_user(Role.ORGANISATION_STAFF)


def test_the_page_lists_only_ones_own_tokens_with_their_dates(signed_in, staff, make_user) -> None:
    mine, _raw = api_token_create(user=staff, name="HR system")
    api_token_create(user=make_user(Role.REVIEWER, authority="GD-DOJ"), name="Their tracker")

    response = signed_in(staff).get(reverse("web:api_tokens"))

    html = response.content.decode()
    assert response.status_code == 200
    assert re.findall(r'<tr data-token="(\d+)" data-status="(\w+)">', html) == [(str(mine.pk), "active")]
    assert "HR system" in html and "Their tracker" not in html
    assert "Never" in html  # not used yet
    assert response["Cache-Control"] == "private, no-store"


def test_creating_a_token_shows_its_secret_once_and_it_works(signed_in, staff) -> None:
    client = signed_in(staff)

    response = client.post(reverse("web:api_tokens"), {"name": "Payroll export"})

    html = response.content.decode()
    assert response.status_code == 200
    secret = re.search(r'id="token-secret" class="token-secret" type="text" readonly value="([^"]+)"', html).group(1)
    token = ApiToken.objects.get(user=staff)
    assert token.name == "Payroll export" and secret.startswith(f"tb_{token.prefix}_")
    assert api_token_authenticate(secret) == staff
    assert secret not in client.get(reverse("web:api_tokens")).content.decode()


def test_a_token_without_a_name_is_refused_next_to_the_field_and_nothing_is_created(signed_in, staff) -> None:
    response = signed_in(staff).post(reverse("web:api_tokens"), {"name": "   "}, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.status_code == 400
    assert 'id="id_name_error"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_ones_token_stops_it_working(signed_in, staff) -> None:
    token, raw = api_token_create(user=staff, name="Old system")

    response = signed_in(staff).post(reverse("web:api_token_revoke", args=[token.pk]), follow=True)

    html = response.content.decode()
    assert response.redirect_chain == [(reverse("web:api_tokens"), 302)]
    assert f'<tr data-token="{token.pk}" data-status="revoked">' in html
    assert "The token “Old system” is revoked" in html
    with pytest.raises(NotAuthenticated):
        api_token_authenticate(raw)


def test_another_users_token_cannot_be_revoked_and_stays_active(signed_in, staff, make_user) -> None:
    theirs, raw = api_token_create(user=make_user(Role.ORGANISATION_STAFF), name="Their system")

    response = signed_in(staff).post(reverse("web:api_token_revoke", args=[theirs.pk]))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert api_token_authenticate(raw) == theirs.user


@pytest.mark.parametrize("token_id", ["0", "99999", str(2**70)])
def test_an_unknown_token_id_is_not_found(signed_in, staff, token_id) -> None:
    response = signed_in(staff).post(f"/account/api-tokens/{token_id}/revoke/")

    assert response.status_code == 404


def test_revoking_needs_a_post_and_the_page_a_sign_in(client, signed_in, staff) -> None:
    token, _raw = api_token_create(user=staff, name="x")

    assert signed_in(staff).get(reverse("web:api_token_revoke", args=[token.pk])).status_code == 405
    assert client.get(reverse("web:api_tokens"))["Location"] == "/accounts/login/?next=/account/api-tokens/"
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize(
    ("role", "authority", "in_nav"),
    [
        (Role.ORGANISATION_STAFF, None, True),
        (Role.REVIEWER, "GD-DOJ", True),
        (Role.POLICY_OFFICER, None, True),
        (Role.ANALYST, None, True),
        (Role.ADMINISTRATOR, None, True),
        (Role.APPLICANT, None, False),
    ],
)
def test_the_page_is_in_the_navigation_of_the_roles_the_api_serves(signed_in, make_user, role, authority, in_nav):
    user = make_user(role, authority=authority)

    html = signed_in(user).get(reverse("web:notifications"), HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()

    nav = html[html.index('class="site-nav"') : html.index("</nav>")]
    assert ('href="/account/api-tokens/"' in nav) is in_nav
    if in_nav:
        assert "API 權杖" in nav

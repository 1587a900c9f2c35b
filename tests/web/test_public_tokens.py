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


def test_creating_a_token_redirects_and_the_next_page_shows_its_secret_once(signed_in, staff) -> None:
    client = signed_in(staff)

    response = client.post(reverse("web:api_tokens"), {"name": "Payroll export"})

    assert response.status_code == 302 and response["Location"] == reverse("web:api_tokens")
    page = client.get(reverse("web:api_tokens"))
    html = page.content.decode()
    secret = re.search(r'id="token-secret" class="token-secret" type="text" readonly value="([^"]+)"', html).group(1)
    token = ApiToken.objects.get(user=staff)
    assert token.name == "Payroll export" and secret.startswith(f"tb_{token.prefix}_")
    assert html.count(secret) == 1
    assert page["Cache-Control"] == "private, no-store"
    assert api_token_authenticate(secret) == staff
    again = client.get(reverse("web:api_tokens")).content.decode()
    assert secret not in again and 'id="token-secret"' not in again
    assert ApiToken.objects.filter(user=staff).count() == 1


def test_a_second_active_token_with_the_same_name_is_refused_and_nothing_is_created(signed_in, staff) -> None:
    client = signed_in(staff)
    client.post(reverse("web:api_tokens"), {"name": "Payroll export"})
    client.get(reverse("web:api_tokens"))  # the secret is shown and dropped

    response = client.post(reverse("web:api_tokens"), {"name": "payroll export "}, HTTP_ACCEPT_LANGUAGE="en")

    html = response.content.decode()
    assert response.status_code == 400
    assert "You already have an active token named “payroll export”" in html
    assert 'id="token-secret"' not in html
    assert list(ApiToken.objects.filter(user=staff).values_list("name", flat=True)) == ["Payroll export"]


def test_the_name_of_a_revoked_token_can_be_used_again(signed_in, staff) -> None:
    old, _raw = api_token_create(user=staff, name="HR system")
    client = signed_in(staff)
    client.post(reverse("web:api_token_revoke", args=[old.pk]))

    response = client.post(reverse("web:api_tokens"), {"name": "HR system"})

    assert response.status_code == 302
    assert ApiToken.objects.filter(user=staff, name="HR system", revoked_at__isnull=True).count() == 1


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


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh-hans", "您已有一个名为“HR system”的有效令牌"), ("zh-hant", "你已有一個名為「HR system」的有效權杖")],
)
def test_the_same_name_refusal_reads_in_the_pages_language(signed_in, staff, language, expected) -> None:
    api_token_create(user=staff, name="HR system", refuse_same_name=True)

    response = signed_in(staff).post(reverse("web:api_tokens"), {"name": "HR system"}, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 400
    assert expected in response.content.decode()
    assert ApiToken.objects.filter(user=staff).count() == 1

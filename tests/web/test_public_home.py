"""The public home page: each service card is a link to its service; the organisation home links them too."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from talentbridge.accounts.models import Role
from talentbridge.casework.workflow import registry
from talentbridge.web.views.home import SERVICE_PAGES

pytestmark = pytest.mark.django_db

EXPECTED = {
    "practice_registration": "/practice/check/",
    "talent_endorsement": "/mobility/check/",
    "benefit_claim": "/insurance/claims/new/",
}


def _cards(html: str) -> dict[str, str]:
    return dict(
        (kind, href)
        for href, kind in re.findall(r'<a class="card card--link" href="([^"]+)" data-kind="([^"]+)">', html)
    )


def test_every_kind_of_application_has_a_service_page() -> None:
    assert set(SERVICE_PAGES) == set(registry())


def test_each_service_card_on_the_public_home_is_a_link_to_its_service(client: Client, reference) -> None:
    html = client.get(reverse("web:home")).content.decode()

    assert _cards(html) == EXPECTED
    assert '<div class="card"><h3>' not in html


@pytest.mark.parametrize("kind", ["practice_registration", "talent_endorsement"])
def test_a_public_service_card_opens_its_page_for_a_visitor(client: Client, reference, kind) -> None:
    href = _cards(client.get(reverse("web:home")).content.decode())[kind]

    assert client.get(href).status_code == 200


def test_the_benefit_claim_card_asks_a_visitor_to_sign_in_first(client: Client, reference) -> None:
    html = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="zh-hant").content.decode()

    response = client.get(_cards(html)["benefit_claim"])
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/insurance/claims/new/"
    assert "社會保險待遇申領" in html


def test_the_organisation_home_links_the_public_services_and_the_api_tokens(signed_in, make_user) -> None:
    html = signed_in(make_user(Role.ORGANISATION_STAFF)).get(reverse("web:home")).content.decode()

    assert '<a href="/practice/check/">' in html and '<a href="/mobility/check/">' in html
    assert '<a href="/insurance/claims/new/">' not in html  # applicants only: staff would be refused
    assert f'href="{reverse("web:api_tokens")}"' in html

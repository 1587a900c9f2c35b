"""The public verification page and the printable certificate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.credentials import services
from talentbridge.credentials.models import Certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(reference: None, applicant: User) -> Certificate:
    return services.certificate_issue(
        issuer_code="GD-DOJ",
        subject={"user_id": str(applicant.pk), "name": "Chan Tai Man"},
        claims={"profession": "lawyer"},
        valid_from=dt.date(2025, 1, 1),
        valid_until=dt.date(2027, 12, 31),
    )


@pytest.fixture(autouse=True)
def _pinned_today() -> object:
    with clock.frozen_at(dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)):
        yield


def _verify_link(token: str) -> str:
    return reverse("web:certificate_verify") + "?" + urlencode({"c": token})


def test_qr_link_shows_a_valid_certificate_and_its_claims(client: Client, certificate: Certificate) -> None:
    response = client.get(_verify_link(certificate.jwt))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-status="valid"' in html
    assert "Valid certificate" in html and "有效" in html
    assert "Chan Tai Man" in html and "Department of Justice of Guangdong Province" in html
    assert response["Referrer-Policy"] == "no-referrer"


def test_pasted_token_is_verified(client: Client, certificate: Certificate) -> None:
    html = client.post(reverse("web:certificate_verify"), {"credential": certificate.jwt}).content.decode()
    assert 'data-status="valid"' in html


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ("revoke", "revoked", "已撤銷"),
        ("suspend", "suspended", "已暫停"),
        ("tamper", "forged", "偽造或損壞"),
    ],
)
def test_each_status_is_shown_in_three_languages(
    client: Client, certificate: Certificate, change: str, status: str, words: str
) -> None:
    token = certificate.jwt
    if change == "revoke":
        services.certificate_revoke(certificate_id=certificate.pk, actor=None, reason="Withdrawn")
    elif change == "suspend":
        services.certificate_suspend(certificate_id=certificate.pk, actor=None, reason="Inquiry")
    else:
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    html = client.get(_verify_link(token)).content.decode()
    assert f'data-status="{status}"' in html and words in html


def test_expired_certificate_is_shown_expired(client: Client, certificate: Certificate) -> None:
    with clock.frozen_at(dt.datetime(2028, 1, 2, tzinfo=dt.UTC)):
        html = client.get(_verify_link(certificate.jwt)).content.decode()
    assert 'data-status="expired"' in html


def test_page_without_a_token_offers_the_form(client: Client, reference: None) -> None:
    html = client.get(reverse("web:certificate_verify")).content.decode()
    assert 'name="credential"' in html and "data-status" not in html


def test_holder_sees_the_printable_certificate_with_a_qr_code(
    signed_in: Callable[[User], Client], applicant: User, certificate: Certificate
) -> None:
    response = signed_in(applicant).get(reverse("web:certificate_print", args=[certificate.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "?c=" in html and certificate.jwt in html
    download = signed_in(applicant).get(reverse("web:certificate_download", args=[certificate.pk]))
    assert download.content.decode() == certificate.jwt
    assert download["Content-Disposition"] == f'attachment; filename="certificate-{certificate.pk}.jwt"'


def test_issuing_authority_sees_it_others_do_not(
    signed_in: Callable[[User], Client], make_user: Callable[..., User], certificate: Certificate
) -> None:
    url = reverse("web:certificate_print", args=[certificate.pk])
    assert signed_in(make_user(Role.REVIEWER, authority="GD-DOJ")).get(url).status_code == 200
    assert signed_in(make_user(Role.REVIEWER, authority="HK-ERB")).get(url).status_code == 404
    assert signed_in(make_user(Role.APPLICANT)).get(url).status_code == 404
    download = reverse("web:certificate_download", args=[certificate.pk])
    assert signed_in(make_user(Role.APPLICANT)).get(download).status_code == 404


def test_anonymous_is_sent_to_sign_in(client: Client, certificate: Certificate) -> None:
    response = client.get(reverse("web:certificate_print", args=[certificate.pk]))
    assert response.status_code == 302 and reverse("web:login") in response["Location"]

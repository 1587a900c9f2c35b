"""The public verification page and the printable certificate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.models import RateLimitCounter
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
    assert "<h2>Valid certificate</h2>" in html and "有效" not in html  # the page's language only
    assert "Chan Tai Man" in html and "Department of Justice of Guangdong Province" in html
    # Validity reads as days, not as signed ISO timestamps.
    assert "<dt>Valid from</dt><dd>1 Jan 2025</dd>" in html and "<dt>Valid until</dt><dd>31 Dec 2027</dd>" in html
    assert "T00:00:00" not in html and "<dt>Occupation</dt>" in html
    assert response["Referrer-Policy"] == "same-origin"


def test_pasted_token_is_verified(client: Client, certificate: Certificate) -> None:
    html = client.post(reverse("web:certificate_verify"), {"credential": certificate.jwt}).content.decode()
    assert 'data-status="valid"' in html


# Each status's words in English, Simplified and Traditional Chinese (the offline verifier's STATUS_WORDS).
STATUS_IN_EACH_LANGUAGE = {
    "revoked": ("Revoked", "已撤销", "已撤銷"),
    "suspended": ("Suspended", "已暂停", "已暫停"),
    "forged": ("Forged", "伪造或损坏", "偽造或損壞"),
}


@pytest.mark.parametrize("language", ["en", "zh-hans", "zh-hant"])
@pytest.mark.parametrize(("change", "status"), [("revoke", "revoked"), ("suspend", "suspended"), ("tamper", "forged")])
def test_each_status_is_shown_in_the_page_language_only(
    client: Client, certificate: Certificate, change: str, status: str, language: str
) -> None:
    token = certificate.jwt
    if change == "revoke":
        services.certificate_revoke(certificate_id=certificate.pk, actor=None, reason="Withdrawn")
    elif change == "suspend":
        services.certificate_suspend(certificate_id=certificate.pk, actor=None, reason="Inquiry")
    else:
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    html = client.get(_verify_link(token), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert f'data-status="{status}"' in main
    shown = dict(zip(("en", "zh-hans", "zh-hant"), STATUS_IN_EACH_LANGUAGE[status], strict=True))
    assert shown[language] in main
    assert [words for other, words in shown.items() if other != language and words in main] == []


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


@pytest.fixture
def newer(certificate: Certificate, applicant: User) -> Certificate:
    """A newer certificate that replaced `certificate` (as a renewal does)."""
    replacement = services.certificate_issue(
        issuer_code="GD-DOJ",
        subject={"user_id": str(applicant.pk), "name": "Chan Tai Man"},
        claims={"profession": "lawyer"},
        valid_from=dt.date(2025, 6, 1),
        valid_until=dt.date(2030, 5, 31),
    )
    services.certificate_supersede(
        certificate_id=certificate.pk, by_certificate_id=replacement.pk, actor=None, reason="Replaced by PR-2."
    )
    return replacement


@pytest.mark.parametrize(
    ("language", "headline"),
    [("en", "Replaced by a newer certificate"), ("zh-hans", "已由较新的证书取代"), ("zh-hant", "已由較新的證書取代")],
)
def test_a_replaced_certificate_says_so_and_never_valid(
    client: Client, certificate: Certificate, newer: Certificate, language: str, headline: str
) -> None:
    html = client.get(_verify_link(certificate.jwt), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'data-status="superseded"' in html
    assert f"<h2>{headline}</h2>" in html
    # the status once, in the page's language: neither repeated nor stacked in the other two
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    for words in ("Replaced by a newer certificate", "已由较新的证书取代", "已由較新的證書取代"):
        assert main.count(words) == (1 if words == headline else 0)
    assert "<h2>Valid certificate</h2>" not in html
    # A stranger learns it was replaced, not which certificate replaced it.
    assert "data-replacement" not in html and str(newer.pk) not in html


def test_the_holder_is_shown_the_newer_certificate(
    signed_in: Callable[[User], Client], applicant: User, certificate: Certificate, newer: Certificate
) -> None:
    page = signed_in(applicant).post(reverse("web:certificate_verify"), {"credential": certificate.jwt})
    link = reverse("web:certificate_print", args=[newer.pk])
    assert f'<a href="{link}" data-replacement="{newer.pk}">See the newer certificate</a>' in page.content.decode()
    printed = signed_in(applicant).get(reverse("web:certificate_print", args=[certificate.pk])).content.decode()
    assert 'data-status="superseded"' in printed and f'data-replacement="{newer.pk}"' in printed


def test_verification_on_the_web_is_rate_limited_in_the_api_budget(
    client: Client, certificate: Certificate, settings: Any
) -> None:
    settings.RULES_API_RATE = "3/hour"
    url = reverse("web:certificate_verify")

    forms = [client.get(url).status_code for _ in range(5)]  # the bare form verifies nothing and costs nothing
    allowed = [client.get(_verify_link(certificate.jwt)).status_code, client.post(url, {"credential": certificate.jwt})]
    third = client.post(url, {"credential": certificate.jwt})
    refused = client.post(url, {"credential": certificate.jwt}, HTTP_ACCEPT_LANGUAGE="zh-hant")
    by_link = client.get(_verify_link(certificate.jwt))

    assert forms == [200] * 5
    assert [allowed[0], allowed[1].status_code, third.status_code] == [200, 200, 200]
    assert (refused.status_code, by_link.status_code) == (429, 429)
    assert refused["Retry-After"] == "3600" and "請求過多" in refused.content.decode()
    assert "data-status" not in refused.content.decode() + by_link.content.decode()
    assert dict(RateLimitCounter.objects.values_list("key", "hits")) == {"credential_verify:127.0.0.1": 5}


def test_a_certificate_too_long_for_a_qr_code_still_prints_with_a_way_to_verify_it(
    signed_in: Callable[[User], Client], applicant: User, reference: None
) -> None:
    long_one = services.certificate_issue(
        issuer_code="GD-DOJ",
        subject={"user_id": str(applicant.pk), "name": "Chan Tai Man"},
        claims={"profession": "lawyer", "scope": "Advice on civil and commercial matters. " * 80},
        valid_from=dt.date(2025, 1, 1),
        valid_until=dt.date(2027, 12, 31),
    )
    response = signed_in(applicant).get(reverse("web:certificate_print", args=[long_one.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'certificate-qr"' not in html and "Scan to verify this certificate" not in html
    assert "too long for a QR code" in html
    assert reverse("web:certificate_download", args=[long_one.pk]) in html

"""Credentials over HTTP: public verification, status and trust lists, certificate access by role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.models import RateLimitCounter
from talentbridge.credentials import services
from talentbridge.credentials.models import Certificate
from talentbridge.credentials.verify_core import bit_is_set, bitstring_decode, verify_jws
from tests.api.conftest import assert_error

pytestmark = pytest.mark.django_db(transaction=True)
ON = "2025-06-01"


@pytest.fixture
def certificate(reference: None, applicant: User) -> Certificate:
    return services.certificate_issue(
        issuer_code="GD-DOJ",
        subject={"user_id": str(applicant.pk), "name": "Chan Tai Man"},
        claims={"profession": "lawyer"},
        valid_from=dt.date(2025, 1, 1),
        valid_until=dt.date(2027, 12, 31),
    )


def test_verify_is_public_and_answers_status_and_claims(anonymous: httpx.Client, certificate: Certificate) -> None:
    response = anonymous.post("/credentials/verify", json={"credential": certificate.jwt, "on": ON})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["valid"]) == ("valid", True)
    assert body["claims"]["credentialSubject"] == {"name": "Chan Tai Man", "profession": "lawyer"}
    assert body["status_checked"] == ["revocation", "suspension"]


def test_verify_takes_the_qr_link(anonymous: httpx.Client, certificate: Certificate) -> None:
    link = f"https://talentbridge.example/verify/?c={certificate.jwt}"
    assert anonymous.post("/credentials/verify", json={"url": link, "on": ON}).json()["status"] == "valid"


@pytest.mark.parametrize(
    ("change", "status"),
    [("revoke", "revoked"), ("suspend", "suspended"), ("expire", "expired"), ("tamper", "forged")],
)
def test_verify_reports_each_status(
    anonymous: httpx.Client, certificate: Certificate, change: str, status: str
) -> None:
    token, on = certificate.jwt, ON
    if change == "revoke":
        services.certificate_revoke(certificate_id=certificate.pk, actor=None, reason="Withdrawn")
    elif change == "suspend":
        services.certificate_suspend(certificate_id=certificate.pk, actor=None, reason="Inquiry")
    elif change == "expire":
        on = "2028-01-01"
    else:
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    body = anonymous.post("/credentials/verify", json={"credential": token, "on": on}).json()
    assert (body["status"], body["valid"]) == (status, False)


def test_verify_without_a_credential_is_invalid_input(anonymous: httpx.Client, reference: None) -> None:
    assert_error(anonymous.post("/credentials/verify", json={}), 422, "invalid_input")
    assert_error(anonymous.post("/credentials/verify", json={"url": "https://x.example/verify/"}), 422, "invalid_input")


def test_status_list_is_a_signed_bitstring_status_list(anonymous: httpx.Client, certificate: Certificate) -> None:
    services.certificate_revoke(certificate_id=certificate.pk, actor=None, reason="Withdrawn")
    trust = anonymous.get("/credentials/trust-list").json()
    response = anonymous.get("/credentials/status/GD-DOJ/revocation")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/vc+jwt"
    _header, document, issuer = verify_jws(response.text, trust)
    assert issuer == "did:web:talentbridge.example:issuers:GD-DOJ"
    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    subject = document["credentialSubject"]
    assert (subject["type"], subject["statusPurpose"]) == ("BitstringStatusList", "revocation")
    assert bit_is_set(bitstring_decode(subject["encodedList"]), certificate.status_index)
    as_json = anonymous.get("/credentials/status/GD-DOJ/suspension", headers={"Accept": "application/json"})
    assert set(as_json.json()) == {"credential"}


@pytest.mark.parametrize("path", ["/credentials/status/XX-NONE/revocation", "/credentials/status/GD-DOJ/other"])
def test_unknown_status_list_is_not_found(anonymous: httpx.Client, reference: None, path: str) -> None:
    assert_error(anonymous.get(path), 404, "not_found")


def test_trust_list_lists_issuers_per_jurisdiction(anonymous: httpx.Client, certificate: Certificate) -> None:
    services.issuer_key_rotate(authority_code="GD-DOJ")
    body = anonymous.get("/credentials/trust-list").json()
    issuer = "did:web:talentbridge.example:issuers:GD-DOJ"
    assert body["jurisdictions"] == {"GD": [issuer]}
    assert [k["status"] for k in body["issuers"][issuer]["keys"]] == ["retired", "active"]
    assert all("d" not in k for k in body["issuers"][issuer]["keys"])


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("holder", 200),
        ("issuer_reviewer", 200),
        ("administrator", 200),
        ("other_applicant", 404),
        ("other_authority_reviewer", 404),
        ("policy_officer", 404),
    ],
)
def test_certificate_jwt_for_holder_and_issuer_only(
    client_for: Callable[..., httpx.Client],
    make_user: Callable[..., User],
    applicant: User,
    certificate: Certificate,
    who: str,
    status: int,
) -> None:
    users: dict[str, Any] = {
        "holder": applicant,
        "issuer_reviewer": make_user(Role.REVIEWER, authority="GD-DOJ"),
        "administrator": make_user(Role.ADMINISTRATOR),
        "other_applicant": make_user(Role.APPLICANT),
        "other_authority_reviewer": make_user(Role.REVIEWER, authority="HK-ERB"),
        "policy_officer": make_user(Role.POLICY_OFFICER),
    }
    response = client_for(users[who]).get(f"/credentials/{certificate.pk}")
    if status == 200:
        assert response.status_code == 200, response.text
        assert response.json()["credential"] == certificate.jwt
    else:
        assert_error(response, 404, "not_found")


def test_certificate_jwt_needs_authentication(anonymous: httpx.Client, certificate: Certificate) -> None:
    assert_error(anonymous.get(f"/credentials/{certificate.pk}"), 401, "not_authenticated")


@pytest.fixture
def replaced(certificate: Certificate, applicant: User) -> Certificate:
    """`certificate` replaced by a newer one (as a renewal does); the newer one is returned."""
    newer = services.certificate_issue(
        issuer_code="GD-DOJ",
        subject={"user_id": str(applicant.pk), "name": "Chan Tai Man"},
        claims={"profession": "lawyer"},
        valid_from=dt.date(2025, 1, 1),
        valid_until=dt.date(2030, 12, 31),
    )
    services.certificate_supersede(
        certificate_id=certificate.pk, by_certificate_id=newer.pk, actor=None, reason="Replaced by registration PR-2."
    )
    return newer


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Replaced by a newer certificate"), ("zh-hans", "已由较新的证书取代"), ("zh-hant", "已由較新的證書取代")],
)
def test_verify_says_a_replaced_certificate_was_replaced_in_the_request_language(
    anonymous: httpx.Client, certificate: Certificate, replaced: Certificate, language: str, label: str
) -> None:
    response = anonymous.post(
        "/credentials/verify", json={"credential": certificate.jwt, "on": ON}, headers={"Accept-Language": language}
    )
    body = response.json()
    assert response.status_code == 200, response.text
    assert (body["status"], body["valid"], body["status_label"]) == ("superseded", False, label)


def test_verify_labels_every_status_in_plain_words(anonymous: httpx.Client, certificate: Certificate) -> None:
    body = anonymous.post("/credentials/verify", json={"credential": certificate.jwt, "on": ON}).json()
    assert body["status_label"] == "Valid certificate"


@pytest.mark.parametrize(
    ("change", "on", "standing", "label"),
    [
        (None, "2025-06-01", "in_force", "In force"),
        (None, "2024-12-01", "not_yet_in_force", "Not yet in force"),
        (None, "2028-01-01", "expired", "Expired"),
        ("suspend", "2025-06-01", "suspended", "Suspended"),
        ("revoke", "2025-06-01", "revoked", "Revoked"),
    ],
)
def test_certificate_detail_says_whether_it_is_in_force_on_the_day(
    client_for: Callable[..., httpx.Client],
    applicant: User,
    certificate: Certificate,
    change: str | None,
    on: str,
    standing: str,
    label: str,
) -> None:
    if change == "suspend":
        services.certificate_suspend(certificate_id=certificate.pk, actor=None, reason="Inquiry")
    elif change == "revoke":
        services.certificate_revoke(certificate_id=certificate.pk, actor=None, reason="Withdrawn")
    with clock.frozen_at(dt.datetime.fromisoformat(on).replace(hour=12, tzinfo=dt.UTC)):
        body = client_for(applicant).get(f"/credentials/{certificate.pk}").json()
    assert (body["standing"], body["standing_label"], body["in_force"]) == (standing, label, standing == "in_force")
    assert body["replaced_by"] is None


def test_certificate_detail_of_a_replaced_certificate_names_the_newer_one_to_who_may_see_it(
    client_for: Callable[..., httpx.Client],
    make_user: Callable[..., User],
    applicant: User,
    certificate: Certificate,
    replaced: Certificate,
) -> None:
    body = client_for(applicant, language="zh-hant").get(f"/credentials/{certificate.pk}").json()
    assert (body["standing"], body["standing_label"], body["in_force"], body["revoked"]) == (
        "superseded",
        "已由較新的證書取代",
        False,
        True,
    )
    assert body["replaced_by"] == str(replaced.pk)
    reviewer = client_for(make_user(Role.REVIEWER, authority="GD-DOJ")).get(f"/credentials/{certificate.pk}")
    assert reviewer.json()["replaced_by"] == str(replaced.pk)


def test_public_verify_is_rate_limited_per_client(
    anonymous: httpx.Client, certificate: Certificate, settings: Any
) -> None:
    settings.RULES_API_RATE = "3/hour"

    statuses = [
        anonymous.post("/credentials/verify", json={"credential": certificate.jwt, "on": ON}).status_code
        for _ in range(5)
    ]

    assert statuses == [200, 200, 200, 429, 429]
    error = assert_error(
        anonymous.post("/credentials/verify", json={"credential": certificate.jwt}), 429, "rate_limited"
    )
    assert 3590 <= error["details"]["retry_after"] <= 3600
    assert dict(RateLimitCounter.objects.values_list("key", "hits")) == {"credential_verify:127.0.0.1": 6}
    # Other operations keep their own budget.
    assert anonymous.get("/credentials/trust-list").status_code == 200

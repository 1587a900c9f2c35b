"""Credentials over HTTP: public verification, status and trust lists, certificate access by role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from talentbridge.accounts.models import Role, User
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

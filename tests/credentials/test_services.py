"""Issuing, status changes, key rotation and verification through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from joserfc import jws
from joserfc.jwk import OKPKey

from talentbridge.accounts.models import Role, User
from talentbridge.core.errors import Forbidden, IllegalTransition, ReasonRequired
from talentbridge.credentials import documents, keys, selectors, services
from talentbridge.credentials.models import Certificate, CertificateEvent, IssuerKey
from talentbridge.reference.models import Authority
from tests.credentials.conftest import ON

pytestmark = pytest.mark.django_db


def test_issue_signs_a_vc_with_the_authoritys_active_key(issue: Callable[..., Certificate], applicant: User) -> None:
    certificate = issue()
    header = jws.extract_compact(certificate.jwt.encode()).headers()
    key = IssuerKey.objects.get(authority__code="GD-DOJ", active=True)
    assert header == {"alg": "EdDSA", "typ": "vc+jwt", "cty": "vc", "kid": key.kid}
    assert certificate.kid == key.kid and key.kid.startswith("did:web:talentbridge.example:issuers:GD-DOJ#")
    assert certificate.holder == applicant
    claims = services.certificate_verify(certificate.jwt, on=ON).claims
    assert claims is not None
    assert claims["type"] == ["VerifiableCredential", "ProfessionalPracticeRegistration"]
    assert claims["issuer"]["id"] == "did:web:talentbridge.example:issuers:GD-DOJ"
    assert claims["validFrom"] == "2025-01-01T00:00:00+08:00"
    assert claims["validUntil"] == "2027-12-31T23:59:59+08:00"
    assert claims["credentialSubject"] == {
        "name": "Chan Tai Man",
        "licence_number": "HK-LS-001",
        "profession": "lawyer",
        "jurisdiction": "GD",
    }
    assert [s["statusPurpose"] for s in claims["credentialStatus"]] == ["revocation", "suspension"]
    assert claims["credentialStatus"][0]["statusListIndex"] == str(certificate.status_index)


def test_the_private_key_is_sealed_at_rest(issue: Callable[..., Certificate]) -> None:
    issue()
    key = IssuerKey.objects.get(authority__code="GD-DOJ")
    assert '"d"' not in key.private_key_encrypted and "d" not in key.public_jwk
    assert keys.unseal(key.private_key_encrypted)["x"] == key.public_jwk["x"]


def test_claims_may_name_the_credential_type(issue: Callable[..., Certificate]) -> None:
    certificate = issue(claims={"type": "TalentEndorsement", "category": "A"})
    assert certificate.credential_type == "TalentEndorsement"
    claims = services.certificate_verify(certificate.jwt, on=ON).claims
    assert claims is not None and claims["type"][1] == "TalentEndorsement"
    assert claims["credentialSubject"]["category"] == "A"


@pytest.mark.parametrize(
    ("on", "status"),
    [
        (dt.date(2024, 12, 31), "not_yet_valid"),
        (dt.date(2025, 1, 1), "valid"),
        (dt.date(2027, 12, 31), "valid"),
        (dt.date(2028, 1, 1), "expired"),
    ],
)
def test_validity_dates_are_inclusive(issue: Callable[..., Certificate], on: dt.date, status: str) -> None:
    assert services.certificate_verify(issue().jwt, on=on).status == status


def test_open_ended_certificate_never_expires(issue: Callable[..., Certificate]) -> None:
    assert services.certificate_verify(issue(valid_until=None).jwt, on=dt.date(2099, 1, 1)).status == "valid"


def test_revoke_suspend_reinstate_through_the_status_list(
    issue: Callable[..., Certificate], make_user: Callable[..., User]
) -> None:
    reviewer = make_user(Role.REVIEWER, authority="GD-DOJ")
    certificate, other = issue(), issue()
    services.certificate_suspend(certificate_id=certificate.pk, actor=reviewer, reason="Under investigation")
    assert services.certificate_verify(certificate.jwt, on=ON).status == "suspended"
    assert services.certificate_verify(other.jwt, on=ON).status == "valid"
    services.certificate_reinstate(certificate_id=certificate.pk, actor=reviewer, reason="Cleared")
    assert services.certificate_verify(certificate.jwt, on=ON).status == "valid"
    services.certificate_revoke(certificate_id=certificate.pk, actor=reviewer, reason="Licence withdrawn")
    assert services.certificate_verify(certificate.jwt, on=ON).status == "revoked"
    certificate.refresh_from_db()
    assert (certificate.revoked_by, certificate.revocation_reason) == (reviewer, "Licence withdrawn")
    events = list(CertificateEvent.objects.filter(certificate=certificate).values_list("action", "actor", "reason"))
    assert events == [
        ("issued", None, ""),
        ("suspended", reviewer.pk, "Under investigation"),
        ("reinstated", reviewer.pk, "Cleared"),
        ("revoked", reviewer.pk, "Licence withdrawn"),
    ]


def test_revocation_is_final(issue: Callable[..., Certificate]) -> None:
    certificate = issue()
    services.certificate_revoke(certificate_id=certificate.pk, actor=None, reason="Error")
    for action in (services.certificate_suspend, services.certificate_reinstate, services.certificate_revoke):
        with pytest.raises(IllegalTransition):
            action(certificate_id=certificate.pk, actor=None, reason="again")
    assert services.certificate_verify(certificate.jwt, on=ON).status == "revoked"


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required_and_nothing_changes_without_one(issue: Callable[..., Certificate], reason: str) -> None:
    certificate = issue()
    with pytest.raises(ReasonRequired):
        services.certificate_revoke(certificate_id=certificate.pk, actor=None, reason=reason)
    certificate.refresh_from_db()
    assert certificate.revoked_at is None and certificate.events.count() == 1


def test_only_the_issuers_reviewers_change_status(
    issue: Callable[..., Certificate], make_user: Callable[..., User], applicant: User
) -> None:
    certificate = issue()
    for actor in (applicant, make_user(Role.REVIEWER, authority="GD-DHURD")):
        with pytest.raises(Forbidden):
            services.certificate_suspend(certificate_id=certificate.pk, actor=actor, reason="x")
    certificate.refresh_from_db()
    assert certificate.suspended_at is None and certificate.events.count() == 1


def test_rotation_keeps_old_certificates_valid_and_signs_new_ones_with_the_new_key(
    issue: Callable[..., Certificate],
) -> None:
    old = issue()
    new_key = services.issuer_key_rotate(authority_code="GD-DOJ")
    new = issue()
    assert new.kid == new_key.kid != old.kid
    assert IssuerKey.objects.get(kid=old.kid).retired_at is not None
    assert services.certificate_verify(old.jwt, on=ON).status == "valid"
    assert services.certificate_verify(new.jwt, on=ON).status == "valid"
    statuses = {k["kid"]: k["status"] for k in selectors.trust_list()["issuers"][documents.issuer_id("GD-DOJ")]["keys"]}
    assert statuses == {old.kid: "retired", new.kid: "active"}


def test_a_signature_by_a_wrong_key_is_forged(issue: Callable[..., Certificate]) -> None:
    certificate = issue()
    payload = jws.extract_compact(certificate.jwt.encode()).payload
    impostor = OKPKey.generate_key("Ed25519")
    header = {"alg": "EdDSA", "typ": "vc+jwt", "kid": certificate.kid}
    forged = jws.serialize_compact(header, payload, impostor, algorithms=["EdDSA"])
    assert services.certificate_verify(forged, on=ON).status == "forged"


def test_an_issuer_cannot_sign_for_another(issue: Callable[..., Certificate]) -> None:
    certificate = issue()
    other = keys.active_key_for(Authority.objects.get(code="HK-ERB"))
    payload = jws.extract_compact(certificate.jwt.encode()).payload
    token = jws.serialize_compact(
        {"alg": "EdDSA", "kid": other.kid}, payload, keys.signing_key(other), algorithms=["EdDSA"]
    )
    assert services.certificate_verify(token, on=ON).status == "forged"


def test_an_issuer_missing_from_the_trust_list_is_unknown(issue: Callable[..., Certificate]) -> None:
    certificate = issue()
    trust = selectors.trust_list()
    del trust["issuers"][documents.issuer_id("GD-DOJ")]
    assert services.certificate_verify(certificate.jwt, on=ON, trust_list=trust).status == "unknown_issuer"
    assert services.certificate_verify(certificate.jwt, on=ON, trust_list={"issuers": {}}).status == "unknown_issuer"

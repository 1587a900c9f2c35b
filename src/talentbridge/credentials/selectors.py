"""Reads on credentials: trust list, status lists, and who may see a certificate."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.credentials import documents, keys
from talentbridge.credentials.models import Certificate, IssuerKey, Standing
from talentbridge.credentials.verify_core import (
    MIN_LIST_BITS,
    STATUS_PURPOSES,
    Status,
    Verification,
    bitstring_encode,
)
from talentbridge.reference.models import Authority

TRUST_LIST_VERSION = 1


def trust_list() -> dict[str, Any]:
    """Every issuer that has a key, per jurisdiction, with its public JWKs (active and retired)."""
    issuers: dict[str, Any] = {}
    jurisdictions: dict[str, list[str]] = {}
    rows = IssuerKey.objects.select_related("authority__jurisdiction").order_by("authority__code", "created_at", "pk")
    for key in rows:
        authority = key.authority
        issuer = documents.issuer_id(authority.code)
        if issuer not in issuers:
            issuers[issuer] = {
                "authority_code": authority.code,
                "jurisdiction": authority.jurisdiction.code,
                "name": {"en": authority.name_en, "zh-hans": authority.name_zh_hans, "zh-hant": authority.name_zh_hant},
                "keys": [],
            }
            jurisdictions.setdefault(authority.jurisdiction.code, []).append(issuer)
        issuers[issuer]["keys"].append(
            {
                **key.public_jwk,
                "status": "active" if key.active else "retired",
                "created_at": documents.utc_stamp(key.created_at),
                "retired_at": documents.utc_stamp(key.retired_at) if key.retired_at else None,
            }
        )
    return {
        "version": TRUST_LIST_VERSION,
        "generated_at": documents.utc_stamp(clock.now()),
        "jurisdictions": jurisdictions,
        "issuers": issuers,
    }


def _flagged_indexes(authority: Authority, purpose: str) -> frozenset[int]:
    """Indexes flagged for `purpose`; `superseded` is the subset of revoked certificates replaced by a newer one."""
    certificates = Certificate.objects.filter(authority=authority)
    if purpose == "revocation":
        certificates = certificates.filter(revoked_at__isnull=False)
    elif purpose == "superseded":
        certificates = certificates.filter(revoked_at__isnull=False, superseded_by__isnull=False)
    else:
        certificates = certificates.filter(suspended_at__isnull=False, revoked_at__isnull=True)
    return frozenset(certificates.values_list("status_index", flat=True))


def status_list_document(authority: Authority, purpose: str) -> dict[str, Any]:
    """The unsigned BitstringStatusListCredential of an issuer for `purpose`, as of now."""
    largest = Certificate.objects.filter(authority=authority).order_by("-status_index").first()
    length = max(MIN_LIST_BITS, (largest.status_index + 1) if largest else 0)
    return documents.status_list_credential(
        authority=authority,
        purpose=purpose,
        encoded_list=bitstring_encode(_flagged_indexes(authority, purpose), length=length),
        issued_at=clock.now(),
        superseded_list=(
            bitstring_encode(_flagged_indexes(authority, "superseded"), length=length)
            if purpose == "revocation"
            else None
        ),
    )


def status_list_jwt(*, authority_code: str, purpose: str) -> str | None:
    """The issuer's status list for `purpose`, signed now with its active key; None if unknown."""
    authority = Authority.objects.filter(code=authority_code).first()
    if authority is None or purpose not in STATUS_PURPOSES:
        return None
    issuer_key = keys.active_key_for(authority)
    return documents.sign(
        status_list_document(authority, purpose), kid=issuer_key.kid, key=keys.signing_key(issuer_key)
    )


def all_status_lists() -> dict[str, str]:
    """`status list URL → signed JWT` for every issuer with a key (the export's snapshot)."""
    lists: dict[str, str] = {}
    codes = IssuerKey.objects.values_list("authority__code", flat=True).distinct()
    for code in sorted(set(codes)):
        for purpose in STATUS_PURPOSES:
            token = status_list_jwt(authority_code=code, purpose=purpose)
            if token is not None:
                lists[documents.status_list_url(code, purpose)] = token
    return lists


def _unverified_issuer(token: str) -> str | None:
    try:
        payload = token.split(".")[1]
        document = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        issuer = document.get("issuer")
        return str(issuer.get("id") if isinstance(issuer, dict) else issuer)
    except (IndexError, ValueError, AttributeError, TypeError):
        return None


def status_lists_for_token(token: str) -> dict[str, Any]:
    """The platform's current status lists (unsigned: they come from our own database) for the token's issuer."""
    issuer = _unverified_issuer(token) if isinstance(token, str) else None
    prefix = documents.issuer_id("")
    if not issuer or not issuer.startswith(prefix):
        return {}
    authority = Authority.objects.filter(code=issuer[len(prefix) :]).first()
    if authority is None:
        return {}
    return {documents.status_list_url(authority.code, p): status_list_document(authority, p) for p in STATUS_PURPOSES}


def certificate_visible_to(certificate_id: uuid.UUID | str, user: User) -> Certificate | None:
    """The certificate if `user` holds it or reviews for its issuing authority (or administers)."""
    certificate = Certificate.objects.select_related("authority").filter(pk=certificate_id).first()
    if certificate is None or not user.is_authenticated:
        return None
    if certificate.holder_id == user.pk or user.role == Role.ADMINISTRATOR:
        return certificate
    if user.role == Role.REVIEWER and user.authority_id == certificate.authority_id:
        return certificate
    return None


@dataclass(frozen=True)
class CertificateValidity:
    """What a page or an API answer says about a certificate on a day (`Certificate.standing`)."""

    certificate: Certificate
    standing: Standing

    @property
    def in_force(self) -> bool:
        return self.standing == Standing.IN_FORCE

    @property
    def label(self) -> str:
        return str(self.standing.label)


def certificate_validity(certificate: Certificate, *, on: dt.date | None = None) -> CertificateValidity:
    return CertificateValidity(certificate=certificate, standing=certificate.standing(on or clock.today()))


# The verification status of a certificate's JWT that matches each standing (a test holds them together).
VERIFICATION_OF_STANDING: dict[Standing, str] = {
    Standing.IN_FORCE: Status.VALID,
    Standing.NOT_YET_IN_FORCE: Status.NOT_YET_VALID,
    Standing.EXPIRED: Status.EXPIRED,
    Standing.SUSPENDED: Status.SUSPENDED,
    Standing.REVOKED: Status.REVOKED,
    Standing.SUPERSEDED: Status.SUPERSEDED,
}


def replacement_visible_to(certificate: Certificate, user: User) -> Certificate | None:
    """The certificate that replaced `certificate`, if `user` may see it."""
    if certificate.superseded_by_id is None:
        return None
    return certificate_visible_to(certificate.superseded_by_id, user)


def verified_certificate(result: Verification) -> Certificate | None:
    """The platform's record of a verified certificate (by its signed `id`), once the signature is good."""
    if result.status in (Status.FORGED, Status.UNKNOWN_ISSUER) or not result.claims:
        return None
    credential_id = str(result.claims.get("id") or "")
    if not credential_id.startswith("urn:uuid:"):
        return None
    try:
        certificate_id = uuid.UUID(credential_id[len("urn:uuid:") :])
    except ValueError:
        return None
    return Certificate.objects.select_related("authority").filter(pk=certificate_id).first()

"""API router for credentials: public verification, status lists and trust list; certificates for their holders."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from talentbridge.accounts.models import User
from talentbridge.api.auth import AUTHENTICATED, current_user
from talentbridge.api.errors import error_responses
from talentbridge.api.routers.rules import ClientRateThrottle
from talentbridge.core.errors import InvalidInput, NotFound
from talentbridge.credentials import selectors, services
from talentbridge.credentials.labels import HEADLINES
from talentbridge.credentials.models import Certificate

router = Router(tags=["credentials"])


class CredentialVerifyThrottle(ClientRateThrottle):
    """Public verification runs a signature check and builds status lists: limited per client address."""

    scope = "credential_verify"


class VerifyIn(Schema):
    credential: str | None = Field(None, max_length=64_000, description="The certificate as a compact JWT.")
    url: str | None = Field(
        None, max_length=70_000, description="Or the verification link the QR code carries (`…/verify/?c=<jwt>`)."
    )
    on: dt.date | None = Field(None, description="Verify as of this date (default: today).")


class CredentialVerificationOut(Schema):
    status: Literal[
        "valid", "expired", "not_yet_valid", "revoked", "superseded", "suspended", "forged", "unknown_issuer"
    ] = Field(
        description="`superseded`: revoked because a newer certificate replaced it (e.g. a renewed registration).",
    )
    status_label: str = Field(description="The status in plain words, in the request's language.")
    valid: bool
    issuer: str | None
    kid: str | None
    detail: str
    status_checked: list[str]
    claims: dict[str, Any] | None


class CertificateOut(Schema):
    id: uuid.UUID
    issuer_code: str
    kid: str
    credential_type: str
    valid_from: dt.date
    valid_until: dt.date | None
    revoked: bool = Field(description="Revoked, or replaced by a newer certificate (which revokes it).")
    suspended: bool
    standing: Literal["in_force", "not_yet_in_force", "expired", "suspended", "revoked", "superseded"] = Field(
        description="Where the certificate stands today (its status and validity dates together)."
    )
    standing_label: str = Field(description="The standing in the request's language.")
    in_force: bool
    replaced_by: uuid.UUID | None = Field(
        description="The newer certificate that replaced this one, when the requester may see it."
    )
    credential: str


def _token_from(data: VerifyIn) -> str:
    if data.credential:
        return data.credential.strip()
    if data.url:
        values = parse_qs(urlsplit(data.url.strip()).query).get("c")
        if values:
            return values[0].strip()
    raise InvalidInput(details={"credential": [_("Send the certificate as a JWT or as its verification link.")]})


@router.post(
    "/credentials/verify",
    response={200: CredentialVerificationOut, **error_responses(400, 413, 422, 429)},
    auth=None,
    throttle=CredentialVerifyThrottle(),
    url_name="credential_verify",
)
def credential_verify(request: HttpRequest, data: VerifyIn) -> dict[str, Any]:
    """Verify a certificate (public): its signature, issuer, validity dates and revocation/suspension status.

    A certificate replaced by a newer one answers `superseded`; it is never `valid`.
    """
    result = services.certificate_verify(_token_from(data), on=data.on)
    return {**result.as_dict(), "status_label": str(HEADLINES[result.status])}


@router.get("/credentials/trust-list", response={200: dict[str, Any]}, auth=None, url_name="credential_trust_list")
def credential_trust_list(request: HttpRequest) -> dict[str, Any]:
    """Issuers per jurisdiction with their public keys (JWK), active and retired (public)."""
    return selectors.trust_list()


@router.get(
    "/credentials/status/{issuer_code}/{purpose}",
    response={200: dict[str, Any], **error_responses(404)},
    auth=None,
    url_name="credential_status_list",
)
def credential_status_list(request: HttpRequest, issuer_code: str, purpose: str) -> HttpResponse:
    """The issuer's Bitstring Status List credential for `revocation` or `suspension`, as a signed JWT (public).

    Answers `application/vc+jwt` by default; `Accept: application/json` gets `{"credential": "<jwt>"}`.
    """
    token = selectors.status_list_jwt(authority_code=issuer_code, purpose=purpose)
    if token is None:
        raise NotFound()
    if "application/json" in request.headers.get("Accept", ""):
        response: HttpResponse = JsonResponse({"credential": token})
    else:
        response = HttpResponse(token, content_type="application/vc+jwt")
    response["Cache-Control"] = "public, max-age=300"
    return response


@router.get(
    "/credentials/{certificate_id}",
    response={200: CertificateOut, **error_responses(401, 404)},
    auth=AUTHENTICATED,
    url_name="credential_detail",
)
def credential_detail(request: HttpRequest, certificate_id: uuid.UUID) -> dict[str, Any]:
    """A certificate's JWT, for its holder and the issuing authority's reviewers (others get 404)."""
    user = current_user(request)
    certificate = selectors.certificate_visible_to(certificate_id, user)
    if certificate is None:
        raise NotFound()
    return _certificate_out(certificate, user)


def _certificate_out(certificate: Certificate, user: User) -> dict[str, Any]:
    validity = selectors.certificate_validity(certificate)
    replacement = selectors.replacement_visible_to(certificate, user)
    return {
        "id": certificate.id,
        "issuer_code": certificate.authority.code,
        "kid": certificate.kid,
        "credential_type": certificate.credential_type,
        "valid_from": certificate.valid_from,
        "valid_until": certificate.valid_until,
        "revoked": certificate.is_revoked,
        "suspended": certificate.is_suspended,
        "standing": validity.standing.value,
        "standing_label": validity.label,
        "in_force": validity.in_force,
        "replaced_by": replacement.id if replacement else None,
        "credential": certificate.jwt,
    }

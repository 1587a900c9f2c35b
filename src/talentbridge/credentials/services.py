"""Writes on credentials: issue, revoke, suspend and reinstate certificates; rotate issuer keys; verify."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, IllegalTransition, InvalidInput, NotFound, ReasonRequired
from talentbridge.core.text import clean_text
from talentbridge.credentials import documents, keys, selectors
from talentbridge.credentials.documents import language_values
from talentbridge.credentials.models import Certificate, CertificateEvent, IssuerKey
from talentbridge.credentials.verify_core import MIN_LIST_BITS, Verification, verify_credential
from talentbridge.reference.models import Authority

__all__ = [
    "Verification",
    "certificate_issue",
    "certificate_reinstate",
    "certificate_revoke",
    "certificate_supersede",
    "certificate_suspend",
    "certificate_verify",
    "issuer_key_rotate",
    "language_values",
]

HOLDER_KEY = "user_id"  # the `subject` entry naming the holder's user id; kept out of the signed credential


def _authority(code: str) -> Authority:
    authority = Authority.objects.filter(code=code).first()
    if authority is None:
        raise InvalidInput(details={"issuer_code": [_("Unknown authority.")]})
    return authority


def _free_status_index(authority: Authority) -> int:
    """A random unused index: sequential indexes would tell verifiers the issuing order (spec §6.4)."""
    used = Certificate.objects.filter(authority=authority).count()
    capacity = MIN_LIST_BITS
    while used * 2 > capacity:
        capacity *= 2
    while True:
        index = secrets.randbelow(capacity)
        if not Certificate.objects.filter(authority=authority, status_index=index).exists():
            return index


def _user_id(raw: object) -> int | None:
    """A user id as an int, or None: an int or a string of ASCII digits (`²` and `٣` are digits to `isdigit`)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if raw > 0 else None
    text = str(raw).strip()
    if not text.isascii() or not text.isdecimal() or len(text) > 18:
        return None
    value = int(text)
    return value if value > 0 else None


def _holder(subject: dict[str, str]) -> User | None:
    raw = subject.get(HOLDER_KEY)
    if raw in (None, ""):
        return None
    holder = User.objects.filter(pk=user_id).first() if (user_id := _user_id(raw)) is not None else None
    if holder is None:
        raise InvalidInput(details={"subject": [_("The holder does not exist.")]})
    return holder


def certificate_issue(
    *,
    issuer_code: str,
    subject: dict[str, str],
    claims: dict[str, Any],
    valid_from: dt.date,
    valid_until: dt.date | None,
) -> Certificate:
    """Sign a W3C Verifiable Credential (JWT, EdDSA/Ed25519) with the issuing authority's active key.

    `subject` describes the holder (e.g. name, licence number; `user_id` names the platform user who
    holds it and is not put in the credential); `claims` say what is certified and go into
    `credentialSubject` too, except `type`, which overrides the credential type
    (default `ProfessionalPracticeRegistration`).
    """
    if valid_until is not None and valid_until < valid_from:
        raise InvalidInput(details={"valid_until": [_("The end of validity is before its start.")]})
    authority = _authority(issuer_code)
    holder = _holder(subject)
    claims = dict(claims)
    credential_type = str(claims.pop("type", None) or documents.DEFAULT_TYPE)
    public_subject: dict[str, Any] = {k: v for k, v in subject.items() if k != HOLDER_KEY}
    credential_subject = {**public_subject, **claims}
    for attempt in range(5):
        try:
            with transaction.atomic():
                issuer_key = keys.active_key_for(authority)  # locked: one issuance per issuer at a time
                certificate_id = uuid.uuid4()
                now = clock.now()
                index = _free_status_index(authority)
                document = documents.credential(
                    certificate_id=str(certificate_id),
                    authority=authority,
                    credential_type=credential_type,
                    subject=credential_subject,
                    valid_from=valid_from,
                    valid_until=valid_until,
                    status_index=index,
                    issued_at=now,
                )
                certificate = Certificate(
                    id=certificate_id,
                    authority=authority,
                    kid=issuer_key.kid,
                    jwt=documents.sign(document, kid=issuer_key.kid, key=keys.signing_key(issuer_key)),
                    credential_type=credential_type,
                    subject=public_subject,
                    holder=holder,
                    valid_from=valid_from,
                    valid_until=valid_until,
                    status_index=index,
                    created_at=now,
                )
                certificate.full_clean(validate_constraints=False)
                certificate.save(force_insert=True)
                CertificateEvent.objects.create(certificate=certificate, action="issued", actor=None, at=now)
                return certificate
        except IntegrityError:  # a concurrent issuance took the same index; draw again
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _reason(reason: str) -> str:
    text = clean_text(reason, field="reason", max_length=2000)
    if not text:
        raise ReasonRequired(details={"reason": [_("A reason is required.")]})
    return text


def _locked_for(certificate_id: uuid.UUID | str, actor: User | None) -> Certificate:
    """The certificate, locked; `actor` must be a reviewer of the issuing authority or an administrator.

    `actor=None` is the platform itself (e.g. a workflow effect that already checked its actor).
    """
    certificate = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
    if certificate is None:
        raise NotFound()
    if actor is not None and not (
        actor.role == Role.ADMINISTRATOR
        or (actor.role == Role.REVIEWER and actor.authority_id == certificate.authority_id)
    ):
        raise Forbidden()
    return certificate


def certificate_revoke(*, certificate_id: uuid.UUID | str, actor: User | None, reason: str) -> Certificate:
    """Revoke for good (a revoked certificate is never valid again, even if it was suspended)."""
    text = _reason(reason)
    with transaction.atomic():
        certificate = _locked_for(certificate_id, actor)
        if certificate.revoked_at is not None:
            raise IllegalTransition(_("This certificate is already revoked."))
        now = clock.now()
        certificate.revoked_at, certificate.revoked_by, certificate.revocation_reason = now, actor, text
        certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        CertificateEvent.objects.create(certificate=certificate, action="revoked", actor=actor, reason=text, at=now)
        return certificate


def certificate_supersede(
    *, certificate_id: uuid.UUID | str, by_certificate_id: uuid.UUID | str, actor: User | None, reason: str
) -> Certificate:
    """Record that a newer certificate replaces this one (e.g. its registration was renewed).

    The old certificate is revoked for good — the revocation status list flags it, so it fails
    verification offline too — and names its replacement, so verification says "replaced by a newer
    certificate". A certificate already revoked (for another reason) or already replaced is refused.
    """
    text = _reason(reason)
    with transaction.atomic():
        certificate = _locked_for(certificate_id, actor)
        newer = Certificate.objects.filter(pk=by_certificate_id).first()
        if newer is None or newer.pk == certificate.pk:
            raise InvalidInput(
                details={"by_certificate_id": [_("Choose the newer certificate that replaces this one.")]}
            )
        if newer.revoked_at is not None:
            raise IllegalTransition(_("A revoked certificate cannot replace another."))
        if certificate.revoked_at is not None:
            raise IllegalTransition(_("This certificate is already revoked."))
        now = clock.now()
        certificate.revoked_at, certificate.revoked_by, certificate.revocation_reason = now, actor, text
        certificate.superseded_by = newer
        certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason", "superseded_by"])
        CertificateEvent.objects.create(
            certificate=certificate, action=CertificateEvent.Action.SUPERSEDED, actor=actor, reason=text, at=now
        )
        return certificate


def certificate_suspend(*, certificate_id: uuid.UUID | str, actor: User | None, reason: str) -> Certificate:
    """Suspend until reinstated."""
    text = _reason(reason)
    with transaction.atomic():
        certificate = _locked_for(certificate_id, actor)
        if certificate.revoked_at is not None or certificate.suspended_at is not None:
            raise IllegalTransition(_("Only a certificate in force can be suspended."))
        now = clock.now()
        certificate.suspended_at, certificate.suspended_by, certificate.suspension_reason = now, actor, text
        certificate.save(update_fields=["suspended_at", "suspended_by", "suspension_reason"])
        CertificateEvent.objects.create(certificate=certificate, action="suspended", actor=actor, reason=text, at=now)
        return certificate


def certificate_reinstate(*, certificate_id: uuid.UUID | str, actor: User | None, reason: str) -> Certificate:
    """Lift a suspension (the suspension's who/when/why stay in the certificate's events)."""
    text = _reason(reason)
    with transaction.atomic():
        certificate = _locked_for(certificate_id, actor)
        if certificate.revoked_at is not None or certificate.suspended_at is None:
            raise IllegalTransition(_("Only a suspended certificate can be reinstated."))
        now = clock.now()
        certificate.suspended_at, certificate.suspended_by, certificate.suspension_reason = None, None, ""
        certificate.save(update_fields=["suspended_at", "suspended_by", "suspension_reason"])
        CertificateEvent.objects.create(certificate=certificate, action="reinstated", actor=actor, reason=text, at=now)
        return certificate


def issuer_key_rotate(*, authority_code: str) -> IssuerKey:
    """A new active key for the authority; the old one is retired but stays in the trust list."""
    return keys.rotate(_authority(authority_code))


def certificate_verify(
    token: str, *, on: dt.date | None = None, trust_list: dict[str, Any] | None = None
) -> Verification:
    """Verify a certificate JWT on `on` (default today) against a trust list (default: the platform's own).

    Status (revoked, suspended) comes from the platform's current status lists.
    """
    trust = trust_list if trust_list is not None else selectors.trust_list()
    return verify_credential(
        token.strip() if isinstance(token, str) else "",
        trust_list=trust,
        on=on or clock.today(),
        status_lists=selectors.status_lists_for_token(token),
    )

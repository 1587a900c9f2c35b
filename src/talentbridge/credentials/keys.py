"""Issuer keys: Ed25519 pairs per authority, private halves sealed with a key derived from SECRET_KEY."""

from __future__ import annotations

import base64
import datetime as dt
import json
import secrets
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import transaction
from joserfc.jwk import OKPKey

from talentbridge.core import clock
from talentbridge.credentials.documents import issuer_id
from talentbridge.credentials.models import IssuerKey
from talentbridge.reference.models import Authority

_HKDF_INFO = b"talentbridge/credentials/issuer-keys/v1"


def _fernet() -> Fernet:
    """Fernet (AES-128-CBC + HMAC-SHA256) keyed by HKDF-SHA256 over SECRET_KEY.

    Rotating SECRET_KEY therefore needs the keys re-sealed (decrypt with the old, encrypt with the new).
    """
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(
        settings.SECRET_KEY.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def seal(private_jwk: dict[str, Any]) -> str:
    return _fernet().encrypt(json.dumps(private_jwk).encode("utf-8")).decode("ascii")


def unseal(token: str) -> dict[str, Any]:
    try:
        return dict(json.loads(_fernet().decrypt(token.encode("ascii"))))
    except InvalidToken as exc:  # SECRET_KEY changed without re-sealing
        raise RuntimeError("issuer key cannot be decrypted with the current SECRET_KEY") from exc


def _new_kid(authority: Authority, now: dt.datetime) -> str:
    """A DID URL naming the key within its issuer, e.g. `did:web:…:GD-DOJ#key-20250101-1a2b3c4d`."""
    return f"{issuer_id(authority.code)}#key-{now:%Y%m%d}-{secrets.token_hex(4)}"


def _create(authority: Authority) -> IssuerKey:
    now = clock.now()
    kid = _new_kid(authority, now)
    key = OKPKey.generate_key("Ed25519", parameters={"kid": kid})
    public = {k: v for k, v in key.as_dict(private=False).items() if k in {"kty", "crv", "x", "kid"}}
    public.update({"use": "sig", "alg": "EdDSA"})
    issuer_key = IssuerKey(
        authority=authority,
        kid=kid,
        private_key_encrypted=seal(dict(key.as_dict(private=True))),
        public_jwk=public,
        active=True,
        created_at=now,
    )
    issuer_key.full_clean()
    issuer_key.save()
    return issuer_key


def active_key_for(authority: Authority) -> IssuerKey:
    """The authority's active key, created on first use; locked for the caller's transaction."""
    with transaction.atomic():
        key = IssuerKey.objects.select_for_update().filter(authority=authority, active=True).first()
        return key if key is not None else _create(authority)


def rotate(authority: Authority) -> IssuerKey:
    """Retire the active key (its public half stays trusted) and make a new one active."""
    with transaction.atomic():
        IssuerKey.objects.select_for_update().filter(authority=authority, active=True).update(
            active=False, retired_at=clock.now()
        )
        return _create(authority)


def signing_key(issuer_key: IssuerKey) -> OKPKey:
    return OKPKey.import_key(unseal(issuer_key.private_key_encrypted))

"""Offline verification of certificates (VC 2.0 secured as JWT) and Bitstring Status Lists; no Django."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import io
import json
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

from talentbridge.core.languages import language_key

# RFC 9864 deprecates the polymorphic "EdDSA" name; the platform still issues it (what wallets
# understand today) and also accepts the fully specified "Ed25519".
warnings.filterwarnings("ignore", message="EdDSA is deprecated")

ALGORITHMS = ["EdDSA", "Ed25519"]
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
STATUS_PURPOSES = ("revocation", "suspension")
# The spec's minimum list length (16 KiB), which gives holders group privacy.
MIN_LIST_BITS = 131_072
MAX_TOKEN_CHARS = 64_000
MAX_LIST_BYTES = 16 * 1024 * 1024


class Status:
    VALID = "valid"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"  # revoked because a newer certificate replaced it
    SUSPENDED = "suspended"
    FORGED = "forged"
    UNKNOWN_ISSUER = "unknown_issuer"

    ALL = (VALID, EXPIRED, NOT_YET_VALID, REVOKED, SUPERSEDED, SUSPENDED, FORGED, UNKNOWN_ISSUER)


# Each status in plain words, in English, Simplified and Traditional (Hong Kong) Chinese: the offline
# verifier has no translation catalogue, and border checks read all three at once. A web page says the
# status in its own language only (`credentials.labels.HEADLINES`).
STATUS_WORDS: dict[str, tuple[str, str, str]] = {
    Status.VALID: ("Valid", "有效", "有效"),
    Status.EXPIRED: ("Expired", "已过期", "已過期"),
    Status.NOT_YET_VALID: ("Not yet valid", "尚未生效", "尚未生效"),
    Status.REVOKED: ("Revoked", "已撤销", "已撤銷"),
    Status.SUPERSEDED: ("Replaced by a newer certificate", "已由较新的证书取代", "已由較新的證書取代"),
    Status.SUSPENDED: ("Suspended", "已暂停", "已暫停"),
    Status.FORGED: ("Forged", "伪造或损坏", "偽造或損壞"),
    Status.UNKNOWN_ISSUER: ("Unknown issuer", "签发机构不明", "簽發機構不明"),
}
# The key of the bitstring, inside a revocation list's credentialSubject, of certificates replaced by a newer one.
SUPERSEDED_LIST = "supersededList"
# The languages a credential states its texts in, as BCP 47 tags (JSON-LD `@language`).
LANGUAGE_TAGS = ("en", "zh-Hans", "zh-Hant")
DEFAULT_LANGUAGE = "en"
_TAG_OF_KEY = {"en": "en", "zh_hans": "zh-Hans", "zh_hant": "zh-Hant"}


def language_tag(language: str | None) -> str:
    """The credential language tag for a page's or a caller's language (`zh-hant`, `zh_hant`, `zh-HK`, `en-GB`):
    one of `LANGUAGE_TAGS`, English when it is none of them."""
    return _TAG_OF_KEY[language_key((language or "").strip() or DEFAULT_LANGUAGE)]


def _texts_by_language(value: Any) -> dict[str, str] | None:
    """`{lower-case tag: text}` of a JSON-LD value object, a list of them, or a language map; None for
    any other value (a plain string, a number, an object that is none of these)."""
    if isinstance(value, dict) and "@value" in value:
        value = [value]
    if isinstance(value, list) and value and all(isinstance(item, dict) and "@language" in item for item in value):
        return {
            str(item["@language"]).lower(): str(item["@value"])
            for item in value
            if isinstance(item.get("@value"), str) and item["@value"]
        }
    known = {tag.lower() for tag in LANGUAGE_TAGS}
    if isinstance(value, dict) and value and all(isinstance(k, str) and k.lower() in known for k in value):
        return {k.lower(): str(v) for k, v in value.items() if isinstance(v, str) and v}
    return None


def in_language(value: Any, language: str | None = None) -> Any:
    """A statement's value in `language`: from a text in several languages (JSON-LD value objects, as
    `[{"@value": "…", "@language": "en"}, …]`, or a language map) the one in that language, else the
    English one, else any; any other value (a plain string, as older credentials state it) unchanged."""
    texts = _texts_by_language(value)
    if texts is None:
        return value
    for tag in (language_tag(language), DEFAULT_LANGUAGE):
        if texts.get(tag.lower()):
            return texts[tag.lower()]
    return next(iter(texts.values()), "")


def subject_in(claims: Mapping[str, Any] | None, language: str | None = None) -> dict[str, Any]:
    """A credential's `credentialSubject` with each text in several languages given in `language`."""
    subject = (claims or {}).get("credentialSubject")
    if not isinstance(subject, dict):
        return {}
    return {str(name): in_language(value, language) for name, value in subject.items()}


def issuer_name_in(claims: Mapping[str, Any] | None, language: str | None = None) -> str:
    """The issuer's name in `language` (English when it has none in it), else its id."""
    issuer = (claims or {}).get("issuer")
    if not isinstance(issuer, dict):
        return str(issuer or "")
    name = in_language(issuer.get("name"), language)
    return str(name) if isinstance(name, str) and name else str(issuer.get("id") or "")


@dataclass(frozen=True)
class Verification:
    """The answer about one credential: a status, and the claims when the signature is good."""

    status: str
    claims: dict[str, Any] | None = None
    issuer: str | None = None
    kid: str | None = None
    detail: str = ""
    # Which status purposes were checked against a status list (empty: no list was available).
    status_checked: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_valid(self) -> bool:
        return self.status == Status.VALID

    @property
    def words(self) -> dict[str, str]:
        """The status in plain words, by language (`en`, `zh-hans`, `zh-hant`)."""
        return dict(zip(("en", "zh-hans", "zh-hant"), STATUS_WORDS[self.status], strict=True))

    def subject(self, language: str | None = None) -> dict[str, Any]:
        """What the credential states of its subject, each text in `language` (English by default)."""
        return subject_in(self.claims, language)

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "valid": self.is_valid,
            "issuer": self.issuer,
            "kid": self.kid,
            "detail": self.detail,
            "status_checked": list(self.status_checked),
            "claims": self.claims,
        }


class BadToken(ValueError):
    """The token is not a well-formed, correctly signed JWT from a trusted key."""


class UnknownIssuer(ValueError):
    """The token's issuer or key id is not in the trust list."""


# --- Bitstring Status List (W3C, v1.0) ---------------------------------------------------------


def bitstring_encode(indexes: set[int] | frozenset[int], *, length: int = MIN_LIST_BITS) -> str:
    """Multibase base64url (prefix `u`, no padding) of the GZIP of a bitstring with `indexes` set.

    Bit 0 is the most significant bit of the first byte (the spec's left-most bit).
    """
    size = max(length, max(indexes, default=-1) + 1)
    size = (size + 7) // 8 * 8
    data = bytearray(size // 8)
    for index in indexes:
        data[index // 8] |= 0x80 >> (index % 8)
    # mtime=0 keeps the encoding a function of the bits alone.
    compressed = gzip.compress(bytes(data), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")


def bitstring_decode(encoded: str) -> bytes:
    """The raw bitstring of an `encodedList` (accepts the multibase `u` prefix or plain base64url)."""
    text = encoded[1:] if encoded.startswith("u") else encoded
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    with gzip.GzipFile(fileobj=io.BytesIO(raw), mode="rb") as stream:
        data = stream.read(MAX_LIST_BYTES + 1)
    if len(data) > MAX_LIST_BYTES:
        raise ValueError("status list too large")
    return data


def bit_is_set(bitstring: bytes, index: int) -> bool:
    if index < 0 or index // 8 >= len(bitstring):
        raise ValueError("status list index out of range")
    return bool(bitstring[index // 8] & (0x80 >> (index % 8)))


# --- trust lists and JWS --------------------------------------------------------------------------


def trusted_keys(trust_list: Mapping[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    """`kid → (issuer id, public JWK)` over every issuer and key (active and retired) of a trust list."""
    keys: dict[str, tuple[str, dict[str, Any]]] = {}
    for issuer_id, issuer in (trust_list.get("issuers") or {}).items():
        for jwk in issuer.get("keys", []):
            public = {k: jwk[k] for k in ("kty", "crv", "x", "kid") if k in jwk}
            keys[str(jwk.get("kid"))] = (str(issuer_id), public)
    return keys


_B64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _canonical_segment(part: str) -> bool:
    if not part or not set(part) <= _B64URL or len(part) % 4 == 1:
        return False
    raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=") == part


def verify_jws(token: str, trust_list: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any], str]:
    """Check a compact JWS against the trust list: `(header, payload, issuer id)`.

    Raises `BadToken` (malformed, tampered, wrong key) or `UnknownIssuer`.
    """
    if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS or token.count(".") != 2:
        raise BadToken("not a compact JWS")
    token = token.strip()
    if not all(_canonical_segment(part) for part in token.split(".")):
        # A base64url decoder ignores stray characters and unused trailing bits; a tampered byte must not pass.
        raise BadToken("not canonical base64url")
    try:
        header = jws.extract_compact(token.encode("ascii")).headers()
    except (JoseError, ValueError, UnicodeError, TypeError) as exc:
        raise BadToken("the header cannot be read") from exc
    if header.get("alg") not in ALGORITHMS:
        raise BadToken("unsupported algorithm")
    kid = header.get("kid")
    keys = trusted_keys(trust_list)
    if not isinstance(kid, str) or kid not in keys:
        raise UnknownIssuer("the signing key is not in the trust list")
    issuer_id, jwk = keys[kid]
    try:
        key = OKPKey.import_key(jwk)
        result = jws.deserialize_compact(token, key, algorithms=ALGORITHMS)
        payload = json.loads(result.payload)
    except (JoseError, ValueError, UnicodeError, TypeError) as exc:
        raise BadToken("the signature does not match") from exc
    if not isinstance(payload, dict):
        raise BadToken("the payload is not a JSON object")
    issuer = payload.get("issuer")
    issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer != issuer_id:
        # Signed by a trusted key, but claiming another issuer: an issuer cannot speak for another.
        raise BadToken("the issuer does not own the signing key")
    return header, payload, issuer_id


# --- dates ----------------------------------------------------------------------------------------


def parse_instant(value: Any) -> dt.date:
    """The civil date of an XML Schema dateTimeStamp, in its own offset."""
    if not isinstance(value, str):
        raise ValueError("not a date-time")
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("a date-time needs an offset")
    return moment.date()


# --- credentials ----------------------------------------------------------------------------------


def _status_entries(payload: Mapping[str, Any]) -> list[dict[str, Any]]:
    entries = payload.get("credentialStatus") or []
    entries = [entries] if isinstance(entries, dict) else entries
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ValueError("credentialStatus is malformed")
    return entries


def status_list_bits(
    status_list: str | Mapping[str, Any], *, issuer_id: str, purpose: str, trust_list: Mapping[str, Any]
) -> bytes:
    """The bitstring of a status list credential (a JWT, checked against the trust list, or plain JSON)."""
    return bitstring_decode(
        str(
            _status_list_subject(status_list, issuer_id=issuer_id, purpose=purpose, trust_list=trust_list)[
                "encodedList"
            ]
        )
    )


def _status_list_subject(
    status_list: str | Mapping[str, Any], *, issuer_id: str, purpose: str, trust_list: Mapping[str, Any]
) -> dict[str, Any]:
    list_issuer: Any
    if isinstance(status_list, str):
        _header, document, list_issuer = verify_jws(status_list, trust_list)
    else:
        document = dict(status_list)
        issuer = document.get("issuer")
        list_issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
    if list_issuer != issuer_id:
        raise BadToken("the status list belongs to another issuer")
    subject = document.get("credentialSubject") or {}
    if not isinstance(subject, dict):
        raise BadToken("the status list is malformed")
    if subject.get("statusPurpose") != purpose or subject.get("type") != "BitstringStatusList":
        raise BadToken("the status list has another purpose")
    return {**subject, "encodedList": str(subject.get("encodedList", ""))}


def verify_credential(
    token: str,
    *,
    trust_list: Mapping[str, Any],
    on: dt.date,
    status_lists: Mapping[str, str | Mapping[str, Any]] | None = None,
) -> Verification:
    """Verify a certificate JWT on the date `on`.

    `status_lists` maps a status list URL (a credential's `statusListCredential`) to the status list
    credential (its JWT or its JSON); a purpose whose list is missing is left unchecked.
    """
    try:
        header, payload, issuer_id = verify_jws(token, trust_list)
    except UnknownIssuer as exc:
        return Verification(Status.UNKNOWN_ISSUER, detail=str(exc))
    except BadToken as exc:
        return Verification(Status.FORGED, detail=str(exc))
    kid = str(header["kid"])
    try:
        types = payload.get("type") or []
        if VC_CONTEXT not in (payload.get("@context") or []) or "VerifiableCredential" not in types:
            raise ValueError("not a Verifiable Credential")
        valid_from = parse_instant(payload.get("validFrom"))
        valid_until = parse_instant(payload["validUntil"]) if payload.get("validUntil") else None
        entries = _status_entries(payload)
    except (ValueError, KeyError, TypeError) as exc:
        # Correctly signed yet malformed: the issuer would never sign this, so it is not trustworthy.
        return Verification(Status.FORGED, issuer=issuer_id, kid=kid, detail=str(exc))

    def answer(status: str, detail: str = "", checked: tuple[str, ...] = ()) -> Verification:
        return Verification(status, claims=payload, issuer=issuer_id, kid=kid, detail=detail, status_checked=checked)

    checked: list[str] = []
    flagged: list[str] = []
    superseded = False
    for entry in entries:
        purpose = entry.get("statusPurpose")
        url = entry.get("statusListCredential")
        if entry.get("type") != "BitstringStatusListEntry" or purpose not in STATUS_PURPOSES:
            continue
        listed = (status_lists or {}).get(str(url))
        if listed is None:
            continue
        try:
            subject = _status_list_subject(listed, issuer_id=issuer_id, purpose=str(purpose), trust_list=trust_list)
            index = int(entry["statusListIndex"])
            if bit_is_set(bitstring_decode(subject["encodedList"]), index):
                flagged.append(str(purpose))
                replaced = subject.get(SUPERSEDED_LIST) if purpose == "revocation" else None
                superseded = superseded or (replaced is not None and bit_is_set(bitstring_decode(str(replaced)), index))
        except (BadToken, UnknownIssuer, ValueError, KeyError, TypeError, OSError, EOFError) as exc:
            return answer(Status.FORGED, f"status list unusable: {exc}")
        checked.append(str(purpose))
    done = tuple(checked)
    if "revocation" in flagged and superseded:
        return answer(Status.SUPERSEDED, "replaced by a newer certificate", done)
    if "revocation" in flagged:
        return answer(Status.REVOKED, "revoked by the issuer", done)
    if "suspension" in flagged:
        return answer(Status.SUSPENDED, "suspended by the issuer", done)
    if on < valid_from:
        return answer(Status.NOT_YET_VALID, f"valid from {valid_from.isoformat()}", done)
    if valid_until is not None and on > valid_until:
        return answer(Status.EXPIRED, f"valid until {valid_until.isoformat()}", done)
    return answer(Status.VALID, "", done)

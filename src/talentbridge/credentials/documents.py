"""The JSON the platform signs and publishes: credentials, status list credentials, trust lists."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from joserfc import jwt

from talentbridge.credentials.verify_core import LANGUAGE_TAGS, SUPERSEDED_LIST, VC_CONTEXT
from talentbridge.reference.models import Authority

DEFAULT_TYPE = "ProfessionalPracticeRegistration"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))

# What a person reads on a certificate: its type and the names of its statements, in three languages.
# The signed JSON keeps the W3C names; these are only how the printed and verified pages show them.
TYPE_LABELS: dict[str, dict[str, str]] = {
    "ProfessionalPracticeRegistration": {
        "en": "Registration to practise a profession in the Greater Bay Area",
        "zh_hans": "大湾区专业执业登记证明",
        "zh_hant": "大灣區專業執業登記證明",
    },
    "TalentEndorsement": {"en": "Talent endorsement", "zh_hans": "人才签注", "zh_hant": "人才簽注"},
}
CLAIM_LABELS: dict[str, dict[str, str]] = {
    "name": {"en": "Name", "zh_hans": "姓名", "zh_hant": "姓名"},
    "registrationNumber": {"en": "Registration number", "zh_hans": "登记编号", "zh_hant": "登記編號"},
    "field": {"en": "Profession", "zh_hans": "专业领域", "zh_hant": "專業領域"},
    "profession": {"en": "Occupation", "zh_hans": "职业", "zh_hant": "職業"},
    "zone": {"en": "Place of practice", "zh_hans": "执业地点", "zh_hant": "執業地點"},
    "mechanism": {"en": "Way of gaining the right to practise", "zh_hans": "执业方式", "zh_hant": "執業方式"},
    "scope": {"en": "Scope of practice", "zh_hans": "执业范围", "zh_hant": "執業範圍"},
    "homeJurisdiction": {"en": "Home jurisdiction", "zh_hans": "所属特区", "zh_hant": "所屬特區"},
    "category": {"en": "Talent category", "zh_hans": "人才类别", "zh_hant": "人才類別"},
    "licenceNumber": {"en": "Licence number", "zh_hans": "执业证号", "zh_hant": "執業證號"},
}


def _spaced(name: str) -> str:
    """`someClaimName` -> `Some claim name`: an unknown name still reads as words."""
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in name.replace("_", " ")).strip()
    return words[:1].upper() + words[1:]


def type_label(credential_type: str, language: str) -> str:
    """A credential type in `language` (en, zh_hans, zh_hant)."""
    names = TYPE_LABELS.get(credential_type)
    return names[language] if names else _spaced(credential_type)


def claim_label(name: str, language: str) -> str:
    """The name of a statement of a credential in `language`."""
    names = CLAIM_LABELS.get(name)
    return names[language] if names else _spaced(name)


def base_url() -> str:
    """The platform's public origin (`CREDENTIALS_BASE_URL`), used in issuer ids and status list URLs."""
    return str(settings.CREDENTIALS_BASE_URL).rstrip("/")


def issuer_id(authority_code: str) -> str:
    """A did:web identifier per authority, e.g. `did:web:talentbridge.example:issuers:GD-DOJ`."""
    host = urlsplit(base_url()).netloc.replace(":", "%3A")
    return f"did:web:{host}:issuers:{authority_code}"


def status_list_url(authority_code: str, purpose: str) -> str:
    return f"{base_url()}/api/v1/credentials/status/{authority_code}/{purpose}"


def verify_page_url() -> str:
    return f"{base_url()}/verify/"


def start_of(day: dt.date) -> str:
    """A legal effective date as the first instant of that day in GBA civil time."""
    return dt.datetime.combine(day, dt.time(0, 0), SHANGHAI).isoformat()


def end_of(day: dt.date) -> str:
    """The last second of a day in GBA civil time (validity is inclusive of `valid_until`)."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), SHANGHAI).isoformat()


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# The platform's language keys (en, zh_hans, zh_hant) and the credential's language tags, in order.
LANGUAGE_KEY_TAGS = dict(zip(("en", "zh_hans", "zh_hant"), LANGUAGE_TAGS, strict=True))


def language_values(texts: Mapping[str, str]) -> list[dict[str, str]] | str:
    """A text in several languages as JSON-LD value objects (`[{"@value": …, "@language": "en"}, …]`, the
    way the issuer's name is stated), from `{en, zh_hans, zh_hant: text}`; a language without a text is
    left out. A text in English only stays a plain string, as every credential stated it before."""
    objects = [
        {"@value": str(texts[key]), "@language": tag} for key, tag in LANGUAGE_KEY_TAGS.items() if texts.get(key)
    ]
    if len(objects) <= 1 and not any(o["@language"] != "en" for o in objects):
        return str(texts.get("en") or "")
    return objects


def issuer_object(authority: Authority) -> dict[str, Any]:
    return {
        "id": issuer_id(authority.code),
        "name": [
            {"@value": authority.name_en, "@language": "en"},
            {"@value": authority.name_zh_hans, "@language": "zh-Hans"},
            {"@value": authority.name_zh_hant, "@language": "zh-Hant"},
        ],
    }


def credential(
    *,
    certificate_id: str,
    authority: Authority,
    credential_type: str,
    subject: dict[str, Any],
    valid_from: dt.date,
    valid_until: dt.date | None,
    status_index: int,
    issued_at: dt.datetime,
) -> dict[str, Any]:
    """A VC Data Model 2.0 credential with two Bitstring Status List entries (revocation, suspension)."""
    document: dict[str, Any] = {
        "@context": [VC_CONTEXT],
        "id": f"urn:uuid:{certificate_id}",
        "type": ["VerifiableCredential", credential_type],
        "issuer": issuer_object(authority),
        "validFrom": start_of(valid_from),
    }
    if valid_until is not None:
        document["validUntil"] = end_of(valid_until)
    document["credentialSubject"] = subject
    document["credentialStatus"] = [
        {
            "id": f"{status_list_url(authority.code, purpose)}#{status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose,
            "statusListIndex": str(status_index),
            "statusListCredential": status_list_url(authority.code, purpose),
        }
        for purpose in ("revocation", "suspension")
    ]
    # JWT registered claims mirror the credential for libraries that only read those.
    document["iss"] = document["issuer"]["id"]
    document["jti"] = document["id"]
    document["iat"] = int(issued_at.timestamp())
    return document


def status_list_credential(
    *,
    authority: Authority,
    purpose: str,
    encoded_list: str,
    issued_at: dt.datetime,
    superseded_list: str | None = None,
) -> dict[str, Any]:
    """A BitstringStatusListCredential; a revocation list may also carry `supersededList`.

    `supersededList` (same encoding, same indexes) flags which revoked certificates were replaced by a
    newer one, so a verifier can say "replaced" instead of "revoked" — offline too. Verifiers that do
    not know it still read the certificate as revoked.
    """
    url = status_list_url(authority.code, purpose)
    document: dict[str, Any] = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_object(authority),
        "validFrom": utc_stamp(issued_at),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encoded_list,
        },
        "iss": issuer_id(authority.code),
        "iat": int(issued_at.timestamp()),
    }
    if superseded_list is not None:
        document["credentialSubject"][SUPERSEDED_LIST] = superseded_list
    return document


def sign(document: dict[str, Any], *, kid: str, key: Any) -> str:
    """A compact JWS (`typ: vc+jwt`, EdDSA over Ed25519) of the document."""
    header = {"alg": "EdDSA", "typ": "vc+jwt", "cty": "vc", "kid": kid}
    return str(jwt.encode(header, json.loads(json.dumps(document)), key, algorithms=["EdDSA"]))

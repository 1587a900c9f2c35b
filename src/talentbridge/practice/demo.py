"""Demo registrations across fields and zones, made through the services (some expired, one revoked)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.practice import catalogue, services
from talentbridge.practice.models import Registration
from talentbridge.reference.models import Authority
from talentbridge.vocabulary import JURISDICTION_OF_HOME

DEMO_DOMAIN = "practice.demo.example.org"
SURNAMES = ["Chan", "Wong", "Lee", "Cheung", "Lau", "Ho", "Ng", "Leung", "Tam", "Lam", "Chu", "Fong", "Kwok"]
GIVEN = ["Ka Ming", "Wai Yee", "Siu Lun", "Mei Ling", "Chi Keung", "Hoi Yan", "Tsz Ho", "Wing Sze", "Ka Wai"]


REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
# How a home licence number is written, by field (Hong Kong and Macao registers alike).
LICENCE_PREFIX = {
    "architect": "RA", "structural_engineer": "RPE", "surveyor": "RPS", "planner": "RPP", "doctor": "M",
    "tour_guide": "TG", "tax_adviser": "CPA", "teacher": "RT", "veterinarian": "RV",
}  # fmt: skip
HOME_CODE = JURISDICTION_OF_HOME


def _reference_code(n: int) -> str:
    """Eight characters of a case reference, a scramble of `n`, so demo references never repeat."""
    code = (n * 0x9E3779B1 + 0x2545F491) % (1 << 40)
    return "".join(REFERENCE_ALPHABET[(code >> (5 * k)) & 31] for k in range(7, -1, -1))


def _professional(rng: random.Random, n: int) -> User:
    email = f"professional{n}@{DEMO_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email,
            None,
            full_name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
            role=Role.APPLICANT,
            residence="HK",
        )
    return user


def demo_registrations_load(*, count: int = 300, seed: int = 20260301) -> int:
    """Create `count` registrations (idempotent: demo professionals already registered are skipped).

    Each is granted on a day in the past three years under the pathway then in force; registrations
    whose validity has run out are expired by `registrations_expire`, and one is revoked.
    """
    rng = random.Random(seed)
    today = clock.today()
    pathways = [
        (p, home)
        for day in (today, today - dt.timedelta(days=365))
        for p in catalogue.pathway_list(on=day)
        for home in p.open_to
    ]
    authorities = {a.code: a for a in Authority.objects.all()}
    created = 0
    with transaction.atomic():
        for n in range(1, count + 1):
            pathway, home = pathways[rng.randrange(len(pathways))]
            granted = today - dt.timedelta(days=rng.randrange(0, 3 * 365 + 200))
            professional = _professional(rng, n)
            code = _reference_code(n)
            reference = f"PR-{granted.year}-{code}"
            if (
                Registration.objects.filter(case_reference__endswith=f"-{code}").exists()
                or pathway.authority not in authorities
            ):
                continue
            payload = {
                "profession": catalogue.DEFAULT_PROFESSION[pathway.field],
                "field": pathway.field,
                "zone": pathway.zone,
                "city": catalogue.ZONE_CITY.get(pathway.zone, rng.choice(["guangzhou", "shenzhen", "foshan"])),
                "home_jurisdiction": home,
                "licence_number": (
                    f"{HOME_CODE.get(home, 'HK')}-{LICENCE_PREFIX.get(pathway.field, 'R')}-{rng.randrange(10**5, 10**6)}"
                ),
            }
            registration = services.registration_grant(
                professional=professional,
                payload=payload,
                authority=authorities[pathway.authority],
                case_reference=reference,
                on=granted,
                tacit=False,
            )
            created += 1
            if n == 1:
                services.registration_revoke(
                    registration_id=registration.pk,
                    actor=None,
                    reason="Struck off the home register after a disciplinary inquiry.",
                )
        services.registrations_expire(today=today)
    return created

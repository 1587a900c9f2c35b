"""Demo contribution records for the demo applicants; running it again changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from talentbridge.accounts.models import Organisation, Role, User
from talentbridge.insurance.aggregation import wage_bounds
from talentbridge.insurance.models import ContributionPeriod, Exemption, Scheme
from talentbridge.reference.models import City

# The certificate of the Macao Social Security Fund that exempts the Macao applicant from pension insurance.
MACAO_EVIDENCE = "FSS-CERT-2021-004817"
# Employers named where no organisation of that city has staff on the platform: name, unified social credit code.
CITY_EMPLOYER = {
    "guangzhou": ("Pearl River Structural Design Institute Co., Ltd.", "91440101MA5CX7H21K"),
    "zhuhai": ("Hengqin Coastal Hospitality Management Co., Ltd.", "91440400MA4UQ8L35D"),
}
# (city, first month, last month or None while it lasts, schemes): a move from Guangzhou to Shenzhen.
HK_CAREER = (
    ("guangzhou", dt.date(2015, 3, 1), dt.date(2019, 12, 1)),
    ("shenzhen", dt.date(2020, 1, 1), None),
)
MACAO_CAREER = (("zhuhai", dt.date(2021, 6, 1), None),)
ALL_SCHEMES = tuple(Scheme.values)
MACAO_SCHEMES = (Scheme.WORK_INJURY.value, Scheme.MEDICAL.value, Scheme.MATERNITY.value)


def _first(residence: str) -> User | None:
    return User.objects.filter(role=Role.APPLICANT, residence=residence, is_active=True).order_by("pk").first()


def _wage(rng: random.Random, month: dt.date) -> Decimal:
    low, high = wage_bounds(month)
    return (low + (high - low) * Decimal(str(round(rng.uniform(0.15, 0.45), 2)))).quantize(Decimal("0.01"))


def _employer(city: City) -> tuple[str, str]:
    """The name and code the periods in `city` name: the city's first organisation with staff on the platform.

    So the demo employer's staff can import contributions for the demo applicant, whose current
    periods (recorded here as by the fund) name that employer.
    """
    organisation = (
        Organisation.objects.filter(city=city, staff__role=Role.ORGANISATION_STAFF).order_by("pk").distinct().first()
    )
    if organisation is not None:
        return organisation.name, organisation.unified_social_credit_code or "91440300MA5F2K6R8N"
    return CITY_EMPLOYER.get(city.code, (f"{city.name_en} Trading Co., Ltd.", "91440000MA4W3N7P2X"))


def _career(
    person: User, career: tuple[tuple[str, dt.date, dt.date | None], ...], schemes: tuple[str, ...], rng: random.Random
) -> int:
    if ContributionPeriod.objects.filter(person=person).exists():
        return 0
    created = 0
    for city_code, start, end in career:
        city = City.objects.select_related("jurisdiction").get(code=city_code)
        wage = _wage(rng, start)
        employer_name, employer_code = _employer(city)
        for scheme in schemes:
            ContributionPeriod.objects.create(
                person=person,
                scheme=scheme,
                jurisdiction=city.jurisdiction,
                city=city,
                employer_name=employer_name,
                employer_code=employer_code,
                start_month=start,
                end_month=end,
                monthly_wage=wage,
            )
            created += 1
    return created


def demo_contributions_load(*, seed: int = 11) -> int:
    """Periods for the first HK applicant (two cities) and the first Macao applicant (exempt); returns rows created."""
    rng = random.Random(seed)
    created = 0
    with transaction.atomic():
        hk = _first("HK")
        if hk is not None:
            created += _career(hk, HK_CAREER, ALL_SCHEMES, rng)
        macao = _first("MO")
        if macao is not None:
            Exemption.objects.get_or_create(
                person=macao,
                evidence=MACAO_EVIDENCE,
                defaults={"valid_from": dt.date(2021, 6, 1), "valid_to": None},
            )
            created += _career(macao, MACAO_CAREER, MACAO_SCHEMES, rng)
    return created

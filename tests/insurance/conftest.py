"""Fixtures for insurance: the clock pinned to 15 Jun 2025, an employer (ACME), a fund reviewer, insured people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from talentbridge.accounts.models import Organisation, Role, User
from talentbridge.core import clock
from talentbridge.insurance.models import ContributionPeriod
from talentbridge.reference.models import City

NOW = dt.datetime(2025, 6, 15, 10, 0, tzinfo=dt.UTC)
HEADER = "person_email,scheme,city,employer_name,employer_code,start_month,end_month,monthly_wage\n"


@pytest.fixture(autouse=True)
def _pinned_clock() -> Iterator[None]:
    with clock.frozen_at(NOW):
        yield


@pytest.fixture(autouse=True)
def _imports_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.INSURANCE_IMPORT_ROOT = tmp_path / "imports"
    settings.DOCUMENT_ROOT = tmp_path / "documents"


EMPLOYER = "ACME"


@pytest.fixture
def agency(make_user: Callable[..., User]) -> User:
    """Staff of the employer ACME (no registration number: rows and records name it by its name)."""
    acme = Organisation.objects.create(
        name=EMPLOYER, kind=Organisation.Kind.EMPLOYER, city=City.objects.get(code="guangzhou")
    )
    return make_user(Role.ORGANISATION_STAFF, organisation=acme)


@pytest.fixture
def fund_reviewer(make_user: Callable[..., User]) -> User:
    return make_user(Role.REVIEWER, authority="GUANGZHOU-SIF")


@pytest.fixture
def insured(make_user: Callable[..., User]) -> User:
    return make_user(Role.APPLICANT, residence="HK")


@pytest.fixture
def add_period() -> Callable[..., ContributionPeriod]:
    def add(
        person: User,
        scheme: str,
        start: str,
        end: str | None,
        wage: str = "8000.00",
        city: str = "guangzhou",
        employer: str = "Employer",
    ) -> ContributionPeriod:
        place = City.objects.get(code=city)
        return ContributionPeriod.objects.create(
            person=person,
            scheme=scheme,
            jurisdiction=place.jurisdiction,
            city=place,
            employer_name=employer,
            start_month=dt.date.fromisoformat(f"{start}-01"),
            end_month=dt.date.fromisoformat(f"{end}-01") if end else None,
            monthly_wage=Decimal(wage),
        )

    return add


@pytest.fixture
def employee(insured: User, add_period: Callable[..., ContributionPeriod]) -> User:
    """`insured`, on record (one medical period in 2010, recorded by the fund) as an employee of ACME."""
    add_period(insured, "medical", "2010-01", "2010-12", employer=EMPLOYER)
    return insured

"""The demo employer reads like a real organisation on every page (the footer already says the service is a
demonstration), and a demo database loaded under its earlier name is renamed in place."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.test import Client
from django.urls import reverse

from talentbridge.accounts.models import Organisation, User
from talentbridge.insurance.models import ContributionPeriod
from talentbridge.population.demo_accounts import DEMO_EMPLOYER, LEGACY_DEMO_EMPLOYER, demo_account, demo_users_ensure
from talentbridge.reference.models import City


def _employer_staff() -> User:
    return User.objects.select_related("organisation").get(email=demo_account("organisation_staff").email)


def test_the_demo_employer_is_named_like_an_organisation_on_its_home_page(reference: None) -> None:
    demo_users_ensure()
    staff = _employer_staff()
    client = Client()
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")

    page = client.get(reverse("web:home")).content.decode()

    assert staff.organisation is not None
    assert "demo" not in staff.organisation.name.lower()
    assert f"<h1>{staff.organisation.name.replace('&', '&amp;')}</h1>" in page
    assert re.search(r"\(demo\)", page, flags=re.IGNORECASE) is None
    assert staff.organisation.unified_social_credit_code in page


def test_a_demo_loaded_under_the_earlier_name_is_renamed_in_place(reference: None, make_user: Any) -> None:
    shenzhen = City.objects.get(code="shenzhen")
    legacy = Organisation.objects.create(name=LEGACY_DEMO_EMPLOYER, kind=Organisation.Kind.EMPLOYER, city=shenzhen)
    period = ContributionPeriod.objects.create(
        person=make_user(),
        scheme="pension",
        jurisdiction=shenzhen.jurisdiction,
        city=shenzhen,
        employer_name=LEGACY_DEMO_EMPLOYER,
        start_month=dt.date(2020, 1, 1),
        monthly_wage=Decimal("8000.00"),
    )

    demo_users_ensure()
    demo_users_ensure()  # a second run changes nothing more

    assert list(Organisation.objects.filter(city=shenzhen).values_list("pk", "name")) == [(legacy.pk, DEMO_EMPLOYER)]
    assert _employer_staff().organisation_id == legacy.pk
    period.refresh_from_db()
    assert period.employer_name == DEMO_EMPLOYER

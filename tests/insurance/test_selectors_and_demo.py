"""Statistics selectors and the idempotent demo records."""

import datetime as dt

from talentbridge.accounts.models import Role
from talentbridge.insurance import selectors
from talentbridge.insurance.demo import demo_contributions_load
from talentbridge.insurance.models import BenefitAward, ContributionPeriod, Exemption


def test_insured_residents_by_scheme_and_city(insured, make_user, add_period):
    mainlander = make_user(Role.APPLICANT, residence="GD")
    add_period(insured, "pension", "2024-01", None, city="shenzhen")
    add_period(insured, "medical", "2024-01", "2024-12", city="shenzhen")  # ended before June 2025
    add_period(mainlander, "pension", "2024-01", None, city="shenzhen")  # not a HK/Macao resident
    assert selectors.insured_residents(month=dt.date(2025, 6, 1)) == [
        {"scheme": "pension", "city": "shenzhen", "persons": 1, "month": dt.date(2025, 6, 1)}
    ]
    assert selectors.insured_residents_total() == 1


def test_demo_records_load_once(make_user):
    make_user(Role.APPLICANT, residence="HK")
    make_user(Role.APPLICANT, residence="MO")
    first = demo_contributions_load(seed=3)
    assert first == 10 + 3
    assert demo_contributions_load(seed=3) == 0
    assert ContributionPeriod.objects.count() == 13
    assert Exemption.objects.count() == 1
    assert selectors.people_benefited() == {"pension": 0, "unemployment": 0, "work_injury": 0, "any": 0}
    assert BenefitAward.objects.count() == 0

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


def test_the_demo_employer_may_import_for_the_demo_applicant_working_there(
    make_user, django_capture_on_commit_callbacks
):
    from talentbridge.accounts.models import Organisation
    from talentbridge.insurance.services import contribution_import_start
    from talentbridge.reference.models import City
    from tests.insurance.conftest import HEADER

    employer = Organisation.objects.create(
        name="Harbour Ltd (demo)", kind=Organisation.Kind.EMPLOYER, city=City.objects.get(code="shenzhen")
    )
    staff = make_user(Role.ORGANISATION_STAFF, organisation=employer)
    person = make_user(Role.APPLICANT, residence="HK")
    demo_contributions_load(seed=3)
    assert set(ContributionPeriod.objects.filter(city__code="shenzhen").values_list("employer_name", flat=True)) == {
        "Harbour Ltd (demo)"
    }
    data = (HEADER + f"{person.email},pension,guangzhou,Harbour Ltd (demo),,2014-01,2014-12,6000\n").encode()
    with django_capture_on_commit_callbacks(execute=True):
        record, _ = contribution_import_start(user=staff, chunks=[data], original_name="demo.csv")
    record.refresh_from_db()
    assert (record.rows_accepted, record.rows_rejected) == (1, 0)

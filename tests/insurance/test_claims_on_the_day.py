"""A benefit claim is decided with the rules in force on the day of the decision, not on the 1st of its month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from talentbridge.casework.models import Application
from talentbridge.core import clock
from talentbridge.core.errors import InvalidInput
from talentbridge.insurance.models import BenefitAward
from tests.insurance.test_claims import approve, claim


@contextmanager
def on(day: dt.date) -> Iterator[None]:
    """The clock at noon in the GBA on `day` (04:00 UTC)."""
    with clock.frozen_at(dt.datetime(day.year, day.month, day.day, 4, 0, tzinfo=dt.UTC)):
        yield


def _unemployment_claim(insured, fund_reviewer, **payload):
    return claim(
        insured,
        fund_reviewer,
        benefit="unemployment",
        involuntary_job_loss="yes",
        registered_as_job_seeker="yes",
        **payload,
    )


def test_the_one_off_option_is_paid_when_the_claim_is_decided_on_15_december_2020(
    insured, fund_reviewer, add_period, make_user
):
    add_period(insured, "unemployment", "2014-12", "2020-11", city="guangzhou")  # 72 months: 6 full years
    with on(dt.date(2020, 12, 15)):
        case = _unemployment_claim(insured, fund_reviewer, payment_option="one_off")
        approve(case, fund_reviewer, make_user)

    award = BenefitAward.objects.get(case_reference=case.reference)
    assert award.amounts == {"option": "one_off", "one_off": 11340.0}  # 90% of Guangzhou's 2,100 x 6
    assert award.determination.inputs["decision_date"] == {"2020-12": "2020-12-15"}


def test_the_one_off_option_decided_on_14_december_2020_is_refused_and_awards_nothing(
    insured, fund_reviewer, add_period, make_user
):
    add_period(insured, "unemployment", "2014-12", "2020-11", city="guangzhou")
    with on(dt.date(2020, 12, 14)):
        case = _unemployment_claim(insured, fund_reviewer, payment_option="one_off")
        with pytest.raises(InvalidInput) as error:
            approve(case, fund_reviewer, make_user)

    message = "The rules offer no one-off payment on the day of this decision: refuse the claim instead."
    assert error.value.details == {"transition": [message]}
    assert Application.objects.get(pk=case.pk).state == "pending_second_approval"
    assert not BenefitAward.objects.exists()


@pytest.mark.parametrize("day", [dt.date(2018, 4, 30), dt.date(2018, 5, 1)])
def test_a_claim_decided_before_the_rules_hold_a_minimum_wage_awards_nothing(
    insured, fund_reviewer, add_period, make_user, day
):
    # The benefit is 80% of the minimum wage until 30 Apr 2018 and 90% from 1 May 2018, but the rules
    # hold Guangzhou's minimum wage only from 1 Jul 2018: no amount of 0.00 is ever awarded.
    add_period(insured, "unemployment", "2012-04", "2018-03", city="guangzhou")
    with on(day):
        case = _unemployment_claim(insured, fund_reviewer)
        with pytest.raises(InvalidInput) as error:
            approve(case, fund_reviewer, make_user)

    message = (
        "The rules hold no minimum wage for this city on the day of this decision: the benefit cannot be computed."
    )
    assert error.value.details == {"transition": [message]}
    assert Application.objects.get(pk=case.pk).state == "pending_second_approval"
    assert not BenefitAward.objects.exists()


def test_a_monthly_award_records_the_day_it_was_decided_on(insured, fund_reviewer, add_period, make_user):
    add_period(insured, "unemployment", "2014-12", "2020-11", city="guangzhou")
    with on(dt.date(2020, 12, 14)):
        case = _unemployment_claim(insured, fund_reviewer)
        approve(case, fund_reviewer, make_user)

    award = BenefitAward.objects.get(case_reference=case.reference)
    assert award.amounts == {"option": "monthly", "monthly": 1890.0, "months": 8}  # 90% of 2,100; 4 + 4 half-years
    assert award.determination.inputs["decision_date"] == {"2020-12": "2020-12-14"}


def test_work_injury_and_lump_sum_awards_are_decided_on_the_day(insured, fund_reviewer, add_period, make_user):
    add_period(insured, "work_injury", "2023-01", None, wage="9000.00")
    add_period(insured, "pension", "2024-07", None, wage="10000.00")
    with on(dt.date(2025, 6, 20)):
        injury = claim(insured, fund_reviewer, benefit="work_injury", disability_grade=5, employer_arranges_work="no")
        approve(injury, fund_reviewer, make_user)
        lump_sum = claim(insured, fund_reviewer, benefit="lump_sum")
        approve(lump_sum, fund_reviewer, make_user)

    for case in (injury, lump_sum):
        award = BenefitAward.objects.get(case_reference=case.reference)
        assert award.determination.inputs["decision_date"] == {"2025-06": "2025-06-20"}


def test_an_estimate_is_made_with_the_rules_in_force_today(insured, add_period):
    from talentbridge.insurance.estimates import estimate_make

    add_period(insured, "unemployment", "2019-06", "2025-05", city="guangzhou")
    with on(dt.date(2025, 6, 20)):
        estimate = estimate_make(person=insured, birth_month=dt.date(1980, 1, 1), category="man")

    assert estimate.unemployment.inputs["decision_date"] == {"2025-06": "2025-06-20"}
    assert estimate.work_injury.inputs["decision_date"] == {"2025-06": "2025-06-20"}
    assert estimate.unemployment.outputs["unemployment_benefit_monthly"] == 2250.0  # 90% of Guangzhou's 2,500
    assert "decision_date" not in estimate.pension.inputs  # decided for the retirement month, on its first day

"""A person holds one award in force of a pension or a lump sum: a second claim, or its approval, is refused."""

from __future__ import annotations

import pytest
from django.utils import timezone

from talentbridge.casework.models import Application
from talentbridge.core.errors import InvalidInput
from talentbridge.insurance.models import BenefitAward
from talentbridge.insurance.services.benefits import benefit_claim_prepare
from tests.insurance.test_claims import approve, claim

LUMP_SUM = {"benefit": "lump_sum", "city": "guangzhou", "insurance_number": "H1234567", "confirm_end": True}


def test_a_second_lump_sum_claim_is_refused_while_the_award_is_in_force(insured, fund_reviewer, add_period, make_user):
    add_period(insured, "pension", "2019-06", "2025-05", city="guangzhou")
    assert benefit_claim_prepare(applicant=insured, **LUMP_SUM)[0] == "GUANGZHOU-SIF"  # none held: accepted
    case = claim(insured, fund_reviewer, benefit="lump_sum")
    approve(case, fund_reviewer, make_user)

    with pytest.raises(InvalidInput) as refused:
        benefit_claim_prepare(applicant=insured, **LUMP_SUM)
    assert case.reference in refused.value.details["benefit"][0]

    BenefitAward.objects.filter(case_reference=case.reference).update(revoked_at=timezone.now())
    assert benefit_claim_prepare(applicant=insured, **LUMP_SUM)[0] == "GUANGZHOU-SIF"  # revoked: claimable again


def test_approving_a_second_claim_is_refused_while_the_first_award_is_in_force(
    insured, fund_reviewer, add_period, make_user
):
    add_period(insured, "pension", "2019-06", "2025-05", city="guangzhou")
    first, second = claim(insured, fund_reviewer, benefit="lump_sum"), claim(insured, fund_reviewer, benefit="lump_sum")
    approve(first, fund_reviewer, make_user)
    with pytest.raises(InvalidInput) as refused:
        approve(second, fund_reviewer, make_user)
    assert first.reference in refused.value.details["transition"][0]
    assert Application.objects.get(pk=second.pk).state == "pending_second_approval"  # rolled back: still to decide
    assert BenefitAward.objects.filter(person=insured).count() == 1


@pytest.mark.parametrize("benefit", ["work_injury", "unemployment"])
def test_work_injury_and_unemployment_are_claimed_again(insured, fund_reviewer, add_period, make_user, benefit):
    add_period(insured, benefit, "2019-06", "2025-05", city="guangzhou")
    answers = (
        {"disability_grade": 6, "employer_arranges_work": "no"}
        if benefit == "work_injury"
        else {"involuntary_job_loss": "yes", "registered_as_job_seeker": "yes"}
    )
    approve(claim(insured, fund_reviewer, benefit=benefit, **answers), fund_reviewer, make_user)
    again = {"benefit": benefit, "city": "guangzhou", "insurance_number": "H1", "disability_grade": 6}
    if benefit == "unemployment":
        again = {**again, "disability_grade": None, "involuntary_job_loss": True}
    assert benefit_claim_prepare(applicant=insured, **again)[0] == "GUANGZHOU-SIF"

"""A person holds one award in force of a pension, a lump sum or a work injury benefit: a second claim is refused."""

from __future__ import annotations

import pytest
from django.utils import timezone

from talentbridge.core.errors import InvalidInput
from talentbridge.insurance.models import BenefitAward
from talentbridge.insurance.services.benefits import benefit_claim_prepare
from tests.insurance.test_claims import approve, claim

ANSWERS = {"benefit": "work_injury", "city": "guangzhou", "insurance_number": "H1234567", "disability_grade": 6}


def test_a_second_work_injury_claim_is_refused_while_the_award_is_in_force(
    insured, fund_reviewer, add_period, make_user
):
    add_period(insured, "work_injury", "2019-06", "2025-05", city="guangzhou")
    assert benefit_claim_prepare(applicant=insured, **ANSWERS)[0] == "GUANGZHOU-SIF"  # none held: accepted
    case = claim(insured, fund_reviewer, benefit="work_injury", disability_grade=6, employer_arranges_work="no")
    approve(case, fund_reviewer, make_user)

    with pytest.raises(InvalidInput) as refused:
        benefit_claim_prepare(applicant=insured, **ANSWERS)
    assert case.reference in refused.value.details["benefit"][0]

    BenefitAward.objects.filter(case_reference=case.reference).update(revoked_at=timezone.now())
    assert benefit_claim_prepare(applicant=insured, **ANSWERS)[0] == "GUANGZHOU-SIF"  # revoked: claimable again


def test_unemployment_benefit_is_claimed_again_for_a_later_spell(insured, fund_reviewer, add_period, make_user):
    add_period(insured, "unemployment", "2019-06", "2025-05", city="guangzhou")
    case = claim(
        insured, fund_reviewer, benefit="unemployment", involuntary_job_loss="yes", registered_as_job_seeker="yes"
    )
    approve(case, fund_reviewer, make_user)
    answers = {**ANSWERS, "benefit": "unemployment", "disability_grade": None, "involuntary_job_loss": True}
    assert benefit_claim_prepare(applicant=insured, **answers)[0] == "GUANGZHOU-SIF"

"""Approving a benefit claim computes the award with the kernel; a lump sum ends the open periods."""

import pytest

from talentbridge.accounts.models import Role
from talentbridge.casework import services
from talentbridge.casework.models import Application
from talentbridge.core.errors import InvalidInput
from talentbridge.insurance.models import BenefitAward, ContributionPeriod
from talentbridge.rules import situation
from talentbridge.rules.system import rulebook
from tests.casework.filing import attach_required_documents


def claim(person, reviewer, **payload):
    data = {"city": "guangzhou", "insurance_number": "H1234567", **payload}
    case = services.application_create(
        applicant=person, kind="benefit_claim", authority_code="GUANGZHOU-SIF", payload=data
    )
    attach_required_documents(case, person)
    services.application_transition(application_id=case.pk, actor=person, transition="submit")
    services.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
    return case


def approve(case, reviewer, make_user):
    """Four eyes: the reviewer proposes, a colleague of the same fund approves (the award is computed then)."""
    services.application_transition(application_id=case.pk, actor=reviewer, transition="propose_approval")
    colleague = make_user(Role.REVIEWER, authority=case.authority.code)
    return services.application_transition(application_id=case.pk, actor=colleague, transition="approve")


def kernel(inputs, period, name):
    persons = {"p": {**inputs, name: {period: None}}}
    return situation.calculate(rulebook(), {"persons": persons})["persons"]["p"][name][period]


def test_unemployment_award_equals_the_kernel(insured, fund_reviewer, add_period, make_user):
    add_period(insured, "unemployment", "2019-06", "2025-05", city="guangzhou")  # 72 months
    case = claim(
        insured, fund_reviewer, benefit="unemployment", involuntary_job_loss="yes", registered_as_job_seeker="yes"
    )
    approve(case, fund_reviewer, make_user)
    award = BenefitAward.objects.get(case_reference=case.reference)
    inputs = {
        "unemployment_contribution_months": {"2025-06": 72},
        "work_city": {"2025-06": "guangzhou"},
        "involuntary_job_loss": {"2025-06": True},
        "registered_as_job_seeker": {"2025-06": True},
    }
    assert award.amounts == {
        "option": "monthly",
        "monthly": kernel(inputs, "2025-06", "unemployment_benefit_monthly"),
        "months": kernel(inputs, "2025-06", "unemployment_benefit_months"),
    }
    assert award.amounts["months"] == 8  # 4 for the first 4 years + 4 half-years
    assert award.amounts["monthly"] == 2250.0  # 90% of Guangzhou's 2,500
    assert award.rule_set == award.determination.rule_set
    assert award.determination.case_reference == case.reference


def test_unemployment_claim_without_the_year_of_contributions_cannot_be_approved(
    insured, fund_reviewer, add_period, make_user
):
    add_period(insured, "unemployment", "2025-01", None)
    case = claim(insured, fund_reviewer, benefit="unemployment")
    with pytest.raises(InvalidInput):
        approve(case, fund_reviewer, make_user)
    assert Application.objects.get(pk=case.pk).state == "pending_second_approval"
    assert BenefitAward.objects.count() == 0


def test_work_injury_award_by_grade(insured, fund_reviewer, add_period, make_user):
    add_period(insured, "work_injury", "2023-01", None, wage="9000.00")
    case = claim(insured, fund_reviewer, benefit="work_injury", disability_grade=5, employer_arranges_work="no")
    approve(case, fund_reviewer, make_user)
    award = BenefitAward.objects.get()
    assert award.amounts == {"grade": 5, "own_wage": 9000.0, "one_off_subsidy": 162000.0, "monthly_allowance": 6300.0}


def test_lump_sum_pays_the_personal_account_and_ends_open_periods(insured, fund_reviewer, add_period, make_user):
    add_period(insured, "pension", "2024-07", None, wage="10000.00")
    add_period(insured, "medical", "2024-07", None, wage="10000.00")
    case = claim(insured, fund_reviewer, benefit="lump_sum")
    approve(case, fund_reviewer, make_user)
    award = BenefitAward.objects.get()
    assert award.amounts == {"personal_account_balance": 9600.0}  # 12 months x 10,000 x 8%
    assert award.periods_ended == 2
    assert set(ContributionPeriod.objects.values_list("end_month", flat=True)) == {
        __import__("datetime").date(2025, 6, 1)
    }


def test_refused_claims_award_nothing(insured, fund_reviewer):
    case = claim(insured, fund_reviewer, benefit="lump_sum")
    services.application_transition(application_id=case.pk, actor=fund_reviewer, transition="refuse", reason="No.")
    assert BenefitAward.objects.count() == 0
    assert fund_reviewer.role == Role.REVIEWER


def test_a_revoked_award_is_shown_revoked_and_no_longer_counted(insured, fund_reviewer, add_period, make_user):
    from talentbridge.insurance import selectors
    from talentbridge.insurance.awards import award_list, award_view
    from talentbridge.insurance.effects import benefit_award_revoke_from_case

    add_period(insured, "pension", "2024-07", None, wage="10000.00")
    case = claim(insured, fund_reviewer, benefit="lump_sum")
    approve(case, fund_reviewer, make_user)
    assert selectors.people_benefited()["any"] == 1
    # when the approval is revoked (the workflow's revoke step calls this effect)
    assert benefit_award_revoke_from_case(application=case, actor=fund_reviewer, reason="Error.", data={}) == 1
    award = BenefitAward.objects.get()
    assert award.in_force is False
    assert award_view(award)["revoked"] is True
    assert list(award_list(user=insured)) == [award]  # still shown to the claimant, as revoked
    assert selectors.people_benefited() == {"pension": 0, "unemployment": 0, "work_injury": 0, "any": 0}
    assert selectors.benefits_awarded() == []


def test_revoking_the_claims_approval_revokes_its_award(insured, fund_reviewer, add_period, make_user):
    from talentbridge.insurance import selectors

    add_period(insured, "pension", "2024-07", None, wage="10000.00")
    case = claim(insured, fund_reviewer, benefit="lump_sum")
    approve(case, fund_reviewer, make_user)

    services.application_transition(
        application_id=case.pk, actor=fund_reviewer, transition="revoke", reason="Awarded in error."
    )

    assert BenefitAward.objects.get().in_force is False
    assert selectors.people_benefited()["any"] == 0

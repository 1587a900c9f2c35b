"""Where the page and the API answered one write differently, both now give the service's answer; and each
service decides who may act before it looks at what they sent."""

# ruff: noqa: F811  (the pages' signed-in clients are a fixture imported from tests/web)
from __future__ import annotations

import pytest
from django.urls import reverse

from talentbridge.accounts.models import Role
from talentbridge.casework import services as casework
from talentbridge.casework.models import Application, AuditEvent
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden
from talentbridge.insurance import services as insurance
from talentbridge.insurance.models import Exemption
from talentbridge.policy.models import Determination
from talentbridge.practice import services as practice
from talentbridge.practice.models import CompensationMeasure, Registration
from talentbridge.reference.models import Authority
from tests.api.conftest import PDF, assert_error
from tests.casework.filing import attach_required_documents
from tests.web.conftest import signed_in  # noqa: F401  (the pages' signed-in clients)

TOO_LATE = {"birth_month": "1990-01", "category": "man", "retirement_month": "2062-01"}  # at 72
AGES = "Choose a retirement month between the ages of 40 and 70."


def test_an_estimate_for_a_retirement_after_70_is_refused_by_the_api_as_by_the_page(
    make_user,
    client_for,
    signed_in,
):
    # given an insured person
    insured = make_user(Role.APPLICANT)
    # when they ask for an estimate retiring at 72, on the page and through the API
    page = signed_in(insured).post(reverse("web:insurance_estimate"), {**TOO_LATE, "disability_grade": "10"})
    api = client_for(insured).post("/insurance/estimates", json=TOO_LATE)
    # then both refuse it at the retirement month, in the same words, and nothing is estimated
    assert page.status_code == 400
    assert page.context["form"].errors["retirement_month"] == [AGES]
    assert assert_error(api, 422, "invalid_input")["details"] == {"retirement_month": [AGES]}
    assert Determination.objects.count() == 0


IN_FUTURE = "This month is still to come: enter the month you were born."
UNDER_16 = "Enter a birth month at least 16 years ago: social insurance covers people aged 16 or over."


@pytest.mark.parametrize(("years_ago", "message"), [(-1, IN_FUTURE), (10, UNDER_16)], ids=["to-come", "under-16"])
def test_a_birth_month_no_insured_person_has_is_refused_by_the_api_as_by_the_page(
    make_user,
    client_for,
    signed_in,
    years_ago,
    message,
):
    insured = make_user(Role.APPLICANT)
    birth = f"{clock.today().year - years_ago}-01"
    estimate = {"birth_month": birth, "category": "man"}
    claim = {"benefit": "pension", "city": "shenzhen", "insurance_number": "H1", "birth_month": birth}

    page = signed_in(insured).post(reverse("web:insurance_estimate"), {**estimate, "disability_grade": "10"})
    api = client_for(insured).post("/insurance/estimates", json=estimate)
    claimed = client_for(insured).post(
        "/insurance/claims",
        data={**claim, "retirement_category": "man", "document_types": ["identity_card"]},
        files=[("documents", ("id.pdf", PDF, "application/pdf"))],
    )

    assert page.status_code == 400 and page.context["form"].errors["birth_month"] == [message]
    assert assert_error(api, 422, "invalid_input")["details"] == {"birth_month": [message]}
    assert assert_error(claimed, 422, "invalid_input")["details"]["birth_month"] == [message]
    assert (Determination.objects.count(), Application.objects.count()) == (0, 0)


@pytest.fixture
def claim_draft(make_user):
    """A benefit claim of an applicant: a case of another kind than a practice registration."""
    person = make_user(Role.APPLICANT)
    authority, payload = insurance.benefit_claim_prepare(
        applicant=person, benefit="unemployment", city="shenzhen", insurance_number="H1"
    )
    case = casework.application_create(
        applicant=person, kind="benefit_claim", authority_code=authority, payload=payload
    )
    return person, case


def test_a_compensation_report_on_a_case_of_another_kind_is_not_found_on_either_face(
    claim_draft,
    client_for,
    signed_in,
):
    person, case = claim_draft
    events = AuditEvent.objects.count()

    page = signed_in(person).post(
        reverse("web:practice_compensation_report", args=[case.reference]), {"report": "Completed."}
    )
    api = client_for(person).post(f"/practice/applications/{case.reference}/compensation", json={"report": "Done."})

    assert page.status_code == 404
    assert_error(api, 404, "not_found")
    assert (Application.objects.get(pk=case.pk).state, AuditEvent.objects.count()) == ("draft", events)


@pytest.fixture
def compensation_required(applicant, reviewer):
    case = casework.application_create(
        applicant=applicant,
        kind="practice_registration",
        authority_code="GD-DHURD",
        payload={"profession": "architect", "city": "shenzhen", "licence_number": "ARB-1", "years_of_practice": 6},
    )
    attach_required_documents(case, applicant)
    casework.application_transition(application_id=case.pk, actor=applicant, transition="submit")
    casework.application_transition(application_id=case.pk, actor=reviewer, transition="start_review")
    return casework.application_transition(
        application_id=case.pk, actor=reviewer, transition="require_adaptation_period", reason="Six months."
    )


def test_an_empty_compensation_report_is_refused_by_the_api_as_by_the_page(
    applicant, compensation_required, client_for
):
    response = client_for(applicant).post(
        f"/practice/applications/{compensation_required.reference}/compensation", json={"report": "  "}
    )

    assert assert_error(response, 422, "invalid_input")["details"] == {"report": ["Say what you completed."]}
    assert Application.objects.get(pk=compensation_required.pk).state == "compensation_required"
    assert CompensationMeasure.objects.filter(reported_at__isnull=False).count() == 0


def _registration(applicant):
    return practice.registration_grant(
        professional=applicant,
        payload={"profession": "architect", "city": "shenzhen", "licence_number": "ARB-1"},
        authority=Authority.objects.get(code="GD-DHURD"),
        case_reference="PR-SERVICE-1",
    )


@pytest.mark.parametrize("action", ["suspend", "reinstate", "revoke"])
def test_who_may_change_a_registration_is_decided_before_the_reason(applicant, client_for, action):
    # given a registration, and its holder asking to change it without a reason
    registration = _registration(applicant)
    # when the holder calls the authority's endpoint
    response = client_for(applicant).post(f"/practice/registrations/{registration.pk}/{action}", json={"reason": ""})
    # then the service refuses the person (not the missing reason), in its own words
    body = assert_error(response, 403, "forbidden")
    assert body["message"] == "Only the registering authority can change a registration."
    assert Registration.objects.get(pk=registration.pk).status == "active"


def test_only_applicants_open_a_renewal_whichever_face_asks(applicant, reviewer):
    registration = _registration(applicant)
    with pytest.raises(Forbidden):
        practice.renewal_open(
            registration_id=registration.pk, professional=reviewer, open_case=casework.application_create
        )
    assert Application.objects.count() == 0


def test_only_funds_and_administrators_record_exemptions_and_nobody_else_learns_who_has_an_account(
    make_user, client_for
):
    macao = make_user(Role.APPLICANT, residence="MO")
    employer = make_user(Role.ORGANISATION_STAFF)
    with pytest.raises(Forbidden):
        insurance.exemption_record(
            person=macao, evidence="FSS card", valid_from=macao.date_joined.date(), recorded_by=employer
        )

    response = client_for(employer).post(
        "/insurance/exemptions",
        json={"person_email": "nobody@example.org", "evidence": "FSS card", "valid_from": "2024-01-01"},
    )

    assert assert_error(response, 403, "forbidden")["message"] == "Only social insurance funds can record exemptions."
    assert Exemption.objects.count() == 0


def test_a_fund_records_an_exemption_through_the_service(make_user):
    macao = make_user(Role.APPLICANT, residence="MO")
    fund = make_user(Role.REVIEWER, authority="GUANGZHOU-SIF")

    exemption = insurance.exemption_record_by_email(
        actor=fund, person_email=f"  {macao.email.upper()} ", evidence="FSS card", valid_from=macao.date_joined.date()
    )

    assert (exemption.person, exemption.recorded_by, exemption.evidence) == (macao, fund, "FSS card")

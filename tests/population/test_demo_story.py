"""The demo data tells a coherent story: what each demo person holds is plausible and reads as real."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command

from talentbridge.accounts.models import User
from talentbridge.casework.models import Application, AuditEvent
from talentbridge.casework.workflow import registry
from talentbridge.core import clock
from talentbridge.credentials.models import Certificate
from talentbridge.insurance.models import BenefitAward, ContributionPeriod
from talentbridge.mobility.models import Endorsement
from talentbridge.population.demo import KIND_REASONS
from talentbridge.population.demo_accounts import demo_account
from talentbridge.practice.models import Registration, RegistrationStatus


@pytest.fixture
def demo(db: Any) -> None:
    call_command("load_demo", stdout=io.StringIO())


def _applicant(key: str) -> User:
    return User.objects.get(email=demo_account(key).email)


def test_the_hk_applicant_holds_registrations_in_force_a_renewal_and_a_revoked_one_alone(demo: None) -> None:
    today = clock.today()
    registrations = list(Registration.objects.filter(professional=_applicant("applicant_hk")).select_related("renews"))
    in_force = [r for r in registrations if r.is_in_force(today)]

    # Registrations in force, each with a certificate that verifies as valid, one per field and zone.
    assert len(in_force) >= 2
    for registration in in_force:
        assert Certificate.objects.get(pk=registration.certificate_id).is_in_force(today), registration.number
    assert len({(r.field, r.zone) for r in in_force}) == len(in_force)

    # A fixed-term licence renewed in its last days: the renewal is in force, replaced the first, and is
    # renewable only in its own last days.
    (renewal,) = [r for r in registrations if r.renews is not None]
    assert renewal.is_in_force(today) and not renewal.is_renewable(today)
    assert renewal.renewable_from() is not None and renewal.is_renewable(renewal.renewable_from())
    assert renewal.renews.status == RegistrationStatus.SUPERSEDED
    old_certificate = Certificate.objects.get(pk=renewal.renews.certificate_id)
    assert old_certificate.superseded_by_id == renewal.certificate_id
    assert renewal.valid_until is not None and renewal.renews.valid_until is not None
    assert renewal.valid_from <= renewal.renews.valid_until < renewal.valid_until

    # The revoked registration stands alone: nothing superseded, nothing replaced it in its field and zone.
    (revoked,) = [r for r in registrations if r.status == RegistrationStatus.REVOKED]
    others = [r for r in registrations if (r.field, r.zone) == (revoked.field, revoked.zone) and r.pk != revoked.pk]
    assert others == []
    # Every superseded registration was replaced by a registration in force.
    for registration in registrations:
        if registration.status == RegistrationStatus.SUPERSEDED:
            assert any(r.renews_id == registration.pk and r.is_in_force(today) for r in in_force)


def test_the_short_term_licence_is_decided_by_the_health_commission_with_two_reviewers(demo: None) -> None:
    renewal = Registration.objects.get(professional=_applicant("applicant_hk"), renews__isnull=False)
    case = Application.objects.get(reference=renewal.case_reference)
    approval = AuditEvent.objects.get(application=case, action="approve")
    proposal = AuditEvent.objects.get(application=case, action="propose_approval")

    assert (case.authority.code, renewal.field, renewal.zone) == ("GD-HEALTH", "doctor", "nine_cities")
    assert approval.actor.email == demo_account("second_reviewer_health").email
    assert proposal.actor.email == demo_account("reviewer_health").email


def test_demo_awards_are_computed_from_the_contributions_in_the_claim_city(demo: None) -> None:
    person = _applicant("applicant_mo")
    contribution_cities = set(ContributionPeriod.objects.filter(person=person).values_list("city__code", flat=True))
    awards = list(BenefitAward.objects.filter(person=person).select_related("city"))

    assert awards
    for award in awards:
        assert award.city.code in contribution_cities
        assert award.total > 0
        assert all(value != 0 for value in award.amounts.values()), award.amounts
    for case in Application.objects.filter(applicant=person, kind="benefit_claim"):
        assert case.payload["city"] in contribution_cities
        assert case.authority.city is not None and case.authority.city.code in contribution_cities


def test_no_state_code_in_any_demo_number_or_reference(demo: None) -> None:
    states = {state for workflow in registry().values() for state in workflow.states}
    pattern = re.compile("|".join(sorted((re.escape(s) for s in states), key=len, reverse=True)), re.IGNORECASE)
    texts = [
        value
        for payload in Application.objects.values_list("payload", flat=True)
        for key, value in payload.items()
        if key in {"licence_number", "eep_number", "insurance_number"}
    ]
    texts += list(Application.objects.values_list("reference", flat=True))
    texts += list(Registration.objects.values_list("licence_number", flat=True))
    texts += list(Registration.objects.values_list("case_reference", flat=True))
    texts += list(Endorsement.objects.values_list("case_reference", flat=True))

    assert texts
    for text in texts:
        assert not pattern.search(text.replace("-", "_")), text
        assert "DEMO" not in text.upper(), text


def test_at_most_one_endorsement_in_force_per_destination_per_person(demo: None) -> None:
    today = clock.today()
    covered = Counter(
        (endorsement.holder_id, destination)
        for endorsement in Endorsement.objects.all()
        if endorsement.is_in_force(today)
        for destination in endorsement.destinations()
    )

    assert covered
    assert max(covered.values()) == 1


def test_each_kind_has_its_own_texts(demo: None) -> None:
    """A benefit claim or an endorsement never reads a practice registration's request or reason."""
    practice = set(KIND_REASONS["practice_registration"].values())
    for kind in ("talent_endorsement", "benefit_claim"):
        reasons = set(
            AuditEvent.objects.filter(application__kind=kind).exclude(reason="").values_list("reason", flat=True)
        )
        assert reasons and reasons.isdisjoint(practice), kind
        assert all("registration" not in reason for reason in reasons), kind

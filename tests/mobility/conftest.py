"""Mobility fixtures: a mainland researcher, an employer with staff, an approved endorsement."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest

from talentbridge.accounts.models import Organisation, Role, User
from talentbridge.casework import services as casework
from talentbridge.casework.documents import document_upload
from talentbridge.casework.models import Application
from talentbridge.casework.workflow import get_workflow
from talentbridge.mobility import services
from talentbridge.mobility.models import EmployerAttestation, Endorsement
from talentbridge.reference.models import City


@pytest.fixture
def talent(make_user: Callable[..., User]) -> User:
    return make_user(Role.APPLICANT, residence="GD", full_name="Li Wei")


@pytest.fixture
def institute(reference: None) -> Organisation:
    return Organisation.objects.create(
        name="Shenzhen Bay Laboratory",
        kind=Organisation.Kind.RESEARCH_INSTITUTE,
        city=City.objects.get(code="shenzhen"),
    )


@pytest.fixture
def employer_staff(make_user: Callable[..., User], institute: Organisation) -> User:
    return make_user(Role.ORGANISATION_STAFF, organisation=institute)


@pytest.fixture
def exit_entry(make_user: Callable[..., User]) -> User:
    return make_user(Role.REVIEWER, authority="SHENZHEN-EXIT-ENTRY")


@pytest.fixture
def confirmed(talent: User, institute: Organisation, employer_staff: User) -> EmployerAttestation:
    attestation = services.attestation_request(
        talent=talent,
        organisation_id=institute.pk,
        job_title="Principal investigator",
        professional_title="associate_senior",
        employed_since=dt.date(2020, 9, 1),
    )
    return services.attestation_decide(
        attestation_id=attestation.pk, staff=employer_staff, confirmed=True, reasons="Employed full time."
    )


def endorsement_payload(attestation: EmployerAttestation, **changes: Any) -> dict[str, Any]:
    return {
        "category": "research",
        "destination": "HK_MO",
        "employer": attestation.organisation.name,
        "eep_number": "C12345678",
        "work_city": "shenzhen",
        "employer_attestation": attestation.pk,
        **changes,
    }


PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def attach_required_documents(case: Application, applicant: User) -> None:
    """Upload a PDF as each document the case must carry at submission (where the platform names them)."""
    try:
        from talentbridge.casework.requirements import missing_documents
    except ImportError:  # no required documents named: nothing to attach
        return
    for document in missing_documents(case):
        document_upload(
            application_id=case.pk,
            actor=applicant,
            stream=io.BytesIO(PDF),
            original_name=f"{document.code}.pdf",
            document_type=document.code,  # type: ignore[call-arg]
        )


@pytest.fixture
def submitted(talent: User, confirmed: EmployerAttestation, settings: Any, tmp_path: Any) -> Application:
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    case = casework.application_create(
        applicant=talent,
        kind="talent_endorsement",
        authority_code="SHENZHEN-EXIT-ENTRY",
        payload=endorsement_payload(confirmed),
    )
    attach_required_documents(case, talent)
    return casework.application_transition(application_id=case.pk, actor=talent, transition="submit")


@pytest.fixture
def second_exit_entry(make_user: Callable[..., User]) -> User:
    return make_user(Role.REVIEWER, authority="SHENZHEN-EXIT-ENTRY")


def approve(case: Application, reviewer: User, second: User) -> Application:
    """Approve a case under review: proposed by `reviewer` and approved by `second` where the workflow
    asks for four eyes, by `reviewer` alone otherwise."""
    if "propose_approval" in get_workflow(case.kind).transitions:
        casework.application_transition(application_id=case.pk, actor=reviewer, transition="propose_approval")
        reviewer = second
    return casework.application_transition(application_id=case.pk, actor=reviewer, transition="approve")


@pytest.fixture
def endorsement(submitted: Application, exit_entry: User, second_exit_entry: User) -> Endorsement:
    casework.application_transition(application_id=submitted.pk, actor=exit_entry, transition="start_review")
    approve(submitted, exit_entry, second_exit_entry)
    return Endorsement.objects.get(case_reference=submitted.reference)

"""The page and the API endpoint of each write give the same person the same answer.

For every write of mobility, practice and insurance that both faces offer, each person of the matrix
acts once through the page (Django's test client, with the page's form) and once through the API (real
HTTP, the API tests' clients), each time on a fresh target: both faces carry the write out, or both
refuse it and change nothing. The persons: the applicant the write is for, another applicant, staff of
the organisation concerned and of another, a reviewer of the authority concerned and of another, a
policy officer, an analyst, an administrator and someone not signed in.
"""

# ruff: noqa: F811
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from talentbridge.accounts.models import Organisation, Role, User
from talentbridge.casework import services as casework
from talentbridge.casework.models import Application, AuditEvent, Document
from talentbridge.core import clock
from talentbridge.insurance.models import ContributionImport, ContributionPeriod, Exemption
from talentbridge.mobility import services as mobility
from talentbridge.mobility.models import EmployerAttestation, Endorsement, StayRecord
from talentbridge.policy.models import Determination
from talentbridge.practice import checker
from talentbridge.practice import services as practice
from talentbridge.practice.models import PracticeAlert, Registration
from talentbridge.reference.models import Authority, City
from tests.api.conftest import PDF
from tests.casework.filing import attach_required_documents

# The mobility fixtures, shared with tests/mobility (ruff sees each use as a redefinition: F811 is off here).
from tests.mobility.conftest import (  # noqa: F401
    confirmed,
    employer_staff,
    endorsement,
    exit_entry,
    institute,
    second_exit_entry,
    submitted,
    talent,
)
from tests.web.conftest import signed_in  # noqa: F401  (the pages' signed-in clients)

ROLES = (
    "applicant",
    "other_applicant",
    "staff",
    "other_staff",
    "reviewer",
    "other_reviewer",
    "policy_officer",
    "analyst",
    "administrator",
    "anonymous",
)
EVERYONE = frozenset(ROLES)
WEB_DONE = {200, 201, 302}
WEB_REFUSED = {302, 400, 403, 404, 409}  # 302: to the sign-in page, or back with the refusal said
_unique = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_rate_limit(transactional_db: Any, settings: Any, tmp_path: Path) -> None:
    """Checks count in a per-address budget shared by both faces: each test starts with a full one."""
    settings.RULES_API_RATE = "1000/min"
    settings.INSURANCE_IMPORT_ROOT = tmp_path / "imports"
    cache.clear()


def _state() -> tuple[Any, ...]:
    """Everything these writes could change, to tell a write carried out from one refused."""
    return (
        list(Application.objects.order_by("pk").values_list("pk", "state", "version")),
        AuditEvent.objects.count(),
        Document.objects.count(),
        Determination.objects.count(),
        list(EmployerAttestation.objects.order_by("pk").values_list("pk", "status")),
        list(StayRecord.objects.order_by("pk").values_list("pk", "exited_at")),
        list(Registration.objects.order_by("pk").values_list("pk", "status")),
        list(PracticeAlert.objects.order_by("pk").values_list("pk", "withdrawn_at")),
        list(ContributionImport.objects.order_by("pk").values_list("pk", "status", "attempt")),
        ContributionPeriod.objects.count(),
        Exemption.objects.count(),
    )


@dataclass(frozen=True)
class Write:
    """A write both faces offer: a fresh target for each call, the page's form, the API request, and who may."""

    arrange: Callable[[SimpleNamespace], Any]
    web: Callable[[Client, Any], HttpResponse]
    api: Callable[[httpx.Client, Any], httpx.Response]
    allowed: frozenset[str]


def _outcome(face: str, client: Any, send: Callable[[Any, Any], Any], target: Any) -> str:
    before = _state()
    response = send(client, target)
    changed = _state() != before
    status = response.status_code
    if face == "api":
        if changed:
            assert 200 <= status < 300, response.text
        else:
            assert status >= 400, response.text
            assert set(response.json()) == {"code", "message", "details"}
    else:
        assert status in (WEB_DONE if changed else WEB_REFUSED), status
    return "allowed" if changed else "refused"


def _both_faces(write: Write, world: SimpleNamespace, signed_in: Any, client_for: Any, anonymous: Any) -> None:
    seen = {}
    for role in ROLES:
        user = world.people[role]
        page = Client() if user is None else signed_in(user)
        api = anonymous if user is None else client_for(user)
        # each face acts on its own target, arranged just before it acts (a page's write is not the API's)
        web = _outcome("web", page, write.web, write.arrange(world))
        seen[role] = (web, _outcome("api", api, write.api, write.arrange(world)))
    expected = {role: ("allowed",) * 2 if role in write.allowed else ("refused",) * 2 for role in ROLES}
    assert seen == expected


def _people(make_user: Callable[..., User], **given: User) -> dict[str, User | None]:
    return {
        "other_applicant": make_user(Role.APPLICANT, residence=given["applicant"].residence),
        "other_staff": make_user(Role.ORGANISATION_STAFF),
        "policy_officer": make_user(Role.POLICY_OFFICER),
        "analyst": make_user(Role.ANALYST),
        "administrator": make_user(Role.ADMINISTRATOR),
        "anonymous": None,
        **given,
    }


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


def _nothing(world: SimpleNamespace) -> None:
    return None


# --- mobility ------------------------------------------------------------------------------------

ENDORSEMENT_DOCUMENTS = ("eep", "photo", "professional_title_certificate")


@pytest.fixture
def mobility_world(make_user, talent, institute, employer_staff, exit_entry) -> SimpleNamespace:
    people = _people(
        make_user,
        applicant=talent,
        staff=employer_staff,
        reviewer=exit_entry,
        other_reviewer=make_user(Role.REVIEWER, authority="ZHUHAI-EXIT-ENTRY"),
    )
    return SimpleNamespace(people=people, talent=talent, institute=institute, staff=employer_staff)


def _requested(world: SimpleNamespace) -> EmployerAttestation:
    return mobility.attestation_request(
        talent=world.talent,
        organisation_id=world.institute.pk,
        job_title="Principal investigator",
        professional_title="associate_senior",
        employed_since=dt.date(2020, 9, 1),
    )


def _confirmed(world: SimpleNamespace) -> EmployerAttestation:
    return mobility.attestation_decide(
        attestation_id=_requested(world).pk, staff=world.staff, confirmed=True, reasons="Employed."
    )


def _no_stays(world: SimpleNamespace) -> Endorsement:
    StayRecord.objects.filter(endorsement=world.endorsement).delete()
    return world.endorsement


def _open_stay(world: SimpleNamespace) -> Endorsement:
    endorsement = _no_stays(world)
    mobility.stay_entry_log(
        holder=endorsement.holder,
        endorsement_id=endorsement.pk,
        destination="HK",
        entered_at=clock.now() - dt.timedelta(days=2),
    )
    return endorsement


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


ENDORSEMENT_CHECK = {"category": "research", "work_city": "shenzhen", "on": "2025-06-10"}

MOBILITY = {
    "endorsement_check": Write(
        arrange=_nothing,
        web=lambda c, _: c.post(reverse("web:endorsement_check"), {**ENDORSEMENT_CHECK, "holds_valid_eep": "on"}),
        api=lambda c, _: c.post("/mobility/check", json={**ENDORSEMENT_CHECK, "holds_valid_eep": True}),
        allowed=EVERYONE,
    ),
    "attestation_request": Write(
        arrange=lambda w: w.institute,
        web=lambda c, org: c.post(
            reverse("web:attestation_request"),
            {
                "organisation": org.pk,
                "job_title": "Researcher",
                "professional_title": "associate_senior",
                "employed_since": "2021-03-01",
            },
        ),
        api=lambda c, org: c.post(
            "/mobility/attestations",
            json={
                "organisation": org.pk,
                "job_title": "Researcher",
                "professional_title": "associate_senior",
                "employed_since": "2021-03-01",
            },
        ),
        allowed=frozenset({"applicant", "other_applicant"}),  # each asks for their own
    ),
    "attestation_decide": Write(
        arrange=_requested,
        web=lambda c, a: c.post(reverse("web:attestations"), {"attestation": a.pk, "decision": "confirm"}),
        api=lambda c, a: c.post(f"/mobility/attestations/{a.pk}/decide", json={"confirmed": True, "reasons": ""}),
        allowed=frozenset({"staff"}),
    ),
    "endorsement_apply": Write(
        arrange=_confirmed,
        web=lambda c, a: c.post(
            reverse("web:endorsement_apply"),
            {
                "category": "research",
                "destination": "HK_MO",
                "work_city": "shenzhen",
                "authority": "",
                "employer_attestation": a.pk,
                "eep_number": "C12345678",
                **{f"document_{code}": _pdf(f"{code}.pdf") for code in ENDORSEMENT_DOCUMENTS},
            },
        ),
        api=lambda c, a: c.post(
            "/mobility/applications",
            data={
                "category": "research",
                "destination": "HK_MO",
                "work_city": "shenzhen",
                "employer_attestation": str(a.pk),
                "eep_number": "C12345678",
                "document_types": list(ENDORSEMENT_DOCUMENTS),
            },
            files=[("documents", (f"{code}.pdf", PDF, "application/pdf")) for code in ENDORSEMENT_DOCUMENTS],
        ),
        allowed=frozenset({"applicant"}),
    ),
    "stay_entry": Write(
        arrange=_no_stays,
        web=lambda c, e: c.post(
            reverse("web:endorsement_detail", args=[e.pk]),
            {"action": "entry", "destination": "HK", "entered_at": _local(clock.now() - dt.timedelta(days=2))},
        ),
        api=lambda c, e: c.post(
            f"/mobility/endorsements/{e.pk}/stays/entry",
            json={"destination": "HK", "entered_at": (clock.now() - dt.timedelta(days=2)).isoformat()},
        ),
        allowed=frozenset({"applicant"}),
    ),
    "stay_exit": Write(
        arrange=_open_stay,
        web=lambda c, e: c.post(
            reverse("web:endorsement_detail", args=[e.pk]),
            {"action": "exit", "exited_at": _local(clock.now() - dt.timedelta(hours=1))},
        ),
        api=lambda c, e: c.post(
            f"/mobility/endorsements/{e.pk}/stays/exit",
            json={"exited_at": (clock.now() - dt.timedelta(hours=1)).isoformat()},
        ),
        allowed=frozenset({"applicant"}),
    ),
}


@pytest.mark.parametrize("name", list(MOBILITY))
def test_mobility_pages_and_endpoints_allow_and_refuse_alike(
    name, request, mobility_world, signed_in, client_for, anonymous
):
    if name.startswith("stay_"):
        endorsement = request.getfixturevalue("endorsement")
        Endorsement.objects.filter(pk=endorsement.pk).update(valid_from=clock.today() - dt.timedelta(days=100))
        mobility_world.endorsement = Endorsement.objects.get(pk=endorsement.pk)
    _both_faces(MOBILITY[name], mobility_world, signed_in, client_for, anonymous)


# --- practice ------------------------------------------------------------------------------------

LAWYER = {
    "field": "lawyer",
    "zone": "nine_cities",
    "home_jurisdiction": "hong_kong",
    "years_of_practice": 4,
    "holds_home_licence": True,
    "is_permanent_resident": True,
    "is_chinese_citizen": True,
    "has_disciplinary_record": False,
    "on": "2025-06-01",
}
LAWYER_FORM = {key: ("yes" if v is True else "no" if v is False else str(v)) for key, v in LAWYER.items()}


@pytest.fixture
def practice_world(make_user, applicant) -> SimpleNamespace:
    people = _people(
        make_user,
        applicant=applicant,
        staff=make_user(Role.ORGANISATION_STAFF),
        reviewer=make_user(Role.REVIEWER, authority="GD-HEALTH"),  # registers doctors
        other_reviewer=make_user(Role.REVIEWER, authority="GD-DOJ"),
    )
    # A check of a pathway in force today (filing needs one: the lawyers' ended on 2026-10-04).
    answers = {**LAWYER, "field": "structural_engineer", "on": clock.today()}
    check = checker.check_run(answers=checker.answers_from(answers), user=applicant)
    return SimpleNamespace(
        people=people,
        applicant=applicant,
        check=check["determination_id"],
        case_reviewer=make_user(Role.REVIEWER, authority="GD-DHURD"),
    )


def _registration(world: SimpleNamespace) -> Registration:
    """A doctor's registration at GD-HEALTH, in force for a fixed term."""
    return practice.registration_grant(
        professional=world.applicant,
        payload={"profession": "physician", "field": "doctor", "city": "shenzhen", "licence_number": "MC-1"},
        authority=Authority.objects.get(code="GD-HEALTH"),
        case_reference=f"PR-AGREE-{next(_unique)}",
    )


def _renewable(world: SimpleNamespace) -> Registration:
    """A registration in the last days of its term, when it may be renewed."""
    registration = _registration(world)
    Registration.objects.filter(pk=registration.pk).update(valid_until=clock.today() + dt.timedelta(days=10))
    return Registration.objects.get(pk=registration.pk)


def _suspended(world: SimpleNamespace) -> Registration:
    registration = _registration(world)
    return practice.registration_suspend(registration_id=registration.pk, actor=None, reason="Inquiry.")


def _compensation_required(world: SimpleNamespace) -> Application:
    case = casework.application_create(
        applicant=world.applicant,
        kind="practice_registration",
        authority_code="GD-DHURD",
        payload={"profession": "architect", "city": "shenzhen", "licence_number": "ARB-1", "years_of_practice": 6},
    )
    attach_required_documents(case, world.applicant)
    for actor, step, reason in (
        (world.applicant, "submit", ""),
        (world.case_reviewer, "start_review", ""),
        (world.case_reviewer, "require_adaptation_period", "Six months in a local practice."),
    ):
        case = casework.application_transition(application_id=case.pk, actor=actor, transition=step, reason=reason)
    return case


def _alert(world: SimpleNamespace) -> PracticeAlert:
    return practice.alert_raise(
        actor=world.people["reviewer"], person_identifier=f"barred{next(_unique)}@example.org", reason="Struck off."
    )


def _registration_action(action: str) -> Write:
    arrange = _suspended if action == "reinstate" else _registration
    return Write(
        arrange=arrange,
        web=lambda c, r: c.post(
            reverse("web:practice_registration_action", args=[r.pk]),
            {"action": action, "reason": "Inquiry.", "confirm": "yes"},
        ),
        api=lambda c, r: c.post(f"/practice/registrations/{r.pk}/{action}", json={"reason": "Inquiry."}),
        allowed=frozenset({"reviewer", "administrator"}),
    )


PRACTICE = {
    "practice_check": Write(
        arrange=_nothing,
        web=lambda c, _: c.post(reverse("web:practice_check"), LAWYER_FORM),
        api=lambda c, _: c.post("/practice/check", json=LAWYER),
        allowed=EVERYONE,
    ),
    "practice_apply": Write(
        arrange=lambda w: w.check,
        web=lambda c, check: c.post(
            reverse("web:practice_apply"),
            {"check": check, "city": "shenzhen", "licence_number": "HK-LS-4711", "profession": "structural_engineer"},
        ),
        api=lambda c, check: c.post(
            "/practice/apply", json={"check": check, "city": "shenzhen", "licence_number": "HK-LS-4711"}
        ),
        allowed=frozenset({"applicant"}),
    ),
    "compensation_report": Write(
        arrange=_compensation_required,
        web=lambda c, case: c.post(
            reverse("web:practice_compensation_report", args=[case.reference]), {"report": "Completed."}
        ),
        api=lambda c, case: c.post(f"/practice/applications/{case.reference}/compensation", json={"report": "Done."}),
        allowed=frozenset({"applicant"}),
    ),
    "registration_suspend": _registration_action("suspend"),
    "registration_reinstate": _registration_action("reinstate"),
    "registration_revoke": _registration_action("revoke"),
    "registration_renew": Write(
        arrange=_renewable,
        web=lambda c, r: c.post(reverse("web:practice_renew", args=[r.pk])),
        api=lambda c, r: c.post(f"/practice/registrations/{r.pk}/renew"),
        allowed=frozenset({"applicant"}),
    ),
    "alert_raise": Write(
        arrange=lambda w: f"barred{next(_unique)}@example.org",
        web=lambda c, who: c.post(
            reverse("web:practice_alerts"), {"person_identifier": who, "field": "", "reason": "Struck off."}
        ),
        api=lambda c, who: c.post("/practice/alerts", json={"person_identifier": who, "reason": "Struck off."}),
        allowed=frozenset({"reviewer", "other_reviewer"}),  # any authority warns the others
    ),
    "alert_withdraw": Write(
        arrange=_alert,
        web=lambda c, alert: c.post(reverse("web:practice_alert_withdraw", args=[alert.pk])),
        api=lambda c, alert: c.delete(f"/practice/alerts/{alert.pk}"),
        allowed=frozenset({"reviewer"}),  # the raising authority only
    ),
}


@pytest.mark.parametrize("name", list(PRACTICE))
def test_practice_pages_and_endpoints_allow_and_refuse_alike(name, practice_world, signed_in, client_for, anonymous):
    _both_faces(PRACTICE[name], practice_world, signed_in, client_for, anonymous)


# --- insurance -----------------------------------------------------------------------------------

HEADER = "person_email,scheme,city,employer_name,employer_code,start_month,end_month,monthly_wage\n"
CLAIM = {
    "benefit": "unemployment",
    "city": "shenzhen",
    "insurance_number": "H1",
    "payment_option": "monthly",
}
CLAIM_DOCUMENTS = ("identity_card", "employment_end_proof")
ESTIMATE = {"birth_month": "1975-03", "category": "man"}


@pytest.fixture
def insurance_world(make_user) -> SimpleNamespace:
    place = City.objects.get(code="guangzhou")
    acme = Organisation.objects.create(name="ACME", kind=Organisation.Kind.EMPLOYER, city=place)
    insured = make_user(Role.APPLICANT, residence="HK")
    ContributionPeriod.objects.create(
        person=insured,
        scheme="medical",
        jurisdiction=place.jurisdiction,
        city=place,
        employer_name="ACME",
        start_month=dt.date(2010, 1, 1),
        end_month=dt.date(2010, 12, 1),
        monthly_wage=Decimal("4000"),
    )
    people = _people(
        make_user,
        applicant=insured,
        staff=make_user(Role.ORGANISATION_STAFF, organisation=acme),
        reviewer=make_user(Role.REVIEWER, authority="GUANGZHOU-SIF"),
        other_reviewer=make_user(Role.REVIEWER, authority="GD-DOJ"),
    )
    return SimpleNamespace(people=people, insured=insured)


def _contributions(world: SimpleNamespace) -> bytes:
    """A file no importer sent before (the same bytes again would be the same import)."""
    wage = 8000 + next(_unique)
    return f"{HEADER}{world.insured.email},pension,guangzhou,ACME,,2024-07,2024-12,{wage}\n".encode()


def _failed_import(world: SimpleNamespace) -> ContributionImport:
    """An import of the employer's staff that failed, its file kept: only its sender may run it again."""
    root = Path(world.import_root)
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"failed-{next(_unique)}.csv"
    path.write_bytes(_contributions(world))
    return ContributionImport.objects.create(
        uploaded_by=world.people["staff"],
        original_name="c.csv",
        file_format="csv",
        sha256=f"{next(_unique):064x}",
        stored_path=str(path),
        status=ContributionImport.Status.FAILED,
    )


INSURANCE = {
    "contribution_import": Write(
        arrange=_contributions,
        web=lambda c, data: c.post(reverse("web:insurance_imports"), {"file": SimpleUploadedFile("c.csv", data)}),
        api=lambda c, data: c.post("/insurance/imports", files={"file": ("c.csv", data, "text/csv")}),
        allowed=frozenset({"staff", "other_staff", "reviewer"}),  # employers' staff and funds, never administrators
    ),
    "contribution_import_retry": Write(
        arrange=_failed_import,
        web=lambda c, record: c.post(reverse("web:insurance_import_retry", args=[record.pk])),
        api=lambda c, record: c.post(f"/insurance/imports/{record.pk}/retry"),
        allowed=frozenset({"staff"}),
    ),
    "benefit_estimate": Write(
        arrange=_nothing,
        web=lambda c, _: c.post(reverse("web:insurance_estimate"), {**ESTIMATE, "disability_grade": "10"}),
        api=lambda c, _: c.post("/insurance/estimates", json=ESTIMATE),
        allowed=frozenset({"applicant", "other_applicant"}),  # each their own
    ),
    "benefit_claim": Write(
        arrange=_nothing,
        web=lambda c, _: c.post(
            reverse("web:insurance_claim"),
            {
                **CLAIM,
                "involuntary_job_loss": "on",
                "registered_as_job_seeker": "on",
                **{f"document_{code}": _pdf(f"{code}.pdf") for code in CLAIM_DOCUMENTS},
            },
        ),
        api=lambda c, _: c.post(
            "/insurance/claims",
            data={
                **CLAIM,
                "involuntary_job_loss": "true",
                "registered_as_job_seeker": "true",
                "document_types": list(CLAIM_DOCUMENTS),
            },
            files=[("documents", (f"{code}.pdf", PDF, "application/pdf")) for code in CLAIM_DOCUMENTS],
        ),
        allowed=frozenset({"applicant", "other_applicant"}),  # each their own
    ),
}


@pytest.mark.parametrize("name", list(INSURANCE))
def test_insurance_pages_and_endpoints_allow_and_refuse_alike(
    name, insurance_world, settings, signed_in, client_for, anonymous
):
    insurance_world.import_root = settings.INSURANCE_IMPORT_ROOT
    _both_faces(INSURANCE[name], insurance_world, signed_in, client_for, anonymous)

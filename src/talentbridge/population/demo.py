"""The demo data set: one account per role and a case in every state of every workflow."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from talentbridge.accounts.models import Organisation, Role, User
from talentbridge.accounts.services import demo_user_ensure
from talentbridge.casework import services
from talentbridge.casework.documents import document_upload
from talentbridge.casework.models import Application
from talentbridge.casework.requirements import missing_documents
from talentbridge.casework.workflow import get_workflow
from talentbridge.core import clock
from talentbridge.reference.models import Authority, City
from talentbridge.reference.services import reference_load

DEMO_DOMAIN = "demo.talentbridge.example"
DEMO_PASSWORD = "GBA-demo-2025!"  # noqa: S105 - published on purpose: these are demo accounts
DEMO_EMPLOYER = "Qianhai Harbour Engineering Ltd (demo)"


@dataclass(frozen=True)
class DemoAccount:
    """One demo sign-in. Read fields as attributes (`a.email`) or keys (`a["email"]`)."""

    key: str
    email: str
    password: str
    role: str
    full_name: str
    residence: str = ""
    authority: str | None = None
    organisation: str | None = None
    superuser: bool = False

    def __getitem__(self, name: str) -> Any:
        return getattr(self, name)


def _account(key: str, local: str, role: str, full_name: str, **extra: Any) -> DemoAccount:
    return DemoAccount(
        key=key, email=f"{local}@{DEMO_DOMAIN}", password=DEMO_PASSWORD, role=role, full_name=full_name, **extra
    )


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    _account("applicant_hk", "applicant", Role.APPLICANT, "Chan Tai Man", residence="HK"),
    _account("applicant_mo", "applicant.macao", Role.APPLICANT, "Leong Ka Wai", residence="MO"),
    _account("applicant_mainland", "applicant.mainland", Role.APPLICANT, "Li Wei", residence="GD"),
    _account("organisation_staff", "employer", Role.ORGANISATION_STAFF, "Zhang Min", organisation=DEMO_EMPLOYER),
    _account("reviewer", "reviewer", Role.REVIEWER, "Wang Fang", authority="GD-DHURD"),
    _account("second_reviewer", "reviewer2", Role.REVIEWER, "Chen Jie", authority="GD-DHURD"),
    _account("reviewer_exit_entry", "reviewer.exit-entry", Role.REVIEWER, "Liu Yang", authority="SHENZHEN-EXIT-ENTRY"),
    _account(
        "second_reviewer_exit_entry", "reviewer2.exit-entry", Role.REVIEWER, "Zhou Ling", authority="SHENZHEN-EXIT-ENTRY"
    ),
    _account("reviewer_social_insurance", "reviewer.sif", Role.REVIEWER, "Huang Li", authority="GUANGZHOU-SIF"),
    _account("second_reviewer_social_insurance", "reviewer2.sif", Role.REVIEWER, "Xu Ming", authority="GUANGZHOU-SIF"),
    _account("verifier", "verifier", Role.REVIEWER, "Wong Siu Ming", authority="HK-ERB"),
    _account("policy_officer", "policy", Role.POLICY_OFFICER, "Zhao Qiang"),
    _account("analyst", "analyst", Role.ANALYST, "Sun Hui"),
    _account("administrator", "admin", Role.ADMINISTRATOR, "Platform Administrator", superuser=True),
)


def demo_account(key: str) -> DemoAccount:
    """The demo account with this key, e.g. `demo_account("reviewer")`."""
    return next(a for a in DEMO_ACCOUNTS if a.key == key)


# Who acts on each kind of case, and whom its reviewer asks to verify.
KIND_CAST = {
    "practice_registration": {
        "applicant": "applicant_hk",
        "reviewer": "reviewer",
        "second_reviewer": "second_reviewer",
        "authority": "GD-DHURD",
        "verifying_authority": "HK-ERB",
    },
    "talent_endorsement": {
        "applicant": "applicant_mainland",
        "reviewer": "reviewer_exit_entry",
        "second_reviewer": "second_reviewer_exit_entry",
        "authority": "SHENZHEN-EXIT-ENTRY",
        "verifying_authority": "SHENZHEN-HRSS",
    },
    "benefit_claim": {
        "applicant": "applicant_mo",
        "reviewer": "reviewer_social_insurance",
        "second_reviewer": "second_reviewer_social_insurance",
        "authority": "GUANGZHOU-SIF",
        "verifying_authority": "GUANGZHOU-HRSS",
    },
}

_REVIEW = ("submit", "start_review")
_VERIFIED = (*_REVIEW, "request_verification", "confirm_verification")
_INFO_LOOP = (*_REVIEW, "request_info", "reply", "start_review")

# The demo cases: (kind, case key, path of transitions). The case key is written into the
# case's identifying field (licence / permit / insurance number) so a second run finds it.
DEMO_CASES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("practice_registration", "draft", ()),
    ("practice_registration", "submitted", ("submit",)),
    ("practice_registration", "in_review", _REVIEW),
    ("practice_registration", "verification", (*_REVIEW, "request_verification")),
    ("practice_registration", "info_requested", (*_REVIEW, "request_info")),
    ("practice_registration", "resubmitted", (*_REVIEW, "request_info", "reply")),
    ("practice_registration", "pending_second_approval", (*_VERIFIED, "propose_approval")),
    ("practice_registration", "approved", (*_VERIFIED, "propose_approval", "approve")),
    ("practice_registration", "approved-tacitly", (*_REVIEW, "tacit_approve")),
    ("practice_registration", "compensation_required", (*_VERIFIED, "require_adaptation_period")),
    (
        "practice_registration",
        "compensation_reported",
        (*_VERIFIED, "require_aptitude_test", "report_compensation"),
    ),
    ("practice_registration", "refused", (*_REVIEW, "request_verification", "deny_verification", "refuse")),
    ("practice_registration", "withdrawn", (*_REVIEW, "withdraw")),
    ("practice_registration", "expired", (*_REVIEW, "request_info", "expire")),
    ("practice_registration", "revoked", (*_REVIEW, "propose_approval", "approve", "revoke")),
    *(
        (kind, key, path)
        for kind in ("talent_endorsement", "benefit_claim")
        for key, path in (
            ("draft", ()),
            ("submitted", ("submit",)),
            ("in_review", _REVIEW),
            ("verification", (*_REVIEW, "request_verification")),
            ("info_requested", (*_REVIEW, "request_info")),
            ("resubmitted", (*_REVIEW, "request_info", "reply")),
            ("pending_second_approval", (*_REVIEW, "propose_approval")),
            ("approved", (*_INFO_LOOP, "propose_approval", "approve")),
            ("refused", (*_REVIEW, "refuse")),
            ("withdrawn", ("submit", "withdraw")),
            ("expired", (*_REVIEW, "request_info", "expire")),
            ("revoked", (*_REVIEW, "propose_approval", "approve", "revoke")),
        )
    ),
)

REASONS = {
    "request_info": "Please upload a certified copy of your current registration certificate.",
    "reply": "The certified copy is attached; the registration is valid until next year.",
    "request_verification": "Please confirm the applicant's registration is current and unconditional.",
    "confirm_verification": "Registration confirmed: current, no disciplinary record.",
    "deny_verification": "No current registration under this number.",
    "refuse": "The home registration could not be confirmed.",
    "revoke": "Approval revoked: the home registration was suspended.",
    "require_adaptation_period": "Six months' supervised practice at a Shenzhen firm before registration.",
    "require_aptitude_test": "An aptitude test on mainland construction law and standards.",
    "report_compensation": "The aptitude test was passed on the first sitting.",
}

# Days between one step and the next; the system steps wait for the deadline to pass.
STEP_GAP = {"expire": dt.timedelta(days=45), "tacit_approve": dt.timedelta(days=32)}
DEFAULT_GAP = dt.timedelta(days=1)


def _payload(kind: str, case_key: str) -> dict[str, Any]:
    marker = f"DEMO-{case_key.upper()}"
    if kind == "practice_registration":
        return {
            "profession": "structural_engineer",
            "city": "shenzhen",
            "licence_number": f"HK-ERB-{marker}"[:40],
            "years_of_practice": 8,
        }
    if kind == "talent_endorsement":
        return {"category": "research", "destination": "HK_MO", "employer": DEMO_EMPLOYER, "eep_number": marker[:20]}
    return {"benefit": "lump_sum", "city": "guangzhou", "insurance_number": f"MO-{marker}"[:30]}


def _identifying_field(kind: str) -> str:
    return {"practice_registration": "licence_number", "talent_endorsement": "eep_number"}.get(kind, "insurance_number")


def _moments(path: tuple[str, ...], end: dt.datetime) -> Iterator[dt.datetime]:
    """The creation time then one time per step, ending at `end`, spaced by each step's gap."""
    gaps = [STEP_GAP.get(step, DEFAULT_GAP) for step in path]
    moment = end - sum(gaps, dt.timedelta())
    yield moment
    for gap in gaps:
        moment += gap
        yield moment


def demo_users_ensure() -> dict[str, User]:
    """Create or reset every demo account; returns them by key."""
    shenzhen = City.objects.get(code="shenzhen")
    employer, _ = Organisation.objects.get_or_create(
        name=DEMO_EMPLOYER, defaults={"kind": Organisation.Kind.EMPLOYER, "city": shenzhen}
    )
    users = {}
    for account in DEMO_ACCOUNTS:
        extra: dict[str, Any] = {"residence": account.residence}
        extra["authority"] = Authority.objects.get(code=account.authority) if account.authority else None
        extra["organisation"] = employer if account.organisation else None
        users[account.key] = demo_user_ensure(
            email=account.email,
            password=account.password,
            full_name=account.full_name,
            role=account.role,
            **extra,
        )
    return users


# A one-page PDF standing for each document a demo case must carry before submission.
DEMO_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _attach_required_documents(case: Application, applicant: User) -> None:
    for document in missing_documents(case):
        document_upload(
            application_id=case.pk,
            actor=applicant,
            stream=io.BytesIO(DEMO_PDF),
            original_name=f"{document.code}.pdf",
            document_type=document.code,
        )


def _take(step: str, case: Application, kind: str, users: dict[str, User]) -> None:
    cast = KIND_CAST[kind]
    applicant, reviewer = users[cast["applicant"]], users[cast["reviewer"]]
    reason = REASONS.get(step, "")
    if step == "submit":
        _attach_required_documents(case, applicant)
    if step == "request_info":
        services.info_request_create(application_id=case.pk, reviewer=reviewer, message=reason)
    elif step == "reply":
        services.info_request_reply(application_id=case.pk, applicant=applicant, reply=reason)
    elif step == "request_verification":
        services.verification_request(
            application_id=case.pk, reviewer=reviewer, authority_code=cast["verifying_authority"], question=reason
        )
    elif step in {"confirm_verification", "deny_verification"}:
        services.verification_respond(
            application_id=case.pk, verifier=users["verifier"], confirmed=step == "confirm_verification", note=reason
        )
    else:
        actor: User | None = reviewer
        if step in {"submit", "withdraw", "report_compensation"}:
            actor = applicant
        elif step in {"expire", "tacit_approve"}:
            actor = None
        elif step == "approve" and get_workflow(kind).transitions[step].four_eyes:
            actor = users[cast["second_reviewer"]]
        services.application_transition(application_id=case.pk, actor=actor, transition=step, reason=reason)


def _case_exists(kind: str, case_key: str, applicant: User) -> bool:
    field = _identifying_field(kind)
    value = _payload(kind, case_key)[field]
    return Application.objects.filter(applicant=applicant, kind=kind, **{f"payload__{field}": value}).exists()


def demo_case_create(
    *, kind: str, case_key: str, path: tuple[str, ...], users: dict[str, User], end: dt.datetime
) -> Application:
    """Open one demo case and drive it along `path` through the real casework services."""
    cast = KIND_CAST[kind]
    moments = _moments(path, end)
    with transaction.atomic():
        created_at = next(moments)
        with clock.frozen_at(created_at):
            case = services.application_create(
                applicant=users[cast["applicant"]],
                kind=kind,
                authority_code=cast["authority"],
                payload=_payload(kind, case_key),
            )
        Application.objects.filter(pk=case.pk).update(created_at=created_at)  # auto_now_add ignores the clock
        for step, moment in zip(path, moments, strict=True):
            with clock.frozen_at(moment):
                _take(step, case, kind, users)
    return Application.objects.get(pk=case.pk)


def demo_load(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Load reference data, the demo accounts and the demo cases; a second run creates nothing new."""
    reference_load()
    users = demo_users_ensure()
    end = now or clock.now()
    created = existing = 0
    for index, (kind, case_key, path) in enumerate(DEMO_CASES):
        if _case_exists(kind, case_key, users[KIND_CAST[kind]["applicant"]]):
            existing += 1
            continue
        # Cases finish a few minutes apart, the newest last, so open ones have deadlines ahead.
        demo_case_create(
            kind=kind,
            case_key=case_key,
            path=path,
            users=users,
            end=end - dt.timedelta(minutes=5 * (len(DEMO_CASES) - index)),
        )
        created += 1
    return {"accounts": len(users), "cases_created": created, "cases_existing": existing}

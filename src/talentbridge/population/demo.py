"""The demo data set: one account per role and a case in every state of every workflow."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from talentbridge.accounts.models import User
from talentbridge.casework import services
from talentbridge.casework.documents import document_upload
from talentbridge.casework.models import Application
from talentbridge.casework.requirements import missing_documents
from talentbridge.casework.workflow import get_workflow
from talentbridge.core import clock
from talentbridge.insurance.demo import demo_contributions_load
from talentbridge.population.demo_accounts import DEMO_EMPLOYER, demo_users_ensure
from talentbridge.practice.models import Registration
from talentbridge.reference.services import reference_load

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
        "authority": "ZHUHAI-SIF",
        "verifying_authority": "ZHUHAI-HRSS",
    },
}

_REVIEW = ("submit", "start_review")
_VERIFIED = (*_REVIEW, "request_verification", "confirm_verification")
_INFO_LOOP = (*_REVIEW, "request_info", "reply", "start_review")
_APPROVED = (*_REVIEW, "propose_approval", "approve")

# The demo cases: (kind, case key, path of transitions). Each case carries its own identifying
# number (licence / permit / insurance number, in DEMO_TERMS) so a second run finds it.
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
    ("practice_registration", "revoked", (*_APPROVED, "revoke")),
    # A doctor's three-year short-term licence, granted almost three years ago, and its renewal.
    ("practice_registration", "short-term-licence", _APPROVED),
    ("practice_registration", "short-term-licence-renewal", _APPROVED),
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
            ("revoked", (*_APPROVED, "revoke")),
        )
    ),
)

# What each case asks for. The HK applicant is a structural engineer (registered with the Engineers
# Registration Board, which verifies) and a doctor: one registration in force in each of Qianhai and
# Hengqin, one revoked in the nine cities, and a short-term medical licence renewed before its end.
_ENGINEER = {"profession": "structural_engineer", "city": "shenzhen", "years_of_practice": 8}
_DOCTOR = {"profession": "physician", "city": "guangzhou", "years_of_practice": 12}
_PRACTICE_TERMS: dict[str, dict[str, Any]] = {
    "approved": {**_ENGINEER, "zone": "qianhai"},
    "approved-tacitly": {**_ENGINEER, "city": "zhuhai", "zone": "hengqin"},
    "revoked": {**_ENGINEER, "city": "guangzhou"},
    "short-term-licence": _DOCTOR,
    "short-term-licence-renewal": _DOCTOR,
}
# The Macao applicant is insured in Zhuhai (work injury, medical, maternity): claims are work injury claims there.
_CLAIM = {"benefit": "work_injury", "city": "zhuhai", "disability_grade": 6, "employer_arranges_work": "no"}
# The mainland applicant: one endorsement for Hong Kong granted (the other demo endorsements cover Macao).
_ENDORSEMENT = {"category": "research", "destination": "HK", "employer": DEMO_EMPLOYER}


def _number(kind: str, case_key: str) -> str:
    """The case's own licence, permit or insurance number, as such numbers are written."""
    index = [key for k, key, _path in DEMO_CASES if k == kind].index(case_key)
    if kind == "practice_registration":
        if case_key.startswith("short-term-licence"):
            return "M14218"  # a Medical Council registration number: the licence and its renewal share it
        return f"RPE-STL-{2_417 + 31 * index:05d}"  # a registered professional engineer (structural)
    if kind == "talent_endorsement":
        return f"C{60_431_250 + 7_919 * index:08d}"  # an exit-entry permit for Hong Kong and Macao
    return f"440400{31_725_006 + 4_139 * index:08d}"  # a Zhuhai social insurance number


# Case whose decision lies this far in the past (the first term of the short-term licence).
CASE_AGE = {("practice_registration", "short-term-licence"): dt.timedelta(days=3 * 365 - 75)}
# Cases decided by another authority than their kind's (cast keys replaced).
CASE_CAST = {
    ("practice_registration", key): {
        "reviewer": "reviewer_health",
        "second_reviewer": "second_reviewer_health",
        "authority": "GD-HEALTH",
    }
    for key in ("short-term-licence", "short-term-licence-renewal")
}
# The case a renewal case renews.
RENEWS = {("practice_registration", "short-term-licence-renewal"): "short-term-licence"}

# The texts of each step, by kind, as a reviewer, an applicant or a verifier would write them.
KIND_REASONS: dict[str, dict[str, str]] = {
    "practice_registration": {
        "request_info": "Please upload a certified copy of your current registration certificate.",
        "reply": "The certified copy is attached; the registration is valid until next year.",
        "request_verification": "Please confirm the applicant's registration is current and unconditional.",
        "confirm_verification": "Registration confirmed: current, no disciplinary record.",
        "deny_verification": "No current registration under this number.",
        "refuse": "The home registration could not be confirmed.",
        "revoke": "Registration revoked: the home registration was suspended by the Engineers Registration Board.",
        "require_adaptation_period": "Six months' supervised practice at a Shenzhen firm before registration.",
        "require_aptitude_test": "An aptitude test on mainland construction law and standards.",
        "report_compensation": "The aptitude test was passed on the first sitting.",
    },
    "talent_endorsement": {
        "request_info": "Please upload the signed employment contract showing the research post and its term.",
        "reply": "The signed contract is attached; the post runs for three years from March.",
        "request_verification": "Please confirm the applicant's research post and talent category.",
        "confirm_verification": "Confirmed: full-time research post, category as declared.",
        "deny_verification": "The employer has no record of this post.",
        "refuse": "The post does not meet the requirements of the research talent category.",
        "revoke": "Endorsement revoked: the employer reported that the employment ended.",
    },
    "benefit_claim": {
        "request_info": "Please upload the work ability assessment conclusion stating the disability grade.",
        "reply": "The assessment conclusion (grade 6) is attached.",
        "request_verification": "Please confirm that the work injury was recognised and the claimant's employment.",
        "confirm_verification": "Confirmed: the injury was recognised as work-related; employment current.",
        "deny_verification": "No work injury recognition on record for this claimant.",
        "refuse": "The injury was not recognised as work-related, so no work injury benefit is due.",
        "revoke": "Award revoked: the work injury recognition was withdrawn on administrative review.",
    },
}
# The practice texts, read by the synthetic population's practice cases.
REASONS = KIND_REASONS["practice_registration"]


def reason_for(kind: str, step: str) -> str:
    """The text of `step` in a demo or synthetic case of `kind` ("" for a step that needs none)."""
    return KIND_REASONS.get(kind, {}).get(step, "")


# Days between one step and the next; the system steps wait for the deadline to pass.
STEP_GAP = {"expire": dt.timedelta(days=45), "tacit_approve": dt.timedelta(days=32)}
DEFAULT_GAP = dt.timedelta(days=1)
ZERO = dt.timedelta()


def _payload(kind: str, case_key: str) -> dict[str, Any]:
    number = _number(kind, case_key)
    if kind == "practice_registration":
        return {**_ENGINEER, **_PRACTICE_TERMS.get(case_key, {}), "licence_number": number}
    if kind == "talent_endorsement":
        return {**_ENDORSEMENT, "destination": "HK" if case_key == "approved" else "HK_MO", "eep_number": number}
    return {**_CLAIM, "insurance_number": number}


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


def _cast(kind: str, case_key: str) -> dict[str, str]:
    return {**KIND_CAST[kind], **CASE_CAST.get((kind, case_key), {})}


def _take(step: str, case: Application, kind: str, cast: dict[str, str], users: dict[str, User]) -> None:
    applicant, reviewer = users[cast["applicant"]], users[cast["reviewer"]]
    reason = reason_for(kind, step)
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


def _cases(kind: str, case_key: str, applicant: User) -> QuerySet[Application]:
    """The demo case of this key: its number, and whether it renews (a renewal keeps its licence's number)."""
    field = _identifying_field(kind)
    value = _payload(kind, case_key)[field]
    cases = Application.objects.filter(applicant=applicant, kind=kind, **{f"payload__{field}": value})
    if (kind, case_key) in RENEWS:
        return cases.filter(payload__has_key="renewal_of")
    return cases.exclude(payload__has_key="renewal_of")


def _case_exists(kind: str, case_key: str, applicant: User) -> bool:
    return _cases(kind, case_key, applicant).exists()


def _renewal_of(kind: str, case_key: str, applicant: User) -> dict[str, str]:
    """`renewal_of`: the number of the registration the renewed case granted (set as the renewal service does)."""
    renewed_key = RENEWS.get((kind, case_key))
    if renewed_key is None:
        return {}
    renewed = _cases(kind, renewed_key, applicant).order_by("pk").first()
    registration = Registration.objects.filter(case_reference=renewed.reference).first() if renewed else None
    return {"renewal_of": registration.number} if registration is not None else {}


def demo_case_create(
    *, kind: str, case_key: str, path: tuple[str, ...], users: dict[str, User], end: dt.datetime
) -> Application:
    """Open one demo case and drive it along `path` through the real casework services."""
    cast = _cast(kind, case_key)
    applicant = users[cast["applicant"]]
    moments = _moments(path, end)
    with transaction.atomic():
        created_at = next(moments)
        with clock.frozen_at(created_at):
            case = services.application_create(
                applicant=applicant,
                kind=kind,
                authority_code=cast["authority"],
                payload={**_payload(kind, case_key), **_renewal_of(kind, case_key, applicant)},
            )
        Application.objects.filter(pk=case.pk).update(created_at=created_at)  # auto_now_add ignores the clock
        for step, moment in zip(path, moments, strict=True):
            with clock.frozen_at(moment):
                _take(step, case, kind, cast, users)
    return Application.objects.get(pk=case.pk)


def demo_load(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Load reference data, the demo accounts and the demo cases; a second run creates nothing new."""
    reference_load()
    users = demo_users_ensure()
    demo_contributions_load()  # before the claims, whose awards are computed from these records
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
            end=end - dt.timedelta(minutes=5 * (len(DEMO_CASES) - index)) - CASE_AGE.get((kind, case_key), ZERO),
        )
        created += 1
    return {"accounts": len(users), "cases_created": created, "cases_existing": existing}

"""Reads of mobility: attestations by person or organisation, endorsements with their stays, statistics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.models import localized_name
from talentbridge.mobility.checker import exit_entry_offices
from talentbridge.mobility.models import EmployerAttestation, Endorsement, Standing, StayRecord
from talentbridge.mobility.stays import StayStatus, stay_status, validity_days_left


def attestations_of_talent(*, talent: User) -> QuerySet[EmployerAttestation]:
    return EmployerAttestation.objects.filter(talent=talent).select_related("organisation", "decided_by")


def attestations_queue(
    *, staff: User, status: str | None = EmployerAttestation.Status.REQUESTED
) -> QuerySet[EmployerAttestation]:
    """The attestations asked of the staff member's organisation (none for anyone without one)."""
    rows = EmployerAttestation.objects.filter(organisation_id=staff.organisation_id or -1)
    if status:
        rows = rows.filter(status=status)
    return rows.select_related("talent", "organisation").order_by("requested_at", "pk")


def attestations_decided(*, staff: User) -> QuerySet[EmployerAttestation]:
    """The attestations the staff member's organisation has confirmed or refused, the latest decision first."""
    rows = EmployerAttestation.objects.filter(organisation_id=staff.organisation_id or -1).exclude(
        status=EmployerAttestation.Status.REQUESTED
    )
    return rows.select_related("talent", "decided_by").order_by("-decided_at", "-pk")


def attestations_decided_of_talent(*, talent: User) -> QuerySet[EmployerAttestation]:
    """The talent's attestations their organisation has confirmed or refused, the latest decision first."""
    rows = attestations_of_talent(talent=talent).exclude(status=EmployerAttestation.Status.REQUESTED)
    return rows.order_by("-decided_at", "-pk")


def attestation_id_of(value: Any) -> int | None:
    """The attestation id a case's data holds (a whole number, or its digits as text), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() else None


ENDORSEMENT_KIND = "talent_endorsement"  # casework's workflow of an application for an endorsement


def case_attestation(case: Any) -> EmployerAttestation | None:
    """The employer attestation an endorsement case stands on: the one its data names, else (a case filed
    before the platform recorded the link) the applicant's confirmed attestation from the employer the case
    names. None for any other case."""
    if getattr(case, "kind", "") != ENDORSEMENT_KIND:
        return None
    payload = case.payload or {}
    rows = EmployerAttestation.objects.filter(talent_id=case.applicant_id).select_related("organisation")
    attestation_id = attestation_id_of(payload.get("employer_attestation"))
    if attestation_id is not None:
        return rows.filter(pk=attestation_id).first()
    employer = str(payload.get("employer") or "").strip()
    if not employer:
        return None
    confirmed = rows.filter(organisation__name=employer, status=EmployerAttestation.Status.CONFIRMED)
    return confirmed.order_by("-decided_at", "-pk").first()


def attestation_of_case(*, user: User, case: Any) -> EmployerAttestation | None:
    """The employer attestation of an endorsement case (`case_attestation`), for its applicant, the reviewers
    of its authority and administrators; None for any other case or person. Read from the case's data:
    mobility does not import casework, which sits above it."""
    if getattr(case, "kind", "") != ENDORSEMENT_KIND or not getattr(user, "is_authenticated", False):
        return None
    allowed = (
        user.pk == case.applicant_id
        or user.role == Role.ADMINISTRATOR
        or (user.role == Role.REVIEWER and user.authority_id is not None and user.authority_id == case.authority_id)
    )
    return case_attestation(case) if allowed else None


def case_work_city(case: Any) -> str:
    """The city an endorsement case is for: the one it names, else (older cases) its deciding office's city."""
    city = (case.payload or {}).get("work_city")
    if city:
        return str(city)
    authority_city = getattr(case.authority, "city", None)
    return str(authority_city.code) if authority_city is not None else ""


HETAO_ANSWERS = ("works_in_hetao_shenzhen_park", "filed_with_hetao_park_management")


def endorsement_case_data(case: Any) -> dict[str, Any]:
    """The data an endorsement case carries, as its decision reads it: the work city (`case_work_city`),
    the Hetao Shenzhen Park answers (not answered is no) and the attestation it stands on
    (`case_attestation`). Any other case's data as it is."""
    payload = dict(case.payload or {})
    if getattr(case, "kind", "") != ENDORSEMENT_KIND:
        return payload
    payload["work_city"] = case_work_city(case) or payload.get("work_city")
    for name in HETAO_ANSWERS:
        payload[name] = "yes" if payload.get(name) == "yes" else "no"
    attestation = case_attestation(case)
    if attestation is not None:
        payload["employer_attestation"] = attestation.pk
    return payload


# The case states in which an application no longer holds the attestation it named (casework's workflow
# `talent_endorsement`): every other state, a draft and a decided case included, keeps it in use.
ATTESTATION_RELEASED_STATES = ("withdrawn", "refused", "expired")


def attestation_open_application(*, talent: User, attestation_id: int) -> Any | None:
    """The talent's application that names this attestation and still holds it (see
    `ATTESTATION_RELEASED_STATES`), or None. Read through the account's cases (`User.applications`):
    mobility does not import casework, which sits above it."""
    return (
        talent.applications.filter(payload__employer_attestation=attestation_id)
        .exclude(state__in=ATTESTATION_RELEASED_STATES)
        .order_by("pk")
        .first()
    )


def endorsements_of_holder(*, holder: User) -> QuerySet[Endorsement]:
    return Endorsement.objects.filter(holder=holder).prefetch_related("stays")


def endorsement_of_holder(*, holder: User, endorsement_id: int) -> Endorsement | None:
    """The holder's endorsement with this id; None for anyone else's (callers answer 404)."""
    return endorsements_of_holder(holder=holder).filter(pk=endorsement_id).first()


def exit_entry_office_choices(*, category: str | None = None, work_city: str = "") -> list[tuple[str, str]]:
    """(code, name) of the exit-entry offices an applicant may choose, all nine when the category allows."""
    offices = exit_entry_offices(category=category or "outstanding", work_city=work_city)
    return [(office.code, localized_name(office)) for office in offices]


def stays_with_status(*, endorsement: Endorsement, today: dt.date | None = None) -> list[StayStatus]:
    return [stay_status(stay, endorsement, today=today) for stay in endorsement.stays.all()]


def endorsements_approved_by_category_and_month() -> list[dict[str, Any]]:
    """`[{month, category, count}]` of approvals (grants), oldest month first.

    A flow of decisions: an endorsement granted in March and revoked in May still counts as approved in
    March. How many are valid now is `endorsements_in_force`.
    """
    rows = (
        Endorsement.objects.annotate(month=TruncMonth("granted_at"))
        .values("month", "category")
        .annotate(count=Count("pk"))
        .order_by("month", "category")
    )
    return [
        {
            "month": row["month"].date() if hasattr(row["month"], "date") else row["month"],
            "category": row["category"],
            "count": row["count"],
        }
        for row in rows
    ]


def endorsements_in_force(*, on: dt.date | None = None) -> QuerySet[Endorsement]:
    """Endorsements in force on `on` (default today): the validity rule of `Endorsement.standing`."""
    return Endorsement.objects.in_force(on or clock.today())


def endorsements_in_force_by_category(*, on: dt.date | None = None) -> dict[str, int]:
    """`{category: count}` of the endorsements in force on `on` (default today)."""
    rows = endorsements_in_force(on=on).order_by().values("category").annotate(n=Count("pk")).order_by("category")
    return {row["category"]: row["n"] for row in rows}


@dataclass(frozen=True)
class EndorsementValidity:
    """What a page or an API answer says about an endorsement's validity on a day."""

    endorsement: Endorsement
    standing: Standing
    days_left: int | None

    @property
    def in_force(self) -> bool:
        return self.standing == Standing.IN_FORCE

    @property
    def label(self) -> str:
        return str(self.standing.label)


def endorsement_validity(endorsement: Endorsement, *, on: dt.date | None = None) -> EndorsementValidity:
    on = on or clock.today()
    return EndorsementValidity(
        endorsement=endorsement,
        standing=endorsement.standing(on),
        days_left=validity_days_left(endorsement, today=on),
    )


def overstays(*, today: dt.date | None = None) -> list[StayStatus]:
    """Every stay longer than its endorsement's maximum, open or closed."""
    stays = StayRecord.objects.select_related("endorsement__holder")
    found = [stay_status(stay, stay.endorsement, today=today) for stay in stays.iterator()]
    return [status for status in found if status.overstay]

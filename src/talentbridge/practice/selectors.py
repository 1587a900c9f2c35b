"""Reads of practice: the public register, one's own and an authority's registrations, alerts, statistics."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.practice.models import (
    PRACTISING,
    CompensationMeasure,
    PracticeAlert,
    Registration,
    RegistrationStatus,
    Standing,
)
from talentbridge.practice.services import normalise_identifier

# What the public register may show: nothing private (no licence number, user, reasons or case).
PUBLIC_FIELDS = ("number", "full_name", "field", "zone", "authority__code", "valid_from", "valid_until", "status")
# The register's status filter: a stored status names the standing of a current registration.
REGISTER_STANDINGS: dict[str, Standing] = {
    RegistrationStatus.ACTIVE: Standing.IN_FORCE,
    RegistrationStatus.SUSPENDED: Standing.SUSPENDED,
    RegistrationStatus.PROVISIONAL: Standing.PROVISIONAL,
}


def register_search(
    *,
    name: str | None = None,
    field: str | None = None,
    zone: str | None = None,
    status: str | None = None,
    authority: str | None = None,
    on: dt.date | None = None,
) -> QuerySet[Registration]:
    """Current registrations on `on` (default today): in force, suspended or provisional, or the one of those
    asked for (`active`, `suspended`, `provisional`; anything else finds nothing). Public columns only.

    A renewed registration is superseded, so each professional appears once per field and zone.
    """
    on = on or clock.today()
    rows = Registration.objects.select_related("authority")
    if status:
        standing = REGISTER_STANDINGS.get(status)
        rows = rows.with_standing(standing, on) if standing else rows.none()
    else:
        rows = rows.current(on)
    if name and name.strip():
        rows = rows.filter(full_name__icontains=name.strip())
    if field:
        rows = rows.filter(field=field)
    if zone:
        rows = rows.filter(zone=zone)
    if authority:
        rows = rows.filter(authority__code=authority)
    return rows.only(
        "number", "full_name", "field", "zone", "authority", "valid_from", "valid_until", "status"
    ).order_by("full_name", "number")


@dataclass(frozen=True)
class RegistrationValidity:
    """What a page or an API answer says about a registration on a day."""

    registration: Registration
    standing: Standing
    renewable: bool

    @property
    def in_force(self) -> bool:
        return self.standing == Standing.IN_FORCE

    @property
    def practising(self) -> bool:
        """May practise on the day: in force, or provisionally."""
        return self.standing in PRACTISING

    @property
    def label(self) -> str:
        return str(self.standing.label)


def registration_validity(registration: Registration, *, on: dt.date | None = None) -> RegistrationValidity:
    on = on or clock.today()
    return RegistrationValidity(
        registration=registration, standing=registration.standing(on), renewable=registration.is_renewable(on)
    )


def registrations_of(*, user: User) -> QuerySet[Registration]:
    """A professional's own registrations; a reviewer's authority's; everything for an administrator."""
    rows = Registration.objects.select_related("authority")
    if not user.is_authenticated or not user.is_active:
        return rows.none()
    if user.role == Role.ADMINISTRATOR:
        return rows
    if user.role == Role.REVIEWER and user.authority_id:
        return rows.filter(authority_id=user.authority_id)
    if user.role == Role.APPLICANT:
        return rows.filter(professional=user)
    return rows.none()


def registration_get(*, user: User, registration_id: int) -> Registration | None:
    return registrations_of(user=user).filter(pk=registration_id).first()


def compensation_for(*, case_reference: str) -> list[CompensationMeasure]:
    return list(CompensationMeasure.objects.filter(case_reference=case_reference).select_related("required_by"))


def alerts_active(*, on: dt.date | None = None) -> QuerySet[PracticeAlert]:
    on = on or clock.today()
    return (
        PracticeAlert.objects.filter(withdrawn_at__isnull=True)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .select_related("authority", "raised_by")
    )


def _sees_alerts(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and ((user.role == Role.REVIEWER and user.authority_id) or user.role == Role.ADMINISTRATOR)
    )


def alerts_visible_to(*, user: User) -> QuerySet[PracticeAlert]:
    """Reviewers (of any authority) and administrators see alerts; nobody else does."""
    if _sees_alerts(user):
        return PracticeAlert.objects.select_related("authority", "raised_by")
    return PracticeAlert.objects.none()


def alerts_matching(
    *, user: User, identifiers: Iterable[str], field: str = "", exclude_own_authority: bool = True
) -> list[PracticeAlert]:
    """Active alerts on a person (any of `identifiers`: e-mail, licence number) for `field`, seen by `user`.

    A reviewer sees the alerts raised by other authorities (their own authority's are its own business).
    """
    wanted = {normalise_identifier(i) for i in identifiers if i and i.strip()}
    if not wanted or not _sees_alerts(user):
        return []
    alerts = alerts_active().filter(person_identifier__in=wanted)
    if field:
        alerts = alerts.filter(Q(field="") | Q(field=field))
    if exclude_own_authority and user.role == Role.REVIEWER:
        alerts = alerts.exclude(authority=user.authority)
    return list(alerts)


# Statistics (read-only; the dashboard comes later).


def registrations_by(*, dimension: str, on: dt.date | None = None) -> dict[str, int]:
    """Registrations in force on `on` (default today) counted by `field`, `zone`, `home_jurisdiction` or
    `month` (of validity start, YYYY-MM). Suspended, expired, revoked and superseded ones are not counted."""
    rows = Registration.objects.in_force(on or clock.today())
    if dimension == "month":
        counted = rows.annotate(month=TruncMonth("valid_from")).values("month").annotate(n=Count("pk"))
        return {f"{row['month']:%Y-%m}": row["n"] for row in counted.order_by("month")}
    if dimension not in {"field", "zone", "home_jurisdiction"}:
        raise ValueError(f"unknown dimension {dimension!r}")
    counted = rows.values(dimension).annotate(n=Count("pk")).order_by(dimension)
    return {row[dimension]: row["n"] for row in counted}


def applications_by_state(cases: QuerySet[Any]) -> dict[str, int]:
    """Practice applications by state; `cases` is casework's queryset of practice_registration cases."""
    return {row["state"]: row["n"] for row in cases.values("state").annotate(n=Count("pk")).order_by("state")}


def median_processing_days(cases: QuerySet[Any]) -> float | None:
    """Median days from submission to decision over decided cases (None when none is decided)."""
    spans = [
        (decided - submitted).total_seconds() / 86400
        for submitted, decided in cases.filter(submitted_at__isnull=False, decided_at__isnull=False).values_list(
            "submitted_at", "decided_at"
        )
    ]
    return round(statistics.median(spans), 2) if spans else None


def tacit_approvals() -> int:
    """Registrations granted because the authority missed its deadline (decisions, whatever happened since)."""
    return Registration.objects.filter(tacit=True).count()


def professionals_registered(*, on: dt.date | None = None) -> int:
    """Distinct professionals holding a mainland registration in force on `on` (default today)."""
    return Registration.objects.in_force(on or clock.today()).values("professional_id").distinct().count()


def statistics_summary(cases: QuerySet[Any]) -> dict[str, Any]:
    """Every figure at once (for the dashboard to come)."""
    return {
        "by_field": registrations_by(dimension="field"),
        "by_zone": registrations_by(dimension="zone"),
        "by_home_jurisdiction": registrations_by(dimension="home_jurisdiction"),
        "by_month": registrations_by(dimension="month"),
        "applications_by_state": applications_by_state(cases),
        "median_processing_days": median_processing_days(cases),
        "tacit_approvals": tacit_approvals(),
        "professionals_registered": professionals_registered(),
    }

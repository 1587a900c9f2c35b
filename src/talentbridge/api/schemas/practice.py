"""Schemas of cross-border practice: pathways, the check, applying, registrations, the register, alerts."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from ninja import Field, Schema

from talentbridge.api.schemas.common import StrictIn
from talentbridge.practice import selectors
from talentbridge.practice.models import PracticeAlert, Registration


class PathwayOut(Schema):
    field: str
    zone: str
    on: dt.date
    mechanism: str
    authority: str
    open_to: list[str]
    conditions: dict[str, Any]
    validity_years: int
    in_force_from: str | None
    ends_on: str | None
    references: list[str]
    documents: list[str]
    fee: dict[str, Any]
    processing_days: int | None
    tacit_approval: bool
    provisional: bool
    scope: str
    sources: list[str]


class PathwayFilters(Schema):
    field: str | None = None
    zone: str | None = None
    mechanism: str | None = None
    q: str | None = None
    on: dt.date | None = None


class CheckIn(StrictIn):
    field: str
    zone: str = "nine_cities"
    home_jurisdiction: str
    years_of_practice: float
    holds_home_licence: bool
    is_permanent_resident: bool
    is_chinese_citizen: bool
    has_disciplinary_record: bool
    on: str | None = None  # YYYY-MM-DD; default today


class ReasonOut(Schema):
    variable: str
    label: str
    met: bool


class PracticeCitationOut(Schema):
    name: str
    label: str
    value: Any
    effective_date: str | None
    reference: str | None


class ChangeOut(Schema):
    kind: str
    text: str
    months: int | None = None
    on: str | None = None
    answer: str | None = None
    value: Any = None
    mechanism: str | None = None
    authority: str | None = None


class CheckOut(Schema):
    determination_id: int
    period: str
    eligible: bool
    mechanism: str
    authority: str
    validity_years: int
    reasons: list[ReasonOut]
    citations: list[PracticeCitationOut]
    changes: list[ChangeOut]
    rules_version: dict[str, Any]


class ApplyIn(StrictIn):
    check: int
    city: str = ""
    licence_number: str = ""
    profession: str = ""


class ApplyOut(Schema):
    reference: str
    kind: str
    state: str
    authority: str
    payload: dict[str, Any]


class CompensationIn(StrictIn):
    report: str


class ReasonIn(StrictIn):
    reason: str


class RegistrationOut(Schema):
    id: int
    number: str
    full_name: str
    field: str
    zone: str
    city: str
    home_jurisdiction: str
    authority: str
    mechanism: str
    scope: str
    valid_from: dt.date
    valid_until: dt.date | None
    status: str
    tacit: bool
    certificate_id: uuid.UUID | None
    case_reference: str
    standing: Literal[
        "in_force", "provisional", "suspended", "not_yet_in_force", "expired", "lapsed", "revoked", "superseded"
    ] = Field(description="Where the registration stands today (status and dates together).")
    standing_label: str = Field(description="The standing in the request's language.")
    in_force: bool
    renewable: bool = Field(
        description="Whether `POST …/renew` may open a renewal (a fixed term, in force or expired)."
    )

    @staticmethod
    def resolve_authority(obj: Registration) -> str:
        return obj.authority.code

    @staticmethod
    def resolve_standing(obj: Registration) -> str:
        return str(selectors.registration_validity(obj).standing.value)

    @staticmethod
    def resolve_standing_label(obj: Registration) -> str:
        return selectors.registration_validity(obj).label

    @staticmethod
    def resolve_in_force(obj: Registration) -> bool:
        return selectors.registration_validity(obj).in_force

    @staticmethod
    def resolve_renewable(obj: Registration) -> bool:
        return selectors.registration_validity(obj).renewable


class RegisterEntryOut(Schema):
    """A public register row: nothing private (no licence number, case, reasons or account)."""

    number: str
    full_name: str
    field: str
    zone: str
    authority: str
    valid_until: dt.date | None
    status: str

    @staticmethod
    def resolve_authority(obj: Registration) -> str:
        return obj.authority.code


class RegisterFilters(Schema):
    name: str | None = None
    field: str | None = None
    zone: str | None = None
    status: Literal["active", "suspended", "provisional"] | None = Field(
        None, description="Only registrations in force (`active`), suspended or provisional today."
    )


class AlertIn(StrictIn):
    person_identifier: str
    field: str = ""
    reason: str
    expires_on: str | None = None  # YYYY-MM-DD


class AlertOut(Schema):
    id: int
    person_identifier: str
    field: str
    reason: str
    authority: str
    raised_at: dt.datetime
    expires_on: dt.date | None
    withdrawn_at: dt.datetime | None

    @staticmethod
    def resolve_authority(obj: PracticeAlert) -> str:
        return obj.authority.code

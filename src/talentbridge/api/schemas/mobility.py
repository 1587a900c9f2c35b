"""Schemas of mobility: the endorsement check, attestations, applying, endorsements, stays, border records."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from talentbridge.api.schemas.common import (
    CheckCategoryCode,
    DestinationCode,
    StayDestinationCode,
    StrictIn,
    TalentCategoryCode,
    WorkCityCode,
)
from talentbridge.mobility import selectors
from talentbridge.mobility.models import EmployerAttestation, Endorsement

HETAO_FILED = (
    "Hetao Shenzhen Park staff: has filed with the park's management (from 5 Nov 2025 such staff may obtain "
    "a 3-year endorsement without a talent certificate)."
)


class MobilityCheckIn(StrictIn):
    category: CheckCategoryCode = Field(description="Talent category, or `none`.")
    holds_valid_eep: bool
    work_city: WorkCityCode
    works_in_hetao_shenzhen_park: bool = False
    filed_with_hetao_park_management: bool = Field(False, description=HETAO_FILED)
    on: dt.date | None = Field(None, strict=False, description="Check as of this date (default: today).")


class ExitEntryOfficeOut(Schema):
    code: str
    name: str


class MobilityCheckOut(Schema):
    eligible: bool
    summary: str = Field(description="The answer in one sentence: the endorsement and its period, or why none.")
    validity_years: int | None = Field(description="Years of validity; null when no endorsement is available.")
    max_stay_days: int | None = Field(description="Longest stay in days; null when no endorsement is available.")
    covered_from: dt.date | None
    covered: bool
    any_gba_office: bool
    offices: list[ExitEntryOfficeOut]
    documents: list[dict[str, str]]
    reasons: list[str]
    sources: list[dict[str, Any]]
    determination_id: int | None


class AttestationRequestIn(StrictIn):
    organisation: int
    job_title: str = Field(max_length=120)
    professional_title: str
    employed_since: dt.date = Field(strict=False)


class AttestationDecisionIn(StrictIn):
    confirmed: bool
    reasons: str = Field(max_length=2000)


class AttestationFilters(Schema):
    status: Literal["requested", "confirmed", "refused", "all"] = "requested"


class AttestationOut(Schema):
    id: int
    talent_name: str
    organisation: int
    organisation_name: str
    job_title: str
    professional_title: str
    employed_since: dt.date
    status: str
    requested_at: dt.datetime
    decided_at: dt.datetime | None
    reasons: str

    @staticmethod
    def resolve_talent_name(obj: EmployerAttestation) -> str:
        return str(obj.talent.full_name)

    @staticmethod
    def resolve_organisation(obj: EmployerAttestation) -> int:
        return int(obj.organisation_id)

    @staticmethod
    def resolve_organisation_name(obj: EmployerAttestation) -> str:
        return str(obj.organisation.name)


class EndorsementApplyIn(Schema):
    """Form fields of a multipart request (the documents go as `documents`, one part per file)."""

    model_config = ConfigDict(extra="forbid")

    category: TalentCategoryCode
    destination: DestinationCode
    work_city: WorkCityCode
    works_in_hetao_shenzhen_park: bool = False
    filed_with_hetao_park_management: bool = Field(False, description=HETAO_FILED)
    employer_attestation: int
    eep_number: str = Field(max_length=20)
    authority: str = Field(
        "", max_length=40, description="Exit-entry office code; empty: the work city's (outstanding: any GBA office)."
    )
    document_types: list[str] = Field(
        [],
        description="One per file in `documents`, in the same order: the code of the required document it is "
        "(the category's, e.g. `eep`, `photo`), or empty for another document. Every required one must be given.",
    )


class EndorsementAppliedOut(Schema):
    reference: str
    state: str
    authority: str
    documents: int


class EndorsementOut(Schema):
    id: int
    case_reference: str
    category: str
    destination: str
    work_city: str
    valid_from: dt.date
    valid_to: dt.date
    standing: Literal["in_force", "not_yet_valid", "expired", "suspended", "revoked"] = Field(
        description="Where the endorsement stands today: only `in_force` allows a stay."
    )
    standing_label: str = Field(description="The standing in the request's language.")
    in_force: bool
    validity_days_left: int | None = Field(description="Days in force left, today included; null when not in force.")
    max_stay_days: int
    granted_at: dt.datetime

    @staticmethod
    def resolve_standing(obj: Endorsement) -> str:
        return str(selectors.endorsement_validity(obj).standing.value)

    @staticmethod
    def resolve_standing_label(obj: Endorsement) -> str:
        return selectors.endorsement_validity(obj).label

    @staticmethod
    def resolve_in_force(obj: Endorsement) -> bool:
        return selectors.endorsement_validity(obj).in_force

    @staticmethod
    def resolve_validity_days_left(obj: Endorsement) -> int | None:
        return selectors.endorsement_validity(obj).days_left


class StayOut(Schema):
    id: int
    destination: str
    entered_at: dt.datetime
    exited_at: dt.datetime | None
    source: str
    days_used: int
    days_left: int
    last_day: dt.date
    is_open: bool
    warning: bool
    overstay: bool


class StaysOut(Schema):
    endorsement: int
    max_stay_days: int
    warning_day: int
    warnings: list[str] = Field(description="Translated warnings: the stay nearing its limit, overstays.")
    stays: list[StayOut]


class StayEntryIn(StrictIn):
    destination: StayDestinationCode
    entered_at: dt.datetime = Field(strict=False, description="ISO 8601; without an offset, GBA time.")


class StayExitIn(StrictIn):
    exited_at: dt.datetime = Field(strict=False, description="ISO 8601; without an offset, GBA time.")


class BorderRecordsImportedOut(Schema):
    entries: int
    exits: int

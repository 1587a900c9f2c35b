"""Schemas of insurance: contribution imports, totals, estimates, awards, exemptions, benefit claims."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict

from talentbridge.api.schemas.common import BenefitCode, PaymentOptionCode, RetirementCategoryCode, WorkCityCode
from talentbridge.insurance.retirement import Category


class RejectedRowOut(Schema):
    row: int
    person: str
    reasons: list[str]


class ImportOut(Schema):
    id: int
    file_name: str
    status: str
    error: str = ""
    already_imported: bool = False
    rows_total: int
    rows_accepted: int
    rows_duplicate: int
    rows_rejected: int
    rejected: list[RejectedRowOut]
    progress: str | None


class SchemeTotalOut(Schema):
    scheme: str
    months: int
    years: int
    extra_months: int
    cities: list[str]
    overlap_months: int
    average_contribution_index: float


class EstimateIn(Schema):
    birth_month: str
    category: Category
    retirement_month: str | None = None
    disability_grade: int = 10
    employer_arranges_work: bool = False


class DeterminationOut(Schema):
    id: int
    period: str
    outputs: dict[str, Any]
    reasons: list[str]


class EstimateOut(Schema):
    statutory_retirement_month: str
    retirement_month: str
    rules_version: dict[str, str]
    pension: DeterminationOut
    unemployment: DeterminationOut
    work_injury: DeterminationOut


class AwardFigureOut(Schema):
    key: str
    label: str
    value: str


class AwardOut(Schema):
    case_reference: str
    benefit: str
    benefit_label: str
    city: str
    amounts: dict[str, Any]
    total: float
    figures: list[AwardFigureOut]
    rules_version: dict[str, str]
    decided_at: dt.datetime
    in_force: bool
    revoked_at: dt.datetime | None


class ProposedAwardOut(Schema):
    """What approving a claim today would award (figures), or why the rules grant nothing (refusal)."""

    case_reference: str
    benefit_label: str = ""
    figures: list[AwardFigureOut]
    refusal: str


class ExemptionIn(Schema):
    person_email: str
    evidence: str
    valid_from: dt.date
    valid_to: dt.date | None = None


class ExemptionOut(Schema):
    id: int
    person_email: str
    evidence: str
    valid_from: dt.date
    valid_to: dt.date | None


class ClaimIn(Schema):
    """Form fields of a multipart request (the documents go as `documents`, one part per file)."""

    model_config = ConfigDict(extra="forbid")

    benefit: BenefitCode
    city: WorkCityCode = Field(description="City of insurance: the claim goes to its social insurance fund.")
    insurance_number: str = Field(max_length=30)
    payment_option: PaymentOptionCode = Field("", description="Unemployment: default `monthly`.")
    involuntary_job_loss: bool = Field(False, description="Unemployment.")
    registered_as_job_seeker: bool = Field(False, description="Unemployment.")
    disability_grade: int | None = Field(None, description="Work injury (required): 1 to 10.")
    employer_arranges_work: bool = Field(False, description="Work injury.")
    birth_month: str = Field("", max_length=7, description="Pension (required): YYYY-MM.")
    retirement_category: RetirementCategoryCode = Field("", description="Pension (required).")
    confirm_end: bool = Field(
        False, description="Lump sum (required): the person's contribution periods end and the account is closed."
    )
    document_types: list[str] = Field(
        [],
        description="One per file in `documents`, in the same order: the code of the required document it is "
        "(`identity_card`; unemployment `employment_end_proof`; work injury `work_ability_assessment`; "
        "lump sum `termination_request`), or empty for another document. Every required one must be given.",
    )


class ClaimFiledOut(Schema):
    reference: str
    state: str
    authority: str
    documents: int

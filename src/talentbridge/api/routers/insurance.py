"""API router for insurance: contribution imports by agencies and funds; totals and estimates for the insured."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, UploadedFile
from pydantic import ConfigDict

from talentbridge.accounts.models import Role, User
from talentbridge.api.auth import AUTHENTICATED, current_user
from talentbridge.api.errors import error_responses
from talentbridge.api.schemas import (
    BenefitCode,
    PaymentOptionCode,
    RetirementCategoryCode,
    WorkCityCode,
    application_file_with_uploads,
    refuse_unknown_form_fields,
)
from talentbridge.core import languages
from talentbridge.core.errors import Forbidden, InvalidInput, NotFound
from talentbridge.insurance import selectors
from talentbridge.insurance.awards import award_for_case, award_list, award_view
from talentbridge.insurance.estimates import estimate_make
from talentbridge.insurance.models import BenefitAward, ContributionImport
from talentbridge.insurance.retirement import Category
from talentbridge.insurance.services import (
    CLAIM_KIND,
    benefit_claim_prepare,
    contribution_import_reconcile,
    contribution_import_retry,
    contribution_import_start,
    exemption_record,
    is_fund_staff,
    may_view_imports,
    month_parse,
)
from talentbridge.vocabulary import DISABILITY_GRADES

router = Router(tags=["insurance"], auth=AUTHENTICATED)


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


def _link(record: ContributionImport) -> str:
    return reverse("web:insurance_import", args=[record.pk])


def _import_out(record: ContributionImport, *, again: bool = False) -> ImportOut:
    return ImportOut(
        id=record.pk,
        file_name=record.original_name,
        status=record.status,
        error=record.error_text() if record.status == ContributionImport.Status.FAILED else "",
        already_imported=again,
        rows_total=record.rows_total,
        rows_accepted=record.rows_accepted,
        rows_duplicate=record.rows_duplicate,
        rows_rejected=record.rows_rejected,
        rejected=[RejectedRowOut(**entry) for entry in record.rejected_rows()],
        progress=str(record.progress_id) if record.progress_id else None,
    )


@router.post(
    "/insurance/imports",
    response={200: ImportOut, 202: ImportOut, **error_responses(400, 401, 403, 413, 422)},
    url_name="insurance_import_create",
)
def insurance_import_create(request: HttpRequest, file: File[UploadedFile]) -> tuple[int, ImportOut]:
    """Send a contribution file (CSV or XLSX, multipart `file`); 202 with the queued import, 200 if you sent it before.

    Columns: person_email, scheme, city, employer_name, employer_code, start_month (YYYY-MM),
    end_month (empty while contributing), monthly_wage. Follow `GET /insurance/imports/{id}`.
    An employer records rows only for its own employees under its own name; a fund for its city.
    Other rows are refused one by one in the report. A file you sent before whose import failed is retried.
    """
    user = current_user(request)
    refuse_unknown_form_fields(request, (), files=("file",))
    record, created = contribution_import_start(
        user=user,
        chunks=file.chunks(),
        original_name=(file.name or "").replace("\x00", ""),
        link=_link,
    )
    record.refresh_from_db()
    return (202 if created else 200), _import_out(record, again=not created)


@router.get(
    "/insurance/imports/{import_id}",
    response={200: ImportOut, **error_responses(401, 403, 404)},
    url_name="insurance_import",
)
def insurance_import_get(request: HttpRequest, import_id: int) -> ImportOut:
    """An import's status, counts and the rejected rows with their reasons (the first 1,000)."""
    user = current_user(request)
    if not may_view_imports(user):
        raise Forbidden(_("Only employers and social insurance funds can import contribution records."))
    record = selectors.import_get(user=user, import_id=import_id)
    if record is None:
        raise NotFound()
    return _import_out(contribution_import_reconcile(record=record))


@router.post(
    "/insurance/imports/{import_id}/retry",
    response={202: ImportOut, **error_responses(401, 403, 404, 409, 422)},
    url_name="insurance_import_retry",
)
def insurance_import_retry(request: HttpRequest, import_id: int) -> tuple[int, ImportOut]:
    """Run a failed import of yours again (202); rows it recorded before count once. 409 unless it failed."""
    record = contribution_import_retry(user=current_user(request), import_id=import_id, link=_link)
    return 202, _import_out(record)


def _applicant(request: HttpRequest) -> Any:
    user = current_user(request)
    if user.role != Role.APPLICANT:
        raise Forbidden(_("Only insured people have contribution records."))
    return user


@router.get(
    "/insurance/totals", response={200: list[SchemeTotalOut], **error_responses(401, 403)}, url_name="insurance_totals"
)
def insurance_totals(request: HttpRequest) -> list[SchemeTotalOut]:
    """The signed-in person's totals per scheme, periods in every city added up, overlaps counted once."""
    totals = selectors.person_totals(person=_applicant(request))
    return [
        SchemeTotalOut(
            scheme=t.scheme,
            months=t.months,
            years=t.years,
            extra_months=t.extra_months,
            cities=t.cities,
            overlap_months=t.overlap_months,
            average_contribution_index=round(t.average_contribution_index, 6),
        )
        for t in totals.values()
    ]


@router.post(
    "/insurance/estimates", response={201: EstimateOut, **error_responses(401, 403, 422)}, url_name="insurance_estimate"
)
def insurance_estimate(request: HttpRequest, body: EstimateIn) -> tuple[int, EstimateOut]:
    """Estimate the signed-in person's benefits with the rules kernel; stored as determinations, explained."""
    user = _applicant(request)
    errors: dict[str, list[str]] = {}
    birth = retirement = None
    try:
        birth = month_parse(body.birth_month, field="birth_month")
    except InvalidInput as error:
        errors.update(error.details)
    else:
        if birth is None:
            errors["birth_month"] = [_("This field is required.")]
        elif birth.year < 1930:
            errors["birth_month"] = [_("Enter a birth month from 1930 on.")]
    try:
        retirement = month_parse(body.retirement_month, field="retirement_month")
    except InvalidInput as error:
        errors.update(error.details)
    if body.disability_grade not in DISABILITY_GRADES:
        errors["disability_grade"] = [_("Choose a grade from 1 to 10.")]
    if errors:
        raise InvalidInput(details=errors)
    assert birth is not None
    result = estimate_make(
        person=user,
        birth_month=birth,
        category=body.category,
        retirement_month=retirement,
        disability_grade=body.disability_grade,
        employer_arranges_work=body.employer_arranges_work,
    )
    key = languages.language_key(getattr(request, "LANGUAGE_CODE", None))

    def out(determination: Any) -> DeterminationOut:
        return DeterminationOut(
            id=determination.pk,
            period=determination.period,
            outputs=determination.outputs,
            reasons=determination.explanation["text"][key],
        )

    return 201, EstimateOut(
        statutory_retirement_month=f"{result.statutory_retirement_month:%Y-%m}",
        retirement_month=f"{result.retirement_month:%Y-%m}",
        rules_version=result.pension.rule_set.as_dict(),
        pension=out(result.pension),
        unemployment=out(result.unemployment),
        work_injury=out(result.work_injury),
    )


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


def _award_out(award: BenefitAward) -> AwardOut:
    view = award_view(award)
    return AwardOut(
        case_reference=award.case_reference,
        benefit=award.benefit,
        benefit_label=view["benefit_label"],
        city=award.city.code,
        amounts=award.amounts,
        total=float(award.total),
        figures=[AwardFigureOut(key=f.key, label=f.label, value=f.value) for f in view["figures"]],
        rules_version=award.rule_set.as_dict(),
        decided_at=award.awarded_at,
        in_force=award.in_force,
        revoked_at=award.revoked_at,
    )


@router.get("/insurance/awards", response={200: list[AwardOut], **error_responses(401)}, url_name="insurance_awards")
def insurance_awards(request: HttpRequest) -> list[AwardOut]:
    """Benefits awarded: the signed-in person's own; a fund's staff those of its city; administrators all."""
    return [_award_out(award) for award in award_list(user=current_user(request))[:200]]


@router.get(
    "/insurance/awards/{case_reference}",
    response={200: AwardOut, **error_responses(401, 404)},
    url_name="insurance_award",
)
def insurance_award(request: HttpRequest, case_reference: str) -> AwardOut:
    """The award decided on one claim: amount, months or one-off sum, rules version and decision time."""
    award = award_for_case(user=current_user(request), case_reference=case_reference)
    if award is None:
        raise NotFound()
    return _award_out(award)


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


@router.post(
    "/insurance/exemptions",
    response={201: ExemptionOut, **error_responses(401, 403, 422)},
    url_name="insurance_exemption_record",
)
def insurance_exemption_record(request: HttpRequest, body: ExemptionIn) -> tuple[int, ExemptionOut]:
    """A social insurance fund records that a Macao resident is covered by Macao's first-tier social security.

    While the exemption runs, mainland pension and unemployment periods of that person are refused
    (no double contribution).
    """
    user = current_user(request)
    if not (is_fund_staff(user) or user.role == Role.ADMINISTRATOR):
        raise Forbidden(_("Only social insurance funds can record exemptions."))
    person = User.objects.filter(email=body.person_email.strip().lower(), is_active=True).first()
    if person is None:
        raise InvalidInput(details={"person_email": [_("No active person has this e-mail address.")]})
    exemption = exemption_record(
        person=person, evidence=body.evidence, valid_from=body.valid_from, valid_to=body.valid_to, recorded_by=user
    )
    return 201, ExemptionOut(
        id=exemption.pk,
        person_email=person.email,
        evidence=exemption.evidence,
        valid_from=exemption.valid_from,
        valid_to=exemption.valid_to,
    )


# --- benefit claims ------------------------------------------------------------------------------


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


@router.post(
    "/insurance/claims",
    response={201: ClaimFiledOut, **error_responses(400, 401, 403, 413, 422)},
    url_name="insurance_claim_file",
)
def insurance_claim_file(
    request: HttpRequest, data: Form[ClaimIn], documents: File[list[UploadedFile]]
) -> tuple[int, dict[str, Any]]:
    """Claim a benefit as the web page does (multipart): the case goes to the social insurance fund of the city
    of insurance, the documents are attached (each required one named in `document_types`) and the case is
    submitted, all or nothing. Only insured people claim (others: 403); a missing required document is 422 on
    `documents`, naming each one. A form field the claim does not have (`authority`, …) is 422 on that field and
    nothing is stored."""
    user = current_user(request)
    # the fund and the case's platform fields are the service's to set
    refuse_unknown_form_fields(request, ClaimIn, files=("documents",))
    with transaction.atomic():
        errors: dict[str, list[str]] = {}
        birth = None
        try:
            birth = month_parse(data.birth_month, field="birth_month")
        except InvalidInput as error:
            errors.update(error.details)
        types = list(data.document_types)
        if types and len(types) != len(documents):
            errors["document_types"] = [_("Give one document type per file, in the same order.")]
        try:
            authority, payload = benefit_claim_prepare(
                applicant=user,
                benefit=data.benefit,
                city=data.city,
                insurance_number=data.insurance_number,
                payment_option=data.payment_option,
                involuntary_job_loss=data.involuntary_job_loss,
                registered_as_job_seeker=data.registered_as_job_seeker,
                disability_grade=data.disability_grade,
                employer_arranges_work=data.employer_arranges_work,
                birth_month=birth,
                retirement_category=data.retirement_category,
                confirm_end=data.confirm_end,
            )
        except InvalidInput as error:
            raise InvalidInput(details={**error.details, **errors}) from error
        if errors:
            raise InvalidInput(details=errors)
        case = application_file_with_uploads(
            applicant=user, kind=CLAIM_KIND, authority_code=authority, payload=payload, uploads=documents, types=types
        )
    return 201, {"reference": case.reference, "state": case.state, "authority": authority, "documents": len(documents)}

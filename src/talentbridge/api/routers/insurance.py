"""API router for insurance: contribution imports by agencies and funds; totals and estimates for the insured."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Router, UploadedFile

from talentbridge.accounts.models import Role, User
from talentbridge.api.auth import AUTHENTICATED, current_user
from talentbridge.api.errors import error_responses
from talentbridge.api.schemas.common import refuse_unknown_form_fields
from talentbridge.api.schemas.insurance import (
    AwardFigureOut,
    AwardOut,
    ClaimFiledOut,
    ClaimIn,
    DeterminationOut,
    EstimateIn,
    EstimateOut,
    ExemptionIn,
    ExemptionOut,
    ImportOut,
    ProposedAwardOut,
    RejectedRowOut,
    SchemeTotalOut,
)
from talentbridge.api.schemas.uploads import filing_with_uploads
from talentbridge.casework.models import Application
from talentbridge.core import languages
from talentbridge.core.errors import Forbidden, NotFound
from talentbridge.insurance import selectors
from talentbridge.insurance.awards import award_for_case, award_list, award_proposal, award_view
from talentbridge.insurance.models import BenefitAward, ContributionImport
from talentbridge.insurance.services import (
    benefit_claim_file,
    benefit_estimate,
    contribution_import_reconcile,
    contribution_import_retry,
    contribution_import_start,
    exemption_record_by_email,
    may_view_imports,
)
from talentbridge.policy.models import Determination

router = Router(tags=["insurance"], auth=AUTHENTICATED)


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


def _applicant(request: HttpRequest) -> User:
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
    result = benefit_estimate(
        person=current_user(request),
        birth_month=body.birth_month,
        category=body.category,
        retirement_month=body.retirement_month,
        disability_grade=body.disability_grade,
        employer_arranges_work=body.employer_arranges_work,
    )
    key = languages.language_key(getattr(request, "LANGUAGE_CODE", None))

    def out(determination: Determination) -> DeterminationOut:
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


@router.get(
    "/insurance/claims/{case_reference}/proposed-award",
    response={200: ProposedAwardOut, **error_responses(401, 404)},
    url_name="insurance_proposed_award",
)
def insurance_proposed_award(request: HttpRequest, case_reference: str) -> ProposedAwardOut:
    """For the deciding fund's reviewers: what approving the claim today would award, as the page shows it."""
    case = Application.objects.select_related("authority", "applicant").filter(reference=case_reference).first()
    proposal = award_proposal(user=current_user(request), case=case) if case is not None else None
    if proposal is None:
        raise NotFound()
    figures = [AwardFigureOut(key=f.key, label=f.label, value=f.value) for f in proposal["figures"]]
    return ProposedAwardOut(
        case_reference=proposal["case_reference"],
        benefit_label=proposal.get("benefit_label", ""),
        figures=figures,
        refusal=proposal["refusal"],
    )


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
    exemption = exemption_record_by_email(
        actor=current_user(request),
        person_email=body.person_email,
        evidence=body.evidence,
        valid_from=body.valid_from,
        valid_to=body.valid_to,
    )
    return 201, ExemptionOut(
        id=exemption.pk,
        person_email=exemption.person.email,
        evidence=exemption.evidence,
        valid_from=exemption.valid_from,
        valid_to=exemption.valid_to,
    )


# --- benefit claims ------------------------------------------------------------------------------


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
    # the fund and the case's platform fields are the service's to set
    refuse_unknown_form_fields(request, ClaimIn, files=("documents",))
    case = benefit_claim_file(
        applicant=current_user(request),
        file_case=filing_with_uploads(documents, data.document_types),
        **data.dict(exclude={"document_types"}),
    )
    return 201, {
        "reference": case.reference,
        "state": case.state,
        "authority": case.authority.code,
        "documents": len(documents),
    }

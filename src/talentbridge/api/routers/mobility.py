"""API router for mobility: the public endorsement check, employer attestations, applying, endorsements,
stays, and border records for exit-entry staff."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, UploadedFile

from talentbridge.accounts.models import Role, User
from talentbridge.api.auth import AUTHENTICATED, current_user
from talentbridge.api.errors import error_responses
from talentbridge.api.routers.rules import SITUATION_OPENAPI, ClientRateThrottle
from talentbridge.api.schemas.common import refuse_unknown_form_fields
from talentbridge.api.schemas.mobility import (
    AttestationDecisionIn,
    AttestationFilters,
    AttestationOut,
    AttestationRequestIn,
    BorderRecordsImportedOut,
    EndorsementAppliedOut,
    EndorsementApplyIn,
    EndorsementOut,
    MobilityCheckIn,
    MobilityCheckOut,
    StayEntryIn,
    StayExitIn,
    StayOut,
    StaysOut,
)
from talentbridge.api.schemas.uploads import filing_with_uploads
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, NotFound
from talentbridge.core.models import localized_name
from talentbridge.mobility import selectors, services
from talentbridge.mobility.checker import CheckAnswers, endorsement_check
from talentbridge.mobility.models import EmployerAttestation, Endorsement
from talentbridge.mobility.stays import StayStatus, warning_day

router = Router(tags=["mobility"], auth=AUTHENTICATED)


class MobilityCheckThrottle(ClientRateThrottle):
    """The endorsement check asks the kernel and stores a determination: limited like `/rules/calculate`,
    counted separately."""

    scope = "mobility_check"


CHECK_THROTTLE = MobilityCheckThrottle()


# --- helpers -------------------------------------------------------------------------------------


def _stay_out(status: StayStatus) -> dict[str, Any]:
    stay = status.stay
    return {
        "id": stay.pk,
        "destination": stay.destination,
        "entered_at": stay.entered_at,
        "exited_at": stay.exited_at,
        "source": stay.source,
        "days_used": status.days_used,
        "days_left": status.days_left,
        "last_day": status.last_day,
        "is_open": status.is_open,
        "warning": status.warning,
        "overstay": status.overstay,
    }


def _warnings(statuses: list[StayStatus]) -> list[str]:
    messages = []
    for s in statuses:
        if s.warning:
            messages.append(
                _("Day %(day)s of at most %(limit)s days in this stay: leave by %(last)s.")
                % {"day": s.days_used, "limit": s.max_stay_days, "last": date_format(s.last_day, "DATE_FORMAT")}
            )
        if s.overstay:
            messages.append(
                _("Overstay: %(day)s days, more than the %(limit)s days allowed per stay.")
                % {"day": s.days_used, "limit": s.max_stay_days}
            )
    return messages


def _own_endorsement(request: HttpRequest, endorsement_id: int) -> Endorsement:
    endorsement = selectors.endorsement_of_holder(holder=current_user(request), endorsement_id=endorsement_id)
    if endorsement is None:
        raise NotFound()
    return endorsement


# --- check ---------------------------------------------------------------------------------------


@router.post(
    "/mobility/check",
    response={200: MobilityCheckOut, **error_responses(400, 413, 422, 429)},
    auth=None,
    throttle=CHECK_THROTTLE,
    openapi_extra={"responses": SITUATION_OPENAPI["responses"]},
    url_name="mobility_check",
)
def mobility_check(request: HttpRequest, data: MobilityCheckIn) -> dict[str, Any]:
    """Public eligibility check for a talent endorsement: the kernel's answer with reasons in the request's
    language, sources, documents and where to apply; stored as a determination. Rate-limited per client
    address like `/rules/calculate` (429 `rate_limited` with `Retry-After`)."""
    answers = CheckAnswers(
        category=data.category,
        holds_valid_eep=data.holds_valid_eep,
        work_city=data.work_city,
        works_in_hetao_shenzhen_park=data.works_in_hetao_shenzhen_park,
        filed_with_hetao_park_management=data.filed_with_hetao_park_management,
        on=data.on or clock.today(),
    )
    user = getattr(request, "user", None)
    result = endorsement_check(answers=answers, user=user if isinstance(user, User) else None)
    return {
        "eligible": result.eligible,
        "summary": result.summary,
        "validity_years": result.validity_years,
        "max_stay_days": result.max_stay_days,
        "covered_from": result.covered_from,
        "covered": result.covered,
        "any_gba_office": result.any_gba_office,
        "offices": [{"code": o.code, "name": localized_name(o)} for o in result.offices],
        "documents": result.documents,
        "reasons": result.reasons,
        "sources": result.sources,
        "determination_id": result.determination_id,
    }


# --- attestations --------------------------------------------------------------------------------


@router.post(
    "/mobility/attestations",
    response={201: AttestationOut, **error_responses(400, 401, 403, 422)},
    url_name="mobility_attestation_request",
)
def mobility_attestation_request(request: HttpRequest, data: AttestationRequestIn) -> tuple[int, EmployerAttestation]:
    """A mainland applicant asks their organisation to attest employment, post and professional title."""
    attestation = services.attestation_request(
        talent=current_user(request),
        organisation_id=data.organisation,
        job_title=data.job_title,
        professional_title=data.professional_title,
        employed_since=data.employed_since,
    )
    return 201, attestation


@router.get(
    "/mobility/attestations",
    response={200: list[AttestationOut], **error_responses(401, 403, 422)},
    url_name="mobility_attestations",
)
def mobility_attestations(request: HttpRequest, filters: Query[AttestationFilters]) -> QuerySet[EmployerAttestation]:
    """Organisation staff: the attestations asked of their organisation (`status`, default `requested`,
    oldest first). Applicants: their own requests. Anyone else: 403."""
    user = current_user(request)
    status = None if filters.status == "all" else filters.status
    if user.role == Role.ORGANISATION_STAFF:
        return selectors.attestations_queue(staff=user, status=status)[:500]
    if user.role == Role.APPLICANT:
        rows = selectors.attestations_of_talent(talent=user)
        return (rows.filter(status=status) if status else rows)[:500]
    raise Forbidden()


@router.post(
    "/mobility/attestations/{attestation_id}/decide",
    response={200: AttestationOut, **error_responses(400, 401, 404, 409, 422)},
    url_name="mobility_attestation_decide",
)
def mobility_attestation_decide(
    request: HttpRequest, attestation_id: int, data: AttestationDecisionIn
) -> EmployerAttestation:
    """The organisation's staff confirm or refuse a requested attestation, with reasons (others: 404)."""
    return services.attestation_decide(
        attestation_id=attestation_id, staff=current_user(request), confirmed=data.confirmed, reasons=data.reasons
    )


# --- applying ------------------------------------------------------------------------------------


@router.post(
    "/mobility/applications",
    response={201: EndorsementAppliedOut, **error_responses(400, 401, 403, 413, 422)},
    url_name="mobility_apply",
)
def mobility_apply(
    request: HttpRequest, data: Form[EndorsementApplyIn], documents: File[list[UploadedFile]]
) -> tuple[int, dict[str, Any]]:
    """Apply for a talent endorsement as the web page does (multipart): the case is opened at the work city's
    exit-entry office (outstanding talents may name any GBA office in `authority`), the documents attached
    (each required one named in `document_types`) and the case submitted, all or nothing. Needs an
    attestation the employer has confirmed; a missing required document is 422 on `documents`, naming it. A form
    field the application does not have (`employer`, `payload`, …) is 422 on that field and nothing is made."""
    # the office's and the case's platform fields are the service's to set
    refuse_unknown_form_fields(request, EndorsementApplyIn, files=("documents",))
    case = services.endorsement_apply(
        talent=current_user(request),
        category=data.category,
        destination=data.destination,
        work_city=data.work_city,
        attestation_id=data.employer_attestation,
        eep_number=data.eep_number,
        office_code=data.authority,
        works_in_hetao_shenzhen_park=data.works_in_hetao_shenzhen_park,
        filed_with_hetao_park_management=data.filed_with_hetao_park_management,
        file_case=filing_with_uploads(documents, data.document_types),
    )
    return 201, {
        "reference": case.reference,
        "state": case.state,
        "authority": case.authority.code,
        "documents": len(documents),
    }


# --- endorsements and stays ----------------------------------------------------------------------


@router.get(
    "/mobility/endorsements",
    response={200: list[EndorsementOut], **error_responses(401)},
    url_name="mobility_endorsements",
)
def mobility_endorsements(request: HttpRequest) -> QuerySet[Endorsement]:
    """The caller's own endorsements, newest first, with where each stands today and the days in force left."""
    return selectors.endorsements_of_holder(holder=current_user(request))


@router.get(
    "/mobility/endorsements/{endorsement_id}",
    response={200: EndorsementOut, **error_responses(401, 404)},
    url_name="mobility_endorsement",
)
def mobility_endorsement(request: HttpRequest, endorsement_id: int) -> Endorsement:
    """One of the caller's endorsements (anyone else's: 404)."""
    return _own_endorsement(request, endorsement_id)


@router.get(
    "/mobility/endorsements/{endorsement_id}/stays",
    response={200: StaysOut, **error_responses(401, 404)},
    url_name="mobility_stays",
)
def mobility_stays(request: HttpRequest, endorsement_id: int) -> dict[str, Any]:
    """The stays on the endorsement with days used (GBA calendar days, entry and exit day counted), the warning
    from the warning day (setting `MOBILITY_STAY_WARNING_DAY`) and overstays."""
    endorsement = _own_endorsement(request, endorsement_id)
    statuses = selectors.stays_with_status(endorsement=endorsement)
    return {
        "endorsement": endorsement.pk,
        "max_stay_days": endorsement.max_stay_days,
        "warning_day": warning_day(),
        "warnings": _warnings(statuses),
        "stays": [_stay_out(s) for s in statuses],
    }


def _status_of(endorsement_id: int, stay_id: int) -> dict[str, Any]:
    endorsement = Endorsement.objects.get(pk=endorsement_id)
    status = next(s for s in selectors.stays_with_status(endorsement=endorsement) if s.stay.pk == stay_id)
    return _stay_out(status)


@router.post(
    "/mobility/endorsements/{endorsement_id}/stays/entry",
    response={201: StayOut, **error_responses(400, 401, 404, 422)},
    url_name="mobility_stay_entry",
)
def mobility_stay_entry(request: HttpRequest, endorsement_id: int, data: StayEntryIn) -> tuple[int, dict[str, Any]]:
    """The holder records entering Hong Kong or Macao; overlapping or future entries are 422 on `entered_at`,
    an endorsement not in force today (revoked, suspended, expired) is 422 on `endorsement` and nothing is saved."""
    stay = services.stay_entry_log(
        holder=current_user(request),
        endorsement_id=endorsement_id,
        destination=data.destination,
        entered_at=data.entered_at,
    )
    return 201, _status_of(endorsement_id, stay.pk)


@router.post(
    "/mobility/endorsements/{endorsement_id}/stays/exit",
    response={200: StayOut, **error_responses(400, 401, 404, 422)},
    url_name="mobility_stay_exit",
)
def mobility_stay_exit(request: HttpRequest, endorsement_id: int, data: StayExitIn) -> dict[str, Any]:
    """The holder records leaving: the endorsement's open stay is closed."""
    stay = services.stay_exit_log(holder=current_user(request), endorsement_id=endorsement_id, exited_at=data.exited_at)
    return _status_of(endorsement_id, stay.pk)


# --- border records ------------------------------------------------------------------------------


@router.post(
    "/mobility/border-records",
    response={200: BorderRecordsImportedOut, **error_responses(400, 401, 403, 413, 422)},
    url_name="mobility_border_records",
)
def mobility_border_records(request: HttpRequest, file: File[UploadedFile]) -> dict[str, int]:
    """Exit-entry reviewers import border records: a UTF-8 CSV `endorsement,destination,direction,at`
    (case reference, HK/MO, entry/exit, ISO date-time) of at most 2 MB. All rows or none: the first bad
    row is reported as `details["line N"]`."""
    refuse_unknown_form_fields(request, (), files=("file",))
    return services.border_records_import(user=current_user(request), file=file)

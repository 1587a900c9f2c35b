"""Cross-border practice over HTTP: pathways, eligibility check, apply, compensation, registrations, alerts, register."""

import datetime as dt
import uuid
from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from talentbridge.accounts.models import Role
from talentbridge.api.auth import AUTHENTICATED, current_user
from talentbridge.api.errors import error_responses
from talentbridge.api.pagination import PagePagination
from talentbridge.api.routers.rules import ClientRateThrottle
from talentbridge.api.schemas import StrictIn
from talentbridge.casework import services as casework
from talentbridge.casework.selectors import application_get
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, InvalidInput, NotFound
from talentbridge.practice import catalogue, checker, selectors
from talentbridge.practice import services as practice
from talentbridge.practice.models import PracticeAlert, Registration

router = Router(tags=["practice"])
KIND = "practice_registration"


class PracticeCheckThrottle(ClientRateThrottle):
    """The eligibility check runs the kernel: the same per-address limit as `/rules/calculate`."""

    scope = "practice_check"


CHECK_THROTTLE = PracticeCheckThrottle()


# --- schemas -------------------------------------------------------------------------------


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


# --- pathways and the check (public) --------------------------------------------------------


@router.get("/practice/pathways", response=list[PathwayOut], auth=None, url_name="practice_pathways")
def pathways_list(request: HttpRequest, filters: Query[PathwayFilters]) -> list[dict[str, Any]]:
    """Pathways in force on `on` (default today): field x zone x mechanism, conditions, authority, sources."""
    found = catalogue.pathway_list(
        on=filters.on or clock.today(),
        field_code=filters.field or None,
        zone=filters.zone or None,
        mechanism=filters.mechanism or None,
        search=filters.q,
    )
    return [p.as_dict() for p in found]


@router.get(
    "/practice/pathways/{field}/{zone}",
    response={200: PathwayOut, **error_responses(404)},
    auth=None,
    url_name="practice_pathway",
)
def pathway_detail(request: HttpRequest, field: str, zone: str, on: dt.date | None = None) -> dict[str, Any]:
    found = catalogue.pathway_get(field, zone, on or clock.today())
    if found is None:
        raise NotFound()
    return found.as_dict()


@router.post(
    "/practice/check",
    response={200: CheckOut, **error_responses(400, 422, 429)},
    auth=None,
    throttle=CHECK_THROTTLE,
    url_name="practice_check",
)
def check(request: HttpRequest, data: CheckIn) -> dict[str, Any]:
    """Eligibility on a date (default today), stored as a determination, with reasons, sources and what would
    change the answer. Rate-limited per client address like `/rules/calculate`."""
    answers = checker.answers_from({**data.dict(), "on": data.on or clock.today()})
    user = getattr(request, "user", None)
    result = checker.check_run(answers=answers, user=user if user is not None and user.is_authenticated else None)
    return {k: v for k, v in result.items() if k not in {"answers", "pathway"}}


# --- applicants ----------------------------------------------------------------------------------


@router.post(
    "/practice/apply",
    response={201: ApplyOut, **error_responses(401, 403, 404, 422)},
    auth=AUTHENTICATED,
    url_name="practice_apply",
)
def apply(request: HttpRequest, data: ApplyIn) -> tuple[int, dict[str, Any]]:
    """A practice-registration draft from an eligible check, at the authority the rules name."""
    user = current_user(request)
    with transaction.atomic():
        authority, payload = practice.apply_prefill(
            determination_id=data.check,
            user=user,
            city=data.city,
            licence_number=data.licence_number,
            profession=data.profession,
        )
        case = casework.application_create(applicant=user, kind=KIND, authority_code=authority, payload=payload)
    return 201, {
        "reference": case.reference,
        "kind": case.kind,
        "state": case.state,
        "authority": case.authority.code,
        "payload": case.payload,
    }


@router.post(
    "/practice/applications/{reference}/compensation",
    response={200: ApplyOut, **error_responses(401, 403, 404, 409, 422)},
    auth=AUTHENTICATED,
    url_name="practice_compensation_report",
)
def compensation_report(request: HttpRequest, reference: str, data: CompensationIn) -> dict[str, Any]:
    """The applicant reports the adaptation period or aptitude test completed."""
    user = current_user(request)
    case = application_get(user=user, reference=reference)
    if case.kind != KIND:
        raise NotFound()
    case = casework.application_transition(
        application_id=case.pk, actor=user, transition="report_compensation", reason=data.report
    )
    return {
        "reference": case.reference,
        "kind": case.kind,
        "state": case.state,
        "authority": case.authority.code,
        "payload": case.payload,
    }


# --- registrations --------------------------------------------------------------------------


@router.get(
    "/practice/registrations",
    response={200: list[RegistrationOut], **error_responses(401)},
    auth=AUTHENTICATED,
    url_name="practice_registrations",
)
@paginate(PagePagination)
def registrations(request: HttpRequest) -> Any:
    """One's own registrations (applicants), the authority's (reviewers), all (administrators)."""
    return selectors.registrations_of(user=current_user(request)).order_by("-created_at", "-pk")


def _registration_action(request: HttpRequest, registration_id: int, reason: str, action: Any) -> Registration:
    user = current_user(request)
    if user.role not in (Role.REVIEWER, Role.ADMINISTRATOR):
        raise Forbidden()
    result: Registration = action(registration_id=registration_id, actor=user, reason=reason)
    return result


@router.post(
    "/practice/registrations/{registration_id}/suspend",
    response={200: RegistrationOut, **error_responses(401, 403, 404, 409, 422)},
    auth=AUTHENTICATED,
    url_name="practice_registration_suspend",
)
def registration_suspend(request: HttpRequest, registration_id: int, data: ReasonIn) -> Registration:
    return _registration_action(request, registration_id, data.reason, practice.registration_suspend)


@router.post(
    "/practice/registrations/{registration_id}/reinstate",
    response={200: RegistrationOut, **error_responses(401, 403, 404, 409, 422)},
    auth=AUTHENTICATED,
    url_name="practice_registration_reinstate",
)
def registration_reinstate(request: HttpRequest, registration_id: int, data: ReasonIn) -> Registration:
    return _registration_action(request, registration_id, data.reason, practice.registration_reinstate)


@router.post(
    "/practice/registrations/{registration_id}/revoke",
    response={200: RegistrationOut, **error_responses(401, 403, 404, 409, 422)},
    auth=AUTHENTICATED,
    url_name="practice_registration_revoke",
)
def registration_revoke(request: HttpRequest, registration_id: int, data: ReasonIn) -> Registration:
    return _registration_action(request, registration_id, data.reason, practice.registration_revoke)


@router.post(
    "/practice/registrations/{registration_id}/renew",
    response={201: ApplyOut, **error_responses(401, 403, 404, 409)},
    auth=AUTHENTICATED,
    url_name="practice_registration_renew",
)
def registration_renew(request: HttpRequest, registration_id: int) -> tuple[int, dict[str, Any]]:
    """Open a renewal draft of one's own registration, prefilled so that it can be submitted as it is. Only a
    registration with a fixed term, in force or expired, can be renewed (others: 409)."""
    user = current_user(request)
    if user.role != Role.APPLICANT:
        raise Forbidden(_("Only applicants can open applications."))
    with transaction.atomic():
        authority, payload = practice.renewal_prefill(registration_id=registration_id, professional=user)
        case = casework.application_create(applicant=user, kind=KIND, authority_code=authority, payload=payload)
    return 201, {
        "reference": case.reference,
        "kind": case.kind,
        "state": case.state,
        "authority": case.authority.code,
        "payload": case.payload,
    }


# --- the public register -----------------------------------------------------------------------


@router.get(
    "/practice/register",
    response={200: list[RegisterEntryOut], **error_responses(422)},
    auth=None,
    url_name="practice_register",
)
@paginate(PagePagination)
def register(request: HttpRequest, filters: Query[RegisterFilters]) -> Any:
    """Current registrations (in force, provisional or suspended today) by name, field, zone and status: public
    columns only. A renewed registration is superseded, so a professional appears once per field and zone."""
    return selectors.register_search(**{k: v or None for k, v in filters.dict().items()})


# --- alerts (reviewers) ----------------------------------------------------------------------------


def _alert_reader(request: HttpRequest) -> Any:
    user = current_user(request)
    if user.role not in (Role.REVIEWER, Role.ADMINISTRATOR):
        raise Forbidden()
    return user


@router.get(
    "/practice/alerts",
    response={200: list[AlertOut], **error_responses(401, 403)},
    auth=AUTHENTICATED,
    url_name="practice_alerts",
)
@paginate(PagePagination)
def alerts_list(request: HttpRequest) -> Any:
    return selectors.alerts_visible_to(user=_alert_reader(request))


@router.post(
    "/practice/alerts",
    response={201: AlertOut, **error_responses(401, 403, 422)},
    auth=AUTHENTICATED,
    url_name="practice_alert_create",
)
def alert_create(request: HttpRequest, data: AlertIn) -> tuple[int, PracticeAlert]:
    expires_on = None
    if data.expires_on:
        try:
            expires_on = dt.date.fromisoformat(data.expires_on)
        except ValueError as error:
            raise InvalidInput(details={"expires_on": [_("Enter a date as YYYY-MM-DD.")]}) from error
    alert = practice.alert_raise(
        actor=current_user(request),
        person_identifier=data.person_identifier,
        field=data.field,
        reason=data.reason,
        expires_on=expires_on,
    )
    return 201, alert


@router.get(
    "/practice/alerts/{alert_id}",
    response={200: AlertOut, **error_responses(401, 403, 404)},
    auth=AUTHENTICATED,
    url_name="practice_alert",
)
def alert_get(request: HttpRequest, alert_id: int) -> PracticeAlert:
    alert = selectors.alerts_visible_to(user=_alert_reader(request)).filter(pk=alert_id).first()
    if alert is None:
        raise NotFound()
    return alert


@router.delete(
    "/practice/alerts/{alert_id}",
    response={200: AlertOut, **error_responses(401, 403, 404, 409)},
    auth=AUTHENTICATED,
    url_name="practice_alert_withdraw",
)
def alert_withdraw(request: HttpRequest, alert_id: int) -> PracticeAlert:
    """Withdraw one's authority's alert (kept on record with the time it was withdrawn)."""
    return practice.alert_withdraw(actor=current_user(request), alert_id=alert_id)

"""Cross-border practice over HTTP: pathways, eligibility check, apply, compensation, registrations, alerts, register."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from talentbridge.accounts.models import Role, User
from talentbridge.api.auth import AUTHENTICATED, current_user
from talentbridge.api.errors import error_responses
from talentbridge.api.pagination import PagePagination
from talentbridge.api.routers.rules import ClientRateThrottle
from talentbridge.api.schemas.practice import (
    AlertIn,
    AlertOut,
    ApplyIn,
    ApplyOut,
    CheckIn,
    CheckOut,
    CompensationIn,
    PathwayFilters,
    PathwayOut,
    ReasonIn,
    RegisterEntryOut,
    RegisterFilters,
    RegistrationOut,
)
from talentbridge.casework import services as casework
from talentbridge.casework.models import Application
from talentbridge.casework.selectors import application_get
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, InvalidInput, NotFound
from talentbridge.practice import catalogue, checker, selectors
from talentbridge.practice import services as practice
from talentbridge.practice.models import PracticeAlert, Registration

router = Router(tags=["practice"])


class PracticeCheckThrottle(ClientRateThrottle):
    """The eligibility check runs the kernel: the same per-address limit as `/rules/calculate`."""

    scope = "practice_check"


CHECK_THROTTLE = PracticeCheckThrottle()


def _case_out(case: Application) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "kind": case.kind,
        "state": case.state,
        "authority": case.authority.code,
        "payload": case.payload,
    }


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
    case = practice.practice_apply(
        user=current_user(request),
        determination_id=data.check,
        city=data.city,
        licence_number=data.licence_number,
        profession=data.profession,
        open_case=casework.application_create,
    )
    return 201, _case_out(case)


@router.post(
    "/practice/applications/{reference}/compensation",
    response={200: ApplyOut, **error_responses(401, 403, 404, 409, 422)},
    auth=AUTHENTICATED,
    url_name="practice_compensation_report",
)
def compensation_report(request: HttpRequest, reference: str, data: CompensationIn) -> dict[str, Any]:
    """The applicant reports the adaptation period or aptitude test completed."""
    user = current_user(request)
    case = practice.compensation_report(
        case=application_get(user=user, reference=reference),
        actor=user,
        report=data.report,
        step=casework.application_transition,
    )
    return _case_out(case)


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


def _registration_action(
    request: HttpRequest, registration_id: int, reason: str, action: Callable[..., Registration]
) -> Registration:
    """Suspend, reinstate or revoke: the service decides who may (the registering authority, administrators)."""
    return action(registration_id=registration_id, actor=current_user(request), reason=reason)


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
    case = practice.renewal_open(
        registration_id=registration_id, professional=current_user(request), open_case=casework.application_create
    )
    return 201, _case_out(case)


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


def _alert_reader(request: HttpRequest) -> User:
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

"""Workflow steps on a case: transitions, requests for information, home-authority verification."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from talentbridge.accounts.models import User
from talentbridge.api.auth import AUTHENTICATED
from talentbridge.api.errors import error_responses
from talentbridge.api.routers.applications import CaseView, case_detail, case_for
from talentbridge.api.schemas.applications import (
    ApplicationDetailOut,
    InfoReplyIn,
    InfoRequestIn,
    TransitionIn,
    VerificationIn,
    VerificationRespondIn,
)
from talentbridge.casework import selectors, services
from talentbridge.core.errors import InvalidInput

router = Router(tags=["applications"], auth=AUTHENTICATED)

ACTION_ERRORS = error_responses(400, 401, 403, 404, 409, 422)

# Steps that record more than a state change; the generic endpoint would skip their records.
DEDICATED_ENDPOINTS = {
    "request_info": "info-requests",
    "reply": "info-requests/reply",
    "request_verification": "verifications",
    "confirm_verification": "verifications/respond",
    "deny_verification": "verifications/respond",
}


def fresh_detail(user: User, reference: str) -> CaseView:
    """The case as it is after the step (services may hand back a stale instance)."""
    return case_detail(user, selectors.application_get(user=user, reference=reference))


@router.post(
    "/applications/{reference}/transitions",
    response={200: ApplicationDetailOut, **ACTION_ERRORS},
    url_name="application_transition",
)
def application_transition(request: HttpRequest, reference: str, data: TransitionIn) -> CaseView:
    """Take a workflow transition (submit, start_review, approve, refuse, withdraw, revoke, …)."""
    user, application = case_for(request, reference)
    if data.transition in DEDICATED_ENDPOINTS:
        endpoint = DEDICATED_ENDPOINTS[data.transition]
        raise InvalidInput(
            details={"transition": [_("Use the %(endpoint)s endpoint for this step.") % {"endpoint": endpoint}]}
        )
    services.application_transition(
        application_id=application.pk,
        actor=user,
        transition=data.transition,
        reason=data.reason,
        expected_version=data.expected_version,
    )
    return fresh_detail(user, reference)


@router.post(
    "/applications/{reference}/info-requests",
    response={201: ApplicationDetailOut, **ACTION_ERRORS},
    url_name="info_request_create",
)
def info_request_create(request: HttpRequest, reference: str, data: InfoRequestIn) -> tuple[int, CaseView]:
    """A reviewer asks the applicant for more information (the message is the reason)."""
    user, application = case_for(request, reference)
    services.info_request_create(
        application_id=application.pk, reviewer=user, message=data.message, expected_version=data.expected_version
    )
    return 201, fresh_detail(user, reference)


@router.post(
    "/applications/{reference}/info-requests/reply",
    response={200: ApplicationDetailOut, **ACTION_ERRORS},
    url_name="info_request_reply",
)
def info_request_reply(request: HttpRequest, reference: str, data: InfoReplyIn) -> CaseView:
    """The applicant answers the open request; the case goes back to the reviewer."""
    user, application = case_for(request, reference)
    services.info_request_reply(
        application_id=application.pk, applicant=user, reply=data.reply, expected_version=data.expected_version
    )
    return fresh_detail(user, reference)


@router.post(
    "/applications/{reference}/verifications",
    response={201: ApplicationDetailOut, **ACTION_ERRORS},
    url_name="verification_request",
)
def verification_request(request: HttpRequest, reference: str, data: VerificationIn) -> tuple[int, CaseView]:
    """A reviewer asks another authority (e.g. the home registration body) to confirm something."""
    user, application = case_for(request, reference)
    services.verification_request(
        application_id=application.pk,
        reviewer=user,
        authority_code=data.authority,
        question=data.question,
        expected_version=data.expected_version,
    )
    return 201, fresh_detail(user, reference)


@router.post(
    "/applications/{reference}/verifications/respond",
    response={200: ApplicationDetailOut, **ACTION_ERRORS},
    url_name="verification_respond",
)
def verification_respond(request: HttpRequest, reference: str, data: VerificationRespondIn) -> CaseView:
    """The verifying authority confirms or denies (a denial needs a note)."""
    user, application = case_for(request, reference)
    services.verification_respond(
        application_id=application.pk,
        verifier=user,
        confirmed=data.confirmed,
        note=data.note,
        expected_version=data.expected_version,
    )
    return fresh_detail(user, reference)

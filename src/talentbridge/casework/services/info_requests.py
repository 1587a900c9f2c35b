"""Requests for information: the reviewer asks, the applicant replies, the case goes back to review."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from talentbridge.accounts.models import User
from talentbridge.casework.models import InfoRequest
from talentbridge.casework.services.transitions import transition_take
from talentbridge.core import clock
from talentbridge.core.errors import IllegalTransition, InvalidInput
from talentbridge.core.text import clean_text


def info_request_create(
    *, application_id: int, reviewer: User, message: str, expected_version: int | None = None
) -> InfoRequest:
    """Ask the applicant for more information (one notice listing everything missing)."""
    with transaction.atomic():
        application = transition_take(
            application_id=application_id,
            actor=reviewer,
            transition="request_info",
            reason=message,
            expected_version=expected_version,
        )
        return InfoRequest.objects.create(
            application=application,
            requested_by=reviewer,
            message=clean_text(message, field="reason"),
            requested_at=clock.now(),
        )


def info_request_reply(
    *, application_id: int, applicant: User, reply: str, expected_version: int | None = None
) -> InfoRequest:
    """Answer the open information request; the case goes back to the reviewer."""
    reply = clean_text(reply, field="reply")
    if not reply:
        raise InvalidInput(details={"reply": [_("Write a reply.")]})
    with transaction.atomic():
        application = transition_take(
            application_id=application_id, actor=applicant, transition="reply", expected_version=expected_version
        )
        request = application.info_requests.filter(replied_at__isnull=True).order_by("-requested_at").first()
        if request is None:  # a workflow that reaches info_requested always opened one
            raise IllegalTransition(_("There is no open request for information."))
        request.reply, request.replied_by, request.replied_at = reply, applicant, clock.now()
        request.save(update_fields=["reply", "replied_by", "replied_at"])
        request.application = application
        return request

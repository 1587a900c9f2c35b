"""What practice_registration steps do in the practice domain (declared as `effect:` in the workflow file).

Casework calls each function inside the step's transaction with the case (an `Application`, read by
attribute only: practice does not import casework), the actor, the reason and the step's data.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from talentbridge.accounts.models import User
from talentbridge.core import clock
from talentbridge.core.errors import IllegalTransition, InvalidInput
from talentbridge.practice import services
from talentbridge.practice.models import CompensationMeasure
from talentbridge.practice.services.applying import case_terms, pathway_closed_refusal


def provisional_on_submit(*, application: Any, actor: User | None, reason: str, data: dict[str, Any]) -> None:
    """Administrative confirmation: the professional may practise from submission, provisionally.

    Submission is filing: it is refused unless the case's pathway is in force today (a draft may be older)."""
    closed = pathway_closed_refusal(case_terms(application.payload), clock.today())
    if closed:
        raise IllegalTransition(closed)
    services.registration_provisional_create(
        professional=application.applicant,
        payload=application.payload,
        authority=application.authority,
        case_reference=application.reference,
    )


def registration_on_approval(*, application: Any, actor: User | None, reason: str, data: dict[str, Any]) -> None:
    """Approval (or confirmation after compensation): the registration and its certificate."""
    services.registration_grant(
        professional=application.applicant,
        payload=application.payload,
        authority=application.authority,
        case_reference=application.reference,
    )
    CompensationMeasure.objects.filter(
        case_reference=application.reference, reported_at__isnull=False, confirmed_at__isnull=True
    ).update(confirmed_at=clock.now(), confirmed_by=actor)


def registration_on_tacit_approval(*, application: Any, actor: User | None, reason: str, data: dict[str, Any]) -> None:
    """A missed deadline approves only where the pathway provides tacit approval; otherwise the step fails."""
    services.registration_grant(
        professional=application.applicant,
        payload=application.payload,
        authority=application.authority,
        case_reference=application.reference,
        tacit=True,
    )


def provisional_on_end(*, application: Any, actor: User | None, reason: str, data: dict[str, Any]) -> None:
    """Refusal or withdrawal ends a provisional registration."""
    services.registration_end_provisional(case_reference=application.reference, reason=reason)


def registration_on_revocation(*, application: Any, actor: User | None, reason: str, data: dict[str, Any]) -> None:
    services.registration_revoke_for_case(case_reference=application.reference, reason=reason)


def _months(data: dict[str, Any]) -> int | None:
    """1 to 36 as an int, or a string of ASCII digits (`²` and `٣` pass `isdigit` but are no answer)."""
    raw = data.get("months")
    if raw in (None, ""):
        return None
    text = str(raw).strip() if isinstance(raw, (int, str)) and not isinstance(raw, bool) else ""
    if not (text.isascii() and text.isdecimal() and len(text) <= 2 and 1 <= int(text) <= 36):
        raise InvalidInput(details={"months": [_("Enter a number of months from 1 to 36.")]})
    return int(text)


def _require(application: Any, actor: User | None, reason: str, data: dict[str, Any], kind: str) -> None:
    CompensationMeasure.objects.create(
        case_reference=application.reference,
        kind=kind,
        description=reason,
        months=_months(data),
        required_by=actor,
        required_at=clock.now(),
    )


def adaptation_period_required(*, application: Any, actor: User | None, reason: str, data: dict[str, Any]) -> None:
    """Approval with compensation: a supervised adaptation period (the reason says where and how long)."""
    _require(application, actor, reason, data, CompensationMeasure.Kind.ADAPTATION_PERIOD)


def aptitude_test_required(*, application: Any, actor: User | None, reason: str, data: dict[str, Any]) -> None:
    """Approval with compensation: an aptitude test (the reason names the subjects)."""
    _require(application, actor, reason, data, CompensationMeasure.Kind.APTITUDE_TEST)


def compensation_reported(*, application: Any, actor: User | None, reason: str, data: dict[str, Any]) -> None:
    """The applicant reports the measure completed; the host authority confirms it next."""
    CompensationMeasure.objects.filter(case_reference=application.reference, reported_at__isnull=True).update(
        reported_at=clock.now(), report=reason
    )

"""A registration's standing, changed by its authority: suspend, reinstate, revoke; and expiry by date."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, IllegalTransition, NotFound, ReasonRequired
from talentbridge.core.text import clean_text
from talentbridge.credentials import services as credentials
from talentbridge.practice.models import Registration, RegistrationStatus, Standing
from talentbridge.practice.services.common import registration_save

# Who decides on registrations: a reviewer of the registering authority, or an administrator.
MANAGERS = frozenset({Role.REVIEWER, Role.ADMINISTRATOR})


def _may_manage(actor: User | None) -> None:
    """Who may change registrations at all, decided before anything they sent is looked at (no actor: the
    platform itself, on a case's revocation)."""
    if actor is not None and (not actor.is_active or actor.role not in MANAGERS):
        raise Forbidden(_("Only the registering authority can change a registration."))


def _managed(registration_id: int, actor: User | None) -> Registration:
    registration = (
        Registration.objects.select_for_update().select_related("authority").filter(pk=registration_id).first()
    )
    if registration is None:
        raise NotFound()
    if actor is None:
        return registration
    _may_manage(actor)
    if actor.role == Role.REVIEWER and actor.authority_id != registration.authority_id:
        raise NotFound()  # other authorities' registrations are not theirs to see
    return registration


def _reason(reason: str) -> str:
    text = clean_text(reason, field="reason", max_length=2000)
    if not text:
        raise ReasonRequired(details={"reason": [_("A reason is required.")]})
    return text


def registration_suspend(*, registration_id: int, actor: User | None, reason: str) -> Registration:
    """Suspend an active registration and its certificate, with a reason."""
    _may_manage(actor)
    text = _reason(reason)
    with transaction.atomic():
        registration = _managed(registration_id, actor)
        if not registration.is_in_force(clock.today()):
            raise IllegalTransition(_("Only an active registration can be suspended."))
        if registration.certificate_id:
            credentials.certificate_suspend(certificate_id=registration.certificate_id, actor=None, reason=text)
        registration.status, registration.status_reason = RegistrationStatus.SUSPENDED, text
        return registration_save(registration)


def registration_reinstate(*, registration_id: int, actor: User | None, reason: str) -> Registration:
    """Lift a suspension."""
    _may_manage(actor)
    text = _reason(reason)
    with transaction.atomic():
        registration = _managed(registration_id, actor)
        if registration.standing(clock.today()) != Standing.SUSPENDED:  # a suspension past the end is expired
            raise IllegalTransition(_("Only a suspended registration can be reinstated."))
        if registration.certificate_id:
            credentials.certificate_reinstate(certificate_id=registration.certificate_id, actor=None, reason=text)
        registration.status, registration.status_reason = RegistrationStatus.ACTIVE, text
        return registration_save(registration)


def registration_revoke(*, registration_id: int, actor: User | None, reason: str) -> Registration:
    """Revoke a registration for good, and its certificate."""
    _may_manage(actor)
    text = _reason(reason)
    with transaction.atomic():
        registration = _managed(registration_id, actor)
        if registration.status not in {
            RegistrationStatus.ACTIVE,
            RegistrationStatus.SUSPENDED,
            RegistrationStatus.PROVISIONAL,
        }:
            raise IllegalTransition(_("This registration is no longer in force."))
        if registration.certificate_id:
            credentials.certificate_revoke(certificate_id=registration.certificate_id, actor=None, reason=text)
        registration.status, registration.status_reason = RegistrationStatus.REVOKED, text
        return registration_save(registration)


def registration_revoke_for_case(*, case_reference: str, reason: str) -> int:
    """A case's approval revoked: every registration it granted (still in force) is revoked too."""
    revoked = 0
    with transaction.atomic():
        ids = Registration.objects.filter(
            case_reference=case_reference,
            status__in=[RegistrationStatus.ACTIVE, RegistrationStatus.SUSPENDED, RegistrationStatus.PROVISIONAL],
        ).values_list("pk", flat=True)
        for registration_id in list(ids):
            registration_revoke(registration_id=registration_id, actor=None, reason=reason)
            revoked += 1
    return revoked


def registrations_expire(*, today: dt.date | None = None) -> int:
    """Registrations (and provisional ones) past their last day become expired (lapsed)."""
    today = today or clock.today()
    with transaction.atomic():
        expired = Registration.objects.filter(
            status__in=[RegistrationStatus.ACTIVE, RegistrationStatus.SUSPENDED], valid_until__lt=today
        ).update(status=RegistrationStatus.EXPIRED, updated_at=clock.now())
        lapsed = Registration.objects.filter(status=RegistrationStatus.PROVISIONAL, valid_until__lt=today).update(
            status=RegistrationStatus.LAPSED, updated_at=clock.now()
        )
    return expired + lapsed

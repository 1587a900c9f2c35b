"""Practice alerts: a reviewer flags a professional barred from practice, for other authorities to see."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, IllegalTransition, InvalidInput, NotFound
from talentbridge.core.text import clean_text
from talentbridge.practice import catalogue
from talentbridge.practice.models import PracticeAlert


def _reviewer(actor: User) -> None:
    if not actor.is_active or actor.role != Role.REVIEWER or not actor.authority_id:
        raise Forbidden(_("Only reviewers of an authority can manage alerts."))


def normalise_identifier(value: str) -> str:
    return "".join(value.split()).casefold()


def alert_raise(
    *, actor: User, person_identifier: str, field: str = "", reason: str, expires_on: dt.date | None = None
) -> PracticeAlert:
    """Flag a professional as barred from practice (by e-mail or home licence number), for other authorities."""
    _reviewer(actor)
    errors: dict[str, list[str]] = {}
    identifier = normalise_identifier(clean_text(person_identifier, field="person_identifier", max_length=120))
    if not identifier:
        errors["person_identifier"] = [_("Enter the person's e-mail address or home licence number.")]
    if field and field not in catalogue.FIELDS:
        errors["field"] = [_("Choose a profession from the list.")]
    text = clean_text(reason, field="reason", max_length=2000)
    if not text:
        errors["reason"] = [_("A reason is required.")]
    if expires_on is not None and expires_on <= clock.today():
        errors["expires_on"] = [_("Choose a date in the future.")]
    if errors:
        raise InvalidInput(details=errors)
    with transaction.atomic():
        alert = PracticeAlert(
            person_identifier=identifier,
            field=field,
            reason=text,
            authority=actor.authority,
            raised_by=actor,
            raised_at=clock.now(),
            expires_on=expires_on,
        )
        alert.save()
        return alert


def alert_withdraw(*, actor: User, alert_id: int) -> PracticeAlert:
    """The raising authority withdraws its alert (it stays on record)."""
    _reviewer(actor)
    with transaction.atomic():
        alert = PracticeAlert.objects.select_for_update().filter(pk=alert_id).first()
        if alert is None:
            raise NotFound()
        if alert.authority_id != actor.authority_id:
            raise Forbidden(_("Only the authority that raised an alert can withdraw it."))
        if alert.withdrawn_at is not None:
            raise IllegalTransition(_("This alert is already withdrawn."))
        alert.withdrawn_at = clock.now()
        alert.save(update_fields=["withdrawn_at"])
        return alert

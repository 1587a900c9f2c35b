"""Exemptions (a Macao resident covered by Macao's social security) and the end of a person's open periods."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, InvalidInput
from talentbridge.insurance.models import ContributionPeriod, Exemption
from talentbridge.insurance.services.imports import is_fund_staff


def _may_record_exemptions(actor: User) -> None:
    if not (is_fund_staff(actor) or (actor.is_active and actor.role == Role.ADMINISTRATOR)):
        raise Forbidden(_("Only social insurance funds can record exemptions."))


def exemption_record(
    *,
    person: User,
    evidence: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    recorded_by: User | None = None,
) -> Exemption:
    """Record a Macao resident's first-tier social security cover: no mainland pension or unemployment then.

    Recorded by a social insurance fund's staff or an administrator (`recorded_by`; None: the platform itself).
    """
    if recorded_by is not None:
        _may_record_exemptions(recorded_by)
    if person.residence != "MO":
        raise InvalidInput(details={"person": [_("Only Macao residents can be exempted.")]})
    if not evidence.strip():
        raise InvalidInput(details={"evidence": [_("Name the evidence of Macao social security cover.")]})
    if valid_to is not None and valid_to < valid_from:
        raise InvalidInput(details={"valid_to": [_("The end is before the start.")]})
    with transaction.atomic():
        exemption = Exemption(
            person=person, evidence=evidence.strip(), valid_from=valid_from, valid_to=valid_to, recorded_by=recorded_by
        )
        exemption.full_clean()
        exemption.save()
    return exemption


def periods_end_open(*, person: User, last_month: dt.date | None = None) -> int:
    """End every open period of `person` with `last_month` (default: this month); returns how many."""
    month = (last_month or clock.today()).replace(day=1)
    with transaction.atomic():
        ended = 0
        for period in ContributionPeriod.objects.select_for_update().filter(person=person, end_month__isnull=True):
            period.end_month = max(month, period.start_month)
            period.save(update_fields=["end_month"])
            ended += 1
    return ended


def exemption_record_by_email(
    *, actor: User, person_email: str, evidence: str, valid_from: dt.date, valid_to: dt.date | None = None
) -> Exemption:
    """`exemption_record` for the person with this e-mail address; who may record is decided before the
    address is looked up, so nobody else learns whether it has an account."""
    _may_record_exemptions(actor)
    person = User.objects.filter(email=person_email.strip().lower(), is_active=True).first()
    if person is None:
        raise InvalidInput(details={"person_email": [_("No active person has this e-mail address.")]})
    return exemption_record(
        person=person, evidence=evidence, valid_from=valid_from, valid_to=valid_to, recorded_by=actor
    )

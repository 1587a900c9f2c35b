"""Employer attestations: a talent asks their organisation to attest employment, post and title; its staff decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from talentbridge.accounts.models import Organisation, Residence, Role, User
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, IllegalTransition, InvalidInput, NotFound
from talentbridge.core.mail import mail_user
from talentbridge.core.models import stored
from talentbridge.core.text import clean_text
from talentbridge.mobility.models import EmployerAttestation, ProfessionalTitle
from talentbridge.mobility.services.common import save_checked

# Words mailed to the person concerned, translated when sent, in the recipient's language (`core.mail`).
MAIL_SUBJECT = gettext_noop("GBA Talent Bridge: an employer attestation")
ASKED = gettext_noop(
    "%(talent)s asks %(organisation)s to attest their employment as %(job_title)s since %(since)s. Confirm or "
    "refuse it in your organisation's queue of attestations."
)
CONFIRMED = gettext_noop(
    "%(organisation)s confirmed your employer attestation: %(job_title)s. You may now apply for a talent "
    "endorsement with it."
)
REFUSED = gettext_noop("%(organisation)s refused your employer attestation: %(job_title)s. Their reasons: %(reasons)s")


def _mail_organisation_staff(attestation: EmployerAttestation) -> None:
    """Each active staff member of the organisation is told that an attestation is asked of it."""
    staff = User.objects.filter(
        role=Role.ORGANISATION_STAFF, organisation_id=attestation.organisation_id, is_active=True
    ).order_by("pk")
    body = stored(
        ASKED,
        talent=attestation.talent.full_name,
        organisation=attestation.organisation.name,
        job_title=attestation.job_title,
        since=attestation.employed_since.isoformat(),
    )
    for member in staff:
        mail_user(member, subject=MAIL_SUBJECT, body=body)


def _mail_talent_decision(attestation: EmployerAttestation) -> None:
    """The talent is told that their organisation confirmed or refused the attestation (and why it refused)."""
    values = {"organisation": attestation.organisation.name, "job_title": attestation.job_title}
    if attestation.status == EmployerAttestation.Status.CONFIRMED:
        body = stored(CONFIRMED, **values)
    else:
        body = stored(REFUSED, **values, reasons=attestation.reasons)
    mail_user(attestation.talent, subject=MAIL_SUBJECT, body=body)


def attestation_request(
    *,
    talent: User,
    organisation_id: int,
    job_title: str,
    professional_title: str,
    employed_since: dt.date,
) -> EmployerAttestation:
    """A talent asks their organisation to attest their employment, post and professional title."""
    if talent.role != Role.APPLICANT or talent.residence != Residence.MAINLAND:
        raise Forbidden(_("Only mainland applicants can request an employer attestation."))
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise InvalidInput(details={"organisation": [_("Choose an organisation from the list.")]})
    errors: dict[str, list[str]] = {}
    job_title = clean_text(job_title, field="job_title")
    if not job_title:
        errors["job_title"] = [_("This field is required.")]
    if professional_title not in ProfessionalTitle.values:
        errors["professional_title"] = [_("Choose one of the listed options.")]
    if employed_since > clock.today():
        errors["employed_since"] = [_("The date of employment may not be in the future.")]
    if errors:
        raise InvalidInput(details=errors)
    attestation = EmployerAttestation(
        talent=talent,
        organisation=organisation,
        job_title=job_title,
        professional_title=professional_title,
        employed_since=employed_since,
        requested_at=clock.now(),
    )
    with transaction.atomic():
        save_checked(attestation)
        _mail_organisation_staff(attestation)
    return attestation


def attestation_decision_record(
    *, attestation_id: int, staff: User, confirmed: bool, reasons: str = ""
) -> tuple[EmployerAttestation, bool]:
    """The organisation's staff confirm or refuse a requested attestation; a refusal gives its reasons.

    Returns the attestation and whether this call decided it. The same decision sent again (a second click,
    a reloaded form) changes nothing and returns False; the other decision on a decided one is refused.
    """
    reasons = clean_text(reasons, field="reasons")
    outcome = EmployerAttestation.Status.CONFIRMED if confirmed else EmployerAttestation.Status.REFUSED
    with transaction.atomic():
        attestation = EmployerAttestation.objects.select_for_update().filter(pk=attestation_id).first()
        if (
            attestation is None
            or staff.role != Role.ORGANISATION_STAFF
            or staff.organisation_id != attestation.organisation_id
        ):
            raise NotFound()
        if attestation.status == outcome:
            return attestation, False
        if attestation.status != EmployerAttestation.Status.REQUESTED:
            raise IllegalTransition(
                _("This attestation has already been confirmed.")
                if attestation.status == EmployerAttestation.Status.CONFIRMED
                else _("This attestation has already been refused.")
            )
        if not confirmed and not reasons:
            raise InvalidInput(details={"reasons": [_("Give the reasons for refusing this attestation.")]})
        attestation.status = outcome
        attestation.decided_by, attestation.decided_at, attestation.reasons = staff, clock.now(), reasons
        attestation.save(update_fields=["status", "decided_by", "decided_at", "reasons"])
        _mail_talent_decision(attestation)
    return attestation, True


def attestation_decide(*, attestation_id: int, staff: User, confirmed: bool, reasons: str = "") -> EmployerAttestation:
    """`attestation_decision_record` for callers that need only the attestation (the same decision sent
    again returns it unchanged)."""
    return attestation_decision_record(
        attestation_id=attestation_id, staff=staff, confirmed=confirmed, reasons=reasons
    )[0]


def confirmed_attestation(*, attestation_id: Any, talent_id: int) -> EmployerAttestation:
    """The talent's confirmed attestation with this id, or a clear error on the `employer_attestation` field."""
    attestation = None
    if isinstance(attestation_id, int) and not isinstance(attestation_id, bool):
        attestation = EmployerAttestation.objects.filter(pk=attestation_id, talent_id=talent_id).first()
    if attestation is None:
        raise InvalidInput(details={"employer_attestation": [_("Choose one of your employer attestations.")]})
    if attestation.status == EmployerAttestation.Status.REFUSED:
        message = _("%(organisation)s refused this attestation. Their reasons: %(reasons)s") % {
            "organisation": attestation.organisation.name,
            "reasons": attestation.reasons or "—",
        }
        raise InvalidInput(details={"employer_attestation": [message]})
    if attestation.status != EmployerAttestation.Status.CONFIRMED:
        message = _("%(organisation)s has not decided on this attestation yet: it is still waiting.") % {
            "organisation": attestation.organisation.name
        }
        raise InvalidInput(details={"employer_attestation": [message]})
    return attestation

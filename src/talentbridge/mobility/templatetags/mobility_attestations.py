"""Employer attestations on pages: the one behind an endorsement case, those waiting for an organisation,
those decided for a talent."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from talentbridge.accounts.models import Role, User
from talentbridge.mobility.models import EmployerAttestation
from talentbridge.mobility.selectors import (
    attestation_of_case,
    attestations_decided_of_talent,
    attestations_queue,
)

register = template.Library()


@register.simple_tag
def endorsement_attestation_for(case: Any, user: User) -> EmployerAttestation | None:
    """The attestation the case stands on, or None (not an endorsement application, or not the user's to see)."""
    return attestation_of_case(user=user, case=case)


@register.simple_tag
def attestation_tiles(user: User) -> list[dict[str, Any]]:
    """An organisation's staff: the attestations waiting for its decision, linking to its queue (the page that
    lists exactly those). None for anyone else."""
    if getattr(user, "role", "") != Role.ORGANISATION_STAFF or not user.organisation_id:
        return []
    waiting = attestations_queue(staff=user).count()
    return [{"count": waiting, "label": _("Attestations waiting for you"), "url": reverse("web:attestations")}]


@register.simple_tag
def attestations_decided_for(user: User) -> QuerySet[EmployerAttestation]:
    """The talent's attestations their organisation has decided, the latest first."""
    return attestations_decided_of_talent(talent=user)

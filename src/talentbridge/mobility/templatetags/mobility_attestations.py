"""The employer attestation behind an endorsement application, for the case's applicant and reviewers."""

from __future__ import annotations

from typing import Any

from django import template

from talentbridge.accounts.models import User
from talentbridge.mobility.models import EmployerAttestation
from talentbridge.mobility.selectors import attestation_of_case

register = template.Library()


@register.simple_tag
def endorsement_attestation_for(case: Any, user: User) -> EmployerAttestation | None:
    """The attestation the case names, or None (not an endorsement application, or not the user's to see)."""
    return attestation_of_case(user=user, case=case)

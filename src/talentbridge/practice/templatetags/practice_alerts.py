"""`{% practice_alerts_for case user as alerts %}`: alerts of other authorities on a case's applicant."""

from __future__ import annotations

from typing import Any

from django import template

from talentbridge.accounts.models import User
from talentbridge.practice.models import PracticeAlert
from talentbridge.practice.selectors import alerts_matching
from talentbridge.practice.services import case_terms

register = template.Library()


@register.simple_tag
def practice_alerts_for(case: Any, user: User) -> list[PracticeAlert]:
    """Active alerts matching the applicant of a practice case (e-mail or licence number and field)."""
    if getattr(case, "kind", "") != "practice_registration":
        return []
    payload = case.payload or {}
    identifiers = [case.applicant.email, str(payload.get("licence_number") or "")]
    return alerts_matching(user=user, identifiers=identifiers, field=case_terms(payload)["field"])

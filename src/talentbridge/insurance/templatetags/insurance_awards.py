"""The award decided on a benefit claim, or proposed while it is decided, for those who may see it."""

from __future__ import annotations

from typing import Any

from django import template

from talentbridge.accounts.models import User
from talentbridge.insurance.awards import award_for_case, award_proposal, award_view

register = template.Library()


@register.simple_tag
def benefit_award_for(case: Any, user: User) -> dict[str, Any] | None:
    """The award's view, or None (not a benefit claim, none decided, or not the user's to see)."""
    if getattr(case, "kind", "") != "benefit_claim" or not getattr(user, "is_authenticated", False):
        return None
    award = award_for_case(user=user, case_reference=case.reference)
    if award is None:
        return None
    view = award_view(award)
    view["revoked"] = view["revoked"] or getattr(case, "state", "") == "revoked"
    return view


@register.simple_tag
def benefit_award_proposal(case: Any, user: User) -> dict[str, Any] | None:
    """What approving the claim today would award, for the fund's reviewers while they decide it."""
    return award_proposal(user=user, case=case)

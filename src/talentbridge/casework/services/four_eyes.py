"""Four eyes: the reviewer who proposed a decision may not also take it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from talentbridge.accounts.models import User
from talentbridge.casework.models import Application
from talentbridge.casework.workflow import Transition
from talentbridge.core.errors import Forbidden


def proposer_of(application: Application) -> User | None:
    """Who brought the case into its current state (for four eyes: who proposed the decision)."""
    entering = (
        application.events.filter(to_state=application.state).select_related("actor").order_by("-at", "-id").first()
    )
    return entering.actor if entering else None


def check_four_eyes(application: Application, step: Transition, actor: User | None) -> User | None:
    """With four eyes, the person who proposed the decision may not also take it; returns the proposer."""
    if not step.four_eyes:
        return None
    proposer = proposer_of(application)
    if proposer is None or actor is None:  # no proposal on record: nobody may take the second step
        raise Forbidden(_("This decision needs a proposal by one reviewer and the approval of another."))
    if proposer.pk == actor.pk:
        raise Forbidden(_("A second reviewer must approve a decision you proposed."))
    return proposer

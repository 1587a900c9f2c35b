"""Verification by a second authority: the reviewer asks it, it confirms or denies."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from talentbridge.accounts.models import User
from talentbridge.casework import access
from talentbridge.casework.models import Verification
from talentbridge.casework.notifications import notify
from talentbridge.casework.services.common import authority_staff, locked
from talentbridge.casework.services.transitions import transition_take
from talentbridge.casework.verifiers import verifying_authorities
from talentbridge.core import clock
from talentbridge.core.errors import Forbidden, InvalidInput
from talentbridge.core.models import localized_name
from talentbridge.core.text import clean_text
from talentbridge.reference.models import Authority


def verification_request(
    *, application_id: int, reviewer: User, authority_code: str, question: str, expected_version: int | None = None
) -> Verification:
    """Ask a second authority (e.g. the home registration body) to confirm something about the case.

    The question is what that authority reads and answers, so it is required: an empty one would leave
    it nothing to confirm.
    """
    with transaction.atomic():
        application = locked(application_id, reviewer)
        if "reviewer" not in access.case_roles(reviewer, application):
            raise Forbidden(_("You are not allowed to take this action on this case."))
        question = clean_text(question, field="question")
        able = list(verifying_authorities(application))
        authority = next((a for a in able if a.code == authority_code), None)
        errors: dict[str, list[str]] = {}
        if authority is None:
            errors["authority"] = [_verifier_refusal(able)]
        if not question:
            errors["question"] = [_("Write the question the other authority is asked to answer.")]
        if errors or authority is None:
            raise InvalidInput(details=errors)
        application = transition_take(
            application_id=application_id,
            actor=reviewer,
            transition="request_verification",
            reason=question,
            expected_version=expected_version,
            data={"authority": authority.code},
        )
        verification = Verification.objects.create(
            application=application,
            authority=authority,
            requested_by=reviewer,
            question=question,
            requested_at=clock.now(),
        )
        notify(recipients=authority_staff(authority.pk), application=application, event="verification_requested")
        return verification


def _verifier_refusal(able: list[Authority]) -> str:
    if not able:
        return _("No authority on the platform can verify this case; decide it on its documents.")
    names = pgettext("list separator", ", ").join(localized_name(a) for a in able)
    return _("Only %(authorities)s can verify this case.") % {"authorities": names}


def verification_respond(
    *, application_id: int, verifier: User, confirmed: bool, note: str = "", expected_version: int | None = None
) -> Verification:
    """The verifying authority confirms or denies; the case returns to its reviewer."""
    with transaction.atomic():
        application = locked(application_id, verifier)
        pending = None
        authority_id: int | None = getattr(verifier, "authority_id", None)
        if authority_id is not None:
            pending = application.verifications.filter(authority_id=authority_id, outcome="pending").first()
        if pending is None:
            raise Forbidden(_("Your authority has no open verification on this case."))
        application = transition_take(
            application_id=application_id,
            actor=verifier,
            transition="confirm_verification" if confirmed else "deny_verification",
            reason=note,
            expected_version=expected_version,
        )
        pending.application = application
        pending.outcome = Verification.Outcome.CONFIRMED if confirmed else Verification.Outcome.NOT_CONFIRMED
        pending.note, pending.responded_by, pending.responded_at = clean_text(note, field="note"), verifier, clock.now()
        pending.save(update_fields=["outcome", "note", "responded_by", "responded_at"])
        return pending

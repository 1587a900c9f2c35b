"""Translated labels for the codes that workflows, audit events and payloads use.

Payload values are terms of the vocabulary (`talentbridge.vocabulary`), read from there; what is defined here
is the words of the workflows themselves: their actions, verbs and roles.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from talentbridge.casework.models import State
from talentbridge.casework.workflow import registry
from talentbridge.core import languages
from talentbridge.mobility.models import HETAO_ROUTE_LABEL
from talentbridge.policy import presenter
from talentbridge.vocabulary import (
    BENEFIT,
    DESTINATION,
    NO_TALENT_CATEGORY,
    PAYMENT_OPTION,
    RETIREMENT_CATEGORY,
    TALENT_CATEGORY,
    Concept,
    Term,
)

# Audit actions: every workflow transition plus the non-transition events casework records.
ACTIONS: dict[str, Any] = {
    "created": _("Application opened"),
    "edited": _("Draft edited"),
    "document_uploaded": _("Document uploaded"),
    "document_removed": _("Document removed"),
    "submit": _("Submitted"),
    "start_review": _("Review started"),
    "request_info": _("Information requested"),
    "reply": _("Applicant replied"),
    "request_verification": _("Verification requested"),
    "confirm_verification": _("Verification confirmed"),
    "deny_verification": _("Verification not confirmed"),
    "propose_approval": _("Approval proposed"),
    "approve": _("Approved"),
    "refuse": _("Refused"),
    "withdraw": _("Withdrawn"),
    "tacit_approve": _("Approved tacitly (deadline passed)"),
    "expire": _("Expired"),
    "revoke": _("Approval revoked"),
    "require_adaptation_period": _("Adaptation period required"),
    "require_aptitude_test": _("Aptitude test required"),
    "report_compensation": _("Compensation measure reported"),
    "confirm_compensation": _("Compensation measure confirmed; approved"),
}

# What a person does when taking a transition (button and radio labels).
TRANSITION_VERBS: dict[str, Any] = {
    "submit": _("Submit the application"),
    "start_review": _("Start the review"),
    "request_info": _("Request more information from the applicant"),
    "reply": _("Reply"),
    "request_verification": _("Ask another authority to verify"),
    "confirm_verification": _("Confirm"),
    "deny_verification": _("Do not confirm"),
    "propose_approval": _("Propose approval (a second reviewer decides)"),
    "approve": _("Approve"),
    "refuse": _("Refuse"),
    "withdraw": _("Withdraw the application"),
    "revoke": _("Revoke the approval"),
    "require_adaptation_period": _("Approve on condition of an adaptation period"),
    "require_aptitude_test": _("Approve on condition of an aptitude test"),
    "report_compensation": _("Report the compensation measure as completed"),
    "confirm_compensation": _("Confirm the compensation measure and approve"),
}

# Payload choices of the workflows are terms of the vocabulary; "yes" and "no" are the page's own words, and
# the one payload choice "none" (a talent endorsement without a category) is the Hetao Shenzhen Park route.
PAYLOAD_CONCEPTS: tuple[Concept[Term], ...] = (
    TALENT_CATEGORY,
    DESTINATION,
    BENEFIT,
    RETIREMENT_CATEGORY,
    PAYMENT_OPTION,
)
ANSWERS: dict[str, Any] = {"yes": _("Yes"), "no": _("No"), NO_TALENT_CATEGORY.code: HETAO_ROUTE_LABEL}

ACTOR_ROLES: dict[str, Any] = {
    "applicant": _("Applicant"),
    "reviewer": _("Reviewer"),
    "verifier": _("Verifying authority"),
    "system": _("The platform"),
}


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action.replace("_", " ")))


def transition_label(name: str) -> str:
    return str(TRANSITION_VERBS.get(name) or ACTIONS.get(name) or name.replace("_", " "))


def choice_label(code: str) -> str:
    """A payload choice's label from the vocabulary; other codes (places, mechanisms, SARs, authorities) from the
    one presenter."""
    for concept in PAYLOAD_CONCEPTS:
        term = concept.get(code)
        if term is not None:
            return term.label(languages.language_key())
    if code in ANSWERS:
        return str(ANSWERS[code])
    return presenter.code_shown(code)


def state_label(state: str) -> str:
    return str(dict(State.choices).get(state, state))


def kind_label(kind: str) -> str:
    workflow = registry().get(kind)
    return workflow.localized_label() if workflow else kind


def actor_role_label(role: str) -> str:
    return str(ACTOR_ROLES.get(role, role))

"""Everything the case page shows, and which actions the person looking at it may take now."""

from __future__ import annotations

from typing import Any

from django.forms import Form

from talentbridge.accounts.models import User
from talentbridge.casework import access, services
from talentbridge.casework.documents import upload_refusal
from talentbridge.casework.models import Application
from talentbridge.casework.requirements import required_documents
from talentbridge.casework.selectors import case_detail
from talentbridge.casework.verifiers import verifying_authorities
from talentbridge.casework.workflow import Workflow, get_workflow
from talentbridge.core.models import localized_name
from talentbridge.reference.models import Authority, City, Profession
from talentbridge.web.deadlines import CountdownCalculator
from talentbridge.web.forms import ApplicantActionForm, DecisionForm, ReplyForm, UploadForm, VerificationAnswerForm
from talentbridge.web.labels import choice_label, transition_label

# Transitions taken through their own forms rather than the reviewer's decision panel.
OWN_FORMS = frozenset({"reply", "confirm_verification", "deny_verification"})


def payload_rows(workflow: Workflow, payload: dict[str, Any]) -> list[dict[str, Any]]:
    codes: dict[str, list[str]] = {spec.type: [] for spec in workflow.payload}
    for spec in workflow.payload:
        if payload.get(spec.name) is not None:
            codes[spec.type].append(str(payload[spec.name]))
    names: dict[str, str] = {}
    if codes.get("profession"):
        names |= {p.code: localized_name(p) for p in Profession.objects.filter(code__in=codes["profession"])}
    if codes.get("mainland_city"):
        names |= {c.code: localized_name(c) for c in City.objects.filter(code__in=codes["mainland_city"])}
    rows = []
    for spec in workflow.payload:
        value = payload.get(spec.name)
        if value is None and spec.platform:  # nothing the platform set: nothing to show
            continue
        if value is None:
            shown = ""
        elif spec.type == "choice":
            shown = choice_label(str(value))
        elif spec.type in {"profession", "mainland_city"}:
            shown = names.get(str(value), str(value))
        else:
            shown = str(value)
        rows.append({"label": spec.localized_label(), "value": shown})
    return rows


def reviewer_transitions(workflow: Workflow, state: str, roles: frozenset[str]) -> list[tuple[str, str]]:
    """The decisions the reviewer may take now: exactly what the workflow allows their role."""
    if "reviewer" not in roles:
        return []
    return [
        (t.name, transition_label(t.name))
        for t in workflow.available(state)
        if "reviewer" in t.by and t.name not in OWN_FORMS
    ]


def verifier_choices(workflow: Workflow, case: Application) -> list[Authority]:
    """Only the authorities that can verify this case (casework decides; the form offers no other)."""
    return list(verifying_authorities(case))


def document_choices(case: Application) -> list[tuple[str, str]]:
    """The case's required documents as form choices, those still missing first."""
    required = required_documents(case)
    present = set(case.documents.values_list("document_type", flat=True))
    return [(d.code, d.label) for d in required if d.code not in present] + [
        (d.code, d.label) for d in required if d.code in present
    ]


def case_context(user: User, case: Application, bound: dict[str, Form] | None = None) -> dict[str, Any]:
    """Context of the case page; `bound` carries forms re-shown with their errors after a failed action."""
    bound = bound or {}
    workflow = get_workflow(case.kind)
    roles = access.case_roles(user, case)
    version = {"expected_version": case.version}
    available = {t.name for t in workflow.available(case.state)}
    transitions = reviewer_transitions(workflow, case.state, roles)
    awaiting_colleague = False
    if any(workflow.transitions[name].four_eyes for name, _label in transitions):
        proposer = services.proposer_of(case)
        if proposer is not None and proposer.pk == user.pk:  # the second pair of eyes is someone else's
            transitions = [t for t in transitions if not workflow.transitions[t[0]].four_eyes]
            awaiting_colleague = True
    verifiers = verifier_choices(workflow, case) if "request_verification" in dict(transitions) else []
    if not verifiers:  # nobody could answer: do not offer to ask
        transitions = [t for t in transitions if t[0] != "request_verification"]
    context: dict[str, Any] = {
        "case": case,
        "workflow": workflow,
        "roles": roles,
        "payload_rows": payload_rows(workflow, case.payload),
        "countdown": CountdownCalculator().countdown(case.deadline, case.authority.jurisdiction.code),
        "is_final": workflow.is_final(case.state),
        "awaiting_colleague": awaiting_colleague,
        **case_detail(application=case),
    }
    if transitions:
        context["decision_form"] = bound.get("decision") or DecisionForm(
            initial=version, transitions=transitions, verifiers=verifiers
        )
    if "applicant" in roles:
        context["can_submit"] = "submit" in available
        context["can_withdraw"] = "withdraw" in available
        context["can_edit"] = case.state == "draft"
        context["action_form"] = bound.get("action") or ApplicantActionForm(initial=version)
        if "reply" in available:
            context["reply_form"] = bound.get("reply") or ReplyForm(initial=version)
    required = required_documents(case)
    present = {d.document_type for d in context["documents"]}
    context["required_documents"] = [{"label": d.label, "provided": d.code in present} for d in required]
    if upload_refusal(roles, case) is None:
        missing = [d.code for d in required if d.code not in present]
        context["upload_form"] = bound.get("upload") or UploadForm(
            document_types=document_choices(case), initial={"document_type": missing[0] if missing else ""}
        )
    if "verifier" in roles and available & {"confirm_verification", "deny_verification"}:
        context["verification_form"] = bound.get("verification") or VerificationAnswerForm(initial=version)
    return context

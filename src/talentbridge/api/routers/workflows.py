"""The workflows declared as data (public): states, transitions, who takes them, payload fields."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from talentbridge.api.schemas.workflows import WorkflowOut
from talentbridge.casework.models import State
from talentbridge.casework.workflow import Workflow, registry

router = Router(tags=["workflows"], auth=None)


def _labels(labels: dict[str, str]) -> dict[str, str]:
    return {key: labels.get(key) or labels["en"] for key in ("en", "zh_hans", "zh_hant")}


def _state_label(name: str) -> str:
    return str(State(name).label) if name in State.values else name


def workflow_description(workflow: Workflow) -> dict[str, Any]:
    """A workflow as plain data, labels in the active language and in all three."""
    return {
        "kind": workflow.kind,
        "version": workflow.version,
        "rules_version": workflow.rules_version,
        "label": workflow.localized_label(),
        "labels": _labels(workflow.label),
        "prefix": workflow.prefix,
        "authority_kinds": sorted(workflow.authority_kinds),
        "verification_authority_kinds": sorted(workflow.verification_authority_kinds),
        "initial": workflow.initial,
        "states": [
            {
                "name": s.name,
                "label": _state_label(s.name),
                "final": s.final,
                "deadline_business_days": s.deadline_business_days,
                "on_expiry": s.on_expiry,
            }
            for s in workflow.states.values()
        ],
        "transitions": [
            {
                "name": t.name,
                "sources": list(t.sources),
                "target": t.target,
                "by": sorted(t.by),
                "reason_required": t.reason_required,
                "four_eyes": t.four_eyes,
                "decision": t.decision,
            }
            for t in workflow.transitions.values()
        ],
        "payload": [
            {
                "name": f.name,
                "type": f.type,
                "required": f.required,
                "label": f.localized_label(),
                "labels": _labels(f.label),
                "choices": list(f.choices),
                "max_length": f.max_length,
                "min": f.min,
                "max": f.max,
                "set_by": "platform" if f.platform else "applicant",
            }
            for f in workflow.payload
        ],
        "documents": [
            {
                "document_type": d.code,
                "label": d.localized_label(),
                "labels": _labels(d.label),
                "when": {name: list(values) for name, values in d.when.items()},
            }
            for d in workflow.documents
        ],
    }


@router.get("/workflows", response=list[WorkflowOut], url_name="workflows")
def workflow_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Every application kind with its workflow."""
    return [workflow_description(w) for w in sorted(registry().values(), key=lambda w: w.kind)]

"""Workflows declared as data (`workflows/*.yaml`): states, transitions, who may take each."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from talentbridge.core import languages

WORKFLOW_DIR = Path(__file__).resolve().parent / "workflows"
# A transition's effect names a domain function run in the same transaction, e.g.
# "talentbridge.practice.effects:registration_from_case".
REFERRED_KINDS = frozenset({"determination", "employer_attestation"})
EFFECT = re.compile(r"talentbridge(\.[a-z_]+)+:[a-z_]+")

# Who may take a transition, relative to the case: its applicant, a reviewer of its authority,
# a reviewer of the authority asked to verify, or the platform itself (deadlines).
CASE_ROLES = frozenset({"applicant", "reviewer", "verifier", "system"})
# Who can verify a case (see `verifiers.py`): the home registration body of the applicant's profession
# and home jurisdiction, or the authority of the case's city.
VERIFIER_RULES = frozenset({"home_registration_body", "city_authority"})
# Outcomes that grant what was asked; a person takes them only with four eyes (see `_check`).
APPROVING_OUTCOMES = frozenset({"approved", "tacitly_approved"})
COMMON_STATES = (
    "draft",
    "submitted",
    "in_review",
    "info_requested",
    "resubmitted",
    "approved",
    "refused",
    "withdrawn",
    "expired",
    "revoked",
)


class WorkflowDefinitionError(ValueError):
    """A workflow file is inconsistent; raised at load time, never at decision time."""


@dataclass(frozen=True)
class State:
    name: str
    final: bool = False
    deadline_business_days: int | None = None
    on_expiry: str | None = None


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    by: frozenset[str]
    reason_required: bool = False
    four_eyes: bool = False
    decision: str | None = None
    effect: str | None = None


@dataclass(frozen=True)
class PayloadField:
    name: str
    type: str
    required: bool
    label: dict[str, str]
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    min: int | None = None
    max: int | None = None
    # Set by the service that opens the application (from the eligibility check, the attestation, the
    # registration renewed, the routing); the applicant never edits it.
    platform: bool = False
    # A domain function `(payload) -> codes | None` narrowing the values this field may take given the
    # rest of the payload (e.g. the professions of the case's field, the city of its zone); `None`: any.
    choices_from: str | None = None
    # What a platform-set id names (`determination`, `employer_attestation`): pages describe it in words.
    refers_to: str | None = None

    def localized_label(self) -> str:
        return _pick(self.label)


@dataclass(frozen=True)
class DocumentSpec:
    """A document the workflow itself requires at submission, when the payload matches `when`."""

    code: str
    label: dict[str, str]
    when: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def applies(self, payload: dict[str, Any]) -> bool:
        return all(str(payload.get(name, "")) in values for name, values in self.when.items())

    def localized_label(self) -> str:
        return _pick(self.label)


@dataclass(frozen=True)
class Workflow:
    kind: str
    version: str
    label: dict[str, str]
    prefix: str
    authority_kinds: frozenset[str]
    verification_authority_kinds: frozenset[str]
    payload: tuple[PayloadField, ...]
    initial: str
    states: dict[str, State]
    transitions: dict[str, Transition]
    verifier_rule: str | None = None
    verifier_city_field: str | None = None
    # Required documents: the workflow's own, plus those a domain function derives from the payload
    # (e.g. the practice pathway's list), named like an effect.
    documents: tuple[DocumentSpec, ...] = ()
    documents_from: str | None = None
    content_hash: str = field(default="")

    @property
    def rules_version(self) -> str:
        """Which rules a decision used: the workflow's version and the hash of its file."""
        return f"{self.kind}@{self.version}+{self.content_hash[:12]}"

    def localized_label(self) -> str:
        return _pick(self.label)

    @property
    def applicant_fields(self) -> tuple[PayloadField, ...]:
        """The payload fields the applicant fills in and may edit in a draft."""
        return tuple(spec for spec in self.payload if not spec.platform)

    def available(self, state: str) -> list[Transition]:
        return [t for t in self.transitions.values() if state in t.sources]

    def is_final(self, state: str) -> bool:
        return self.states[state].final


def _pick(labels: dict[str, str]) -> str:
    return languages.pick(labels)


def _parse(raw: dict[str, Any], content_hash: str) -> Workflow:
    states = {
        name: State(
            name=name,
            final=bool(spec.get("final", False)),
            deadline_business_days=spec.get("deadline_business_days"),
            on_expiry=spec.get("on_expiry"),
        )
        for name, spec in raw["states"].items()
    }
    transitions = {
        name: Transition(
            name=name,
            sources=tuple(spec["from"]),
            target=spec["to"],
            by=frozenset(spec["by"]),
            reason_required=bool(spec.get("reason_required", False)),
            four_eyes=bool(spec.get("four_eyes", False)),
            decision=spec.get("decision"),
            effect=spec.get("effect"),
        )
        for name, spec in raw["transitions"].items()
    }
    payload = tuple(
        PayloadField(
            name=spec["name"],
            type=spec["type"],
            required=bool(spec.get("required", False)),
            label=spec["label"],
            choices=tuple(spec.get("choices", ())),
            max_length=spec.get("max_length"),
            min=spec.get("min"),
            max=spec.get("max"),
            platform=spec.get("set_by", "applicant") == "platform",
            choices_from=spec.get("choices_from"),
            refers_to=spec.get("refers_to"),
        )
        for spec in raw.get("payload", [])
    )
    workflow = Workflow(
        kind=raw["kind"],
        version=str(raw["version"]),
        label=raw["label"],
        prefix=raw["prefix"],
        authority_kinds=frozenset(raw["authority_kinds"]),
        verification_authority_kinds=frozenset(raw.get("verification_authority_kinds", [])),
        payload=payload,
        initial=raw["initial"],
        states=states,
        transitions=transitions,
        documents=tuple(
            DocumentSpec(
                code=spec["code"],
                label=spec["label"],
                when={name: tuple(str(v) for v in values) for name, values in spec.get("when", {}).items()},
            )
            for spec in raw.get("documents", {}).get("required", [])
        ),
        documents_from=raw.get("documents", {}).get("from"),
        verifier_rule=raw.get("verifier", {}).get("rule"),
        verifier_city_field=raw.get("verifier", {}).get("city_field"),
        content_hash=content_hash,
    )
    _check(workflow)
    return workflow


def _check(workflow: Workflow) -> None:
    """Reject a workflow whose transitions name unknown states, roles or expiry actions."""
    problems: list[str] = []
    if workflow.initial not in workflow.states:
        problems.append(f"initial state {workflow.initial!r} is not declared")
    for t in workflow.transitions.values():
        for state_name in (*t.sources, t.target):
            if state_name not in workflow.states:
                problems.append(f"transition {t.name!r} names unknown state {state_name!r}")
        if not t.by or not t.by <= CASE_ROLES:
            problems.append(f"transition {t.name!r} has unknown roles {sorted(t.by - CASE_ROLES)}")
        if t.effect is not None and not EFFECT.fullmatch(t.effect):
            problems.append(f"transition {t.name!r}: effect {t.effect!r} is not 'talentbridge.module:function'")
    for spec in workflow.payload:
        if spec.refers_to is not None and spec.refers_to not in REFERRED_KINDS:
            problems.append(f"field {spec.name!r}: refers_to {spec.refers_to!r} is not one of {sorted(REFERRED_KINDS)}")
        if spec.choices_from is not None and not EFFECT.fullmatch(spec.choices_from):
            problems.append(
                f"field {spec.name!r}: choices_from {spec.choices_from!r} is not 'talentbridge.module:function'"
            )
    problems += _four_eyes_problems(workflow)
    problems += _verifier_problems(workflow)
    problems += _document_problems(workflow)
    for state in workflow.states.values():
        if state.on_expiry:
            action = workflow.transitions.get(state.on_expiry)
            if action is None or state.name not in action.sources or "system" not in action.by:
                problems.append(
                    f"state {state.name!r}: on_expiry {state.on_expiry!r} is not a system transition from it"
                )
        if state.on_expiry and not state.deadline_business_days:
            problems.append(f"state {state.name!r} has an expiry action but no deadline")
    if problems:
        raise WorkflowDefinitionError(f"workflow {workflow.kind}: " + "; ".join(problems))


def approving_states(workflow: Workflow) -> frozenset[str]:
    """States in which the applicant has been granted what they asked for."""
    granted = {t.target for t in workflow.transitions.values() if t.decision in APPROVING_OUTCOMES}
    return frozenset(granted | ({"approved"} & set(workflow.states)))


def _four_eyes_problems(workflow: Workflow) -> list[str]:
    """A person approves only as the second of two reviewers; only the platform's own steps approve alone.

    A four-eyes step leaves a state that only a reviewer's proposal enters, so the proposer is on record
    and the step can check that the approver is someone else.
    """
    problems: list[str] = []
    approving = approving_states(workflow)
    for t in workflow.transitions.values():
        if (t.target in approving or t.decision in APPROVING_OUTCOMES) and t.by - {"system"} and not t.four_eyes:
            problems.append(f"transition {t.name!r} approves without a second reviewer (declare four_eyes)")
        if not t.four_eyes:
            continue
        if t.by != {"reviewer"}:
            problems.append(f"transition {t.name!r}: a four-eyes step is taken by reviewers only")
        for source in t.sources:
            entering = [u for u in workflow.transitions.values() if u.target == source]
            if not entering or any(u.by != {"reviewer"} for u in entering):
                problems.append(
                    f"transition {t.name!r}: state {source!r} must be entered only by a reviewer's proposal"
                )
    return problems


def _verifier_problems(workflow: Workflow) -> list[str]:
    """A workflow that asks for verification says who can answer, so nobody is asked who cannot."""
    if not any(t.target == "verification" for t in workflow.transitions.values()):
        return []
    if workflow.verifier_rule not in VERIFIER_RULES:
        return [f"verifier rule {workflow.verifier_rule!r} is not one of {sorted(VERIFIER_RULES)}"]
    fields = {spec.name: spec for spec in workflow.payload}
    if workflow.verifier_rule == "city_authority":
        city = fields.get(workflow.verifier_city_field or "")
        if city is None or city.type != "mainland_city":
            return [f"verifier city_field {workflow.verifier_city_field!r} is not a city field of the payload"]
    if workflow.verifier_rule == "home_registration_body" and "profession" not in fields:
        return ["verifier rule 'home_registration_body' needs a 'profession' field"]
    return []


def _document_problems(workflow: Workflow) -> list[str]:
    problems: list[str] = []
    if workflow.documents_from is not None and not EFFECT.fullmatch(workflow.documents_from):
        problems.append(f"documents from {workflow.documents_from!r} is not 'talentbridge.module:function'")
    fields = {spec.name: spec for spec in workflow.payload}
    codes = [d.code for d in workflow.documents]
    if len(codes) != len(set(codes)):
        problems.append("a required document is listed twice")
    for document in workflow.documents:
        if set(document.label) != {"en", "zh_hans", "zh_hant"}:
            problems.append(f"document {document.code!r} needs labels in en, zh_hans and zh_hant")
        for name, values in document.when.items():
            spec = fields.get(name)
            if spec is None or not set(values) <= set(spec.choices):
                problems.append(f"document {document.code!r}: condition on {name!r} names unknown choices")
    return problems


def load_workflow_file(path: Path) -> Workflow:
    content = path.read_bytes()
    return _parse(yaml.safe_load(content), hashlib.sha256(content).hexdigest())


@cache
def registry() -> dict[str, Workflow]:
    """Every declared workflow by kind, loaded once per process."""
    workflows = [load_workflow_file(path) for path in sorted(WORKFLOW_DIR.glob("*.yaml"))]
    return {w.kind: w for w in workflows}


def get_workflow(kind: str) -> Workflow:
    return registry()[kind]


def kind_choices() -> list[tuple[str, str]]:
    return [(w.kind, w.label["en"]) for w in registry().values()]

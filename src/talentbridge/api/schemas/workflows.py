"""Schemas of the workflows: states, transitions, the case data and documents each kind declares."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field


class LabelsOut(Schema):
    en: str
    zh_hans: str
    zh_hant: str


class WorkflowStateOut(Schema):
    name: str
    label: str
    final: bool
    deadline_business_days: int | None
    on_expiry: str | None


class WorkflowTransitionOut(Schema):
    name: str
    sources: list[str]
    target: str
    by: list[str]
    reason_required: bool
    four_eyes: bool
    decision: str | None


class PayloadFieldOut(Schema):
    name: str
    type: str
    required: bool
    label: str
    labels: LabelsOut
    choices: list[str]
    max_length: int | None
    min: int | None
    max: int | None
    set_by: str = Field(description="`applicant`, or `platform` for a field a draft edit may not change")


class WorkflowDocumentOut(Schema):
    document_type: str
    label: str
    labels: LabelsOut
    when: dict[str, list[str]] = Field(description="Required only when the payload has one of these values")


class WorkflowOut(Schema):
    kind: str
    version: str
    rules_version: str
    label: str
    labels: LabelsOut
    prefix: str
    authority_kinds: list[str]
    verification_authority_kinds: list[str]
    initial: str
    states: list[WorkflowStateOut]
    transitions: list[WorkflowTransitionOut]
    payload: list[PayloadFieldOut]
    documents: list[WorkflowDocumentOut] = Field(
        description="Documents the workflow itself requires; a case's `required_documents` adds its pathway's"
    )

"""Schemas of applications: lists and details, edits, steps, information requests, verifications, events, documents."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.urls import reverse
from ninja import Schema
from pydantic import Field

from talentbridge.api.schemas.common import StrictIn
from talentbridge.casework.models import State
from talentbridge.core.models import localized_name


class ApplicationFilters(Schema):
    state: State | None = Field(None, description="Only cases in this state")
    kind: str | None = Field(None, description="Only cases of this kind")
    overdue: bool | None = Field(None, description="Only cases whose deadline has passed")
    q: str | None = Field(None, max_length=100, pattern=r"^[^\x00]*$", description="Part of the case reference")


class ApplicationOut(Schema):
    reference: str
    kind: str
    state: str
    state_label: str
    authority: str
    authority_name: str
    applicant_name: str
    version: int
    deadline: dt.date | None
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_authority(obj: Any) -> str:
        return str(obj.authority.code)

    @staticmethod
    def resolve_authority_name(obj: Any) -> str:
        return localized_name(obj.authority)

    @staticmethod
    def resolve_applicant_name(obj: Any) -> str:
        return str(obj.applicant.full_name)


class InfoRequestOut(Schema):
    id: int
    message: str
    requested_at: dt.datetime
    reply: str
    replied_at: dt.datetime | None


class VerificationOut(Schema):
    id: int
    authority: str
    question: str
    outcome: str
    note: str
    requested_at: dt.datetime
    responded_at: dt.datetime | None

    @staticmethod
    def resolve_authority(obj: Any) -> str:
        return str(obj.authority.code)


class DecisionOut(Schema):
    outcome: str
    reason: str
    rules_version: str
    decided_at: dt.datetime


class RequiredDocumentOut(Schema):
    document_type: str = Field(description="Give it as `document_type` when uploading this document")
    label: str
    provided: bool


class ApplicationDetailOut(ApplicationOut):
    payload: dict[str, Any]
    rules_version: str
    available_transitions: list[str] = Field(description="Transitions the caller may take now")
    required_documents: list[RequiredDocumentOut] = Field(
        description="The documents the case needs before submission, and whether each is attached"
    )
    info_requests: list[InfoRequestOut]
    verifications: list[VerificationOut]
    decisions: list[DecisionOut]


class ApplicationUpdateIn(StrictIn):
    payload: dict[str, Any]
    expected_version: int | None = None


class TransitionIn(StrictIn):
    transition: str
    reason: str = ""
    expected_version: int | None = None


class InfoRequestIn(StrictIn):
    message: str
    expected_version: int | None = None


class InfoReplyIn(StrictIn):
    reply: str
    expected_version: int | None = None


class VerificationIn(StrictIn):
    authority: str
    question: str = ""
    expected_version: int | None = None


class VerificationRespondIn(StrictIn):
    confirmed: bool
    note: str = ""
    expected_version: int | None = None


class EventOut(Schema):
    id: int
    at: dt.datetime
    action: str
    actor: str | None
    actor_role: str
    from_state: str
    to_state: str
    reason: str
    rules_version: str
    data: dict[str, Any]

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return obj.actor.full_name if obj.actor_id else None


class DocumentOut(Schema):
    id: uuid.UUID
    title: str
    document_type: str = Field(description="Which required document it is; empty for another supporting one")
    original_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: dt.datetime
    uploaded_by: str
    content_url: str

    @staticmethod
    def resolve_uploaded_by(obj: Any) -> str:
        return str(obj.uploaded_by.full_name)

    @staticmethod
    def resolve_content_url(obj: Any) -> str:
        return reverse("api:document_content", kwargs={"document_id": obj.pk})

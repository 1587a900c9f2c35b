"""Request and response schemas of the API; inputs are strict and refuse unknown fields."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from talentbridge.casework import services as casework
from talentbridge.casework.models import State
from talentbridge.casework.notifications import render
from talentbridge.core.errors import ApplicationError, InvalidInput
from talentbridge.core.models import localized_name
from talentbridge.vocabulary import (
    BENEFIT,
    DESTINATION,
    MAINLAND_CITY,
    NO_TALENT_CATEGORY,
    PAYMENT_OPTION,
    RETIREMENT_CATEGORY,
    STAY_DESTINATION,
    TALENT_CATEGORY,
)

# Codes the API accepts, as `Literal` types built from the vocabulary (OpenAPI lists them as an enum);
# the type checker reads them as text. "" is the form's "not given".
if TYPE_CHECKING:
    TalentCategoryCode = str
    CheckCategoryCode = str
    WorkCityCode = str
    DestinationCode = str
    StayDestinationCode = str
    BenefitCode = str
    PaymentOptionCode = str
    RetirementCategoryCode = str
else:
    TalentCategoryCode = Literal[TALENT_CATEGORY.codes]
    CheckCategoryCode = Literal[(*TALENT_CATEGORY.codes, NO_TALENT_CATEGORY.code)]
    WorkCityCode = Literal[MAINLAND_CITY.codes]
    DestinationCode = Literal[DESTINATION.codes]
    StayDestinationCode = Literal[STAY_DESTINATION.codes]
    BenefitCode = Literal[BENEFIT.codes]
    PaymentOptionCode = Literal[("", *PAYMENT_OPTION.codes)]
    RetirementCategoryCode = Literal[("", *RETIREMENT_CATEGORY.codes)]


def _has_null_character(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_null_character(k) or _has_null_character(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_null_character(v) for v in value)
    return False


class StrictIn(Schema):
    """A JSON body: no type coercion ("5" is not 5), no unexpected fields, no NUL characters.

    PostgreSQL cannot store NUL in text or JSONB; refusing it here keeps it a 422, not a 500.
    """

    model_config = ConfigDict(strict=True, extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _no_null_characters(cls, value: Any) -> Any:
        if _has_null_character(value):
            raise PydanticCustomError("null_character", "Null characters are not allowed.")
        return value


# The browser's session may send its CSRF token in the form itself; it is the transport's, not the endpoint's.
CSRF_FORM_FIELD = "csrfmiddlewaretoken"


def refuse_unknown_form_fields(
    request: HttpRequest, schema: type[BaseModel] | Collection[str], *, files: Collection[str] = ()
) -> None:
    """Refuse a multipart form's fields the endpoint does not have, as a JSON body's are refused.

    `schema` is the form's schema (its fields are the expected names) or the expected names themselves;
    `files` names the expected file fields. Django would drop an unknown field unseen, so a client setting a
    field the platform sets (an office, a case's internal data) would think it had; instead each unknown
    field, text or file, is an `InvalidInput` (422) naming it, before anything is saved.
    """
    expected = set(schema.model_fields) if isinstance(schema, type) else set(schema)
    unknown = (set(request.POST) - expected - {CSRF_FORM_FIELD}) | (set(request.FILES) - set(files))
    if unknown:
        raise InvalidInput(details={name: [_("This field is not expected here.")] for name in sorted(unknown)})


# --- system and accounts -------------------------------------------------------------------


class HealthOut(Schema):
    status: str
    database: str
    version: str


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    role: str
    residence: str
    preferred_language: str
    authority: str | None
    organisation: str | None
    auth_method: str


class TokenCreateIn(StrictIn):
    name: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(description="The raw token; shown once and never again.")


# --- reference data ------------------------------------------------------------------------


class NamedOut(Schema):
    code: str
    name: str
    name_en: str
    name_zh_hans: str
    name_zh_hant: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return localized_name(obj)


class JurisdictionOut(NamedOut):
    pass


class CityOut(NamedOut):
    jurisdiction: str
    is_mainland: bool

    @staticmethod
    def resolve_jurisdiction(obj: Any) -> str:
        return str(obj.jurisdiction.code)


class ZoneOut(NamedOut):
    city: str
    source: str

    @staticmethod
    def resolve_city(obj: Any) -> str:
        return str(obj.city.code)


class FieldOut(NamedOut):
    pass


class ProfessionOut(NamedOut):
    field: str

    @staticmethod
    def resolve_field(obj: Any) -> str:
        return str(obj.field.code)


class DocumentTypeOut(NamedOut):
    issued_by: str

    @staticmethod
    def resolve_issued_by(obj: Any) -> str:
        return str(obj.issued_by.code)


class AuthorityFilters(Schema):
    kind: str | None = Field(None, max_length=32, pattern=r"^[a-z_]*$", description="Only authorities of this kind")


class AuthorityOut(NamedOut):
    kind: str
    jurisdiction: str
    city: str | None
    fields: list[str]

    @staticmethod
    def resolve_jurisdiction(obj: Any) -> str:
        return str(obj.jurisdiction.code)

    @staticmethod
    def resolve_city(obj: Any) -> str | None:
        return obj.city.code if obj.city_id else None

    @staticmethod
    def resolve_fields(obj: Any) -> list[str]:
        return [f.code for f in obj.fields.all()]


# --- workflows -----------------------------------------------------------------------------


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


# --- applications --------------------------------------------------------------------------


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


# --- notifications -------------------------------------------------------------------------


class NotificationFilters(Schema):
    unread: bool | None = Field(None, description="Only unread notifications")


class NotificationOut(Schema):
    id: int
    event: str
    message: str
    application: str | None
    created_at: dt.datetime
    read_at: dt.datetime | None

    @staticmethod
    def resolve_message(obj: Any) -> str:
        return render(obj)

    @staticmethod
    def resolve_application(obj: Any) -> str | None:
        return obj.application.reference if obj.application_id else None


def application_file_with_uploads(
    *, applicant: Any, kind: str, authority_code: str, payload: dict[str, Any], uploads: list[Any], types: list[str]
) -> Any:
    """File an application with its multipart uploads (each with its required-document type, or none),
    all or nothing; a document's problem is reported against the endpoint's `documents` field."""
    names = [(upload.name or "document").replace("\x00", "") for upload in uploads]
    types = types or [""] * len(uploads)
    try:
        return casework.application_file(
            applicant=applicant,
            kind=kind,
            authority_code=authority_code,
            payload=payload,
            documents=[
                (upload, name, "" if code else name, code)
                for upload, name, code in zip(uploads, names, types, strict=True)
            ],
        )
    except ApplicationError as error:
        if not error.details or not set(error.details) <= {"file", "title", "document_type", "documents"}:
            raise
        messages = [str(m) for values in error.details.values() for m in values]
        raise type(error)(error.message, details={"documents": messages}) from error

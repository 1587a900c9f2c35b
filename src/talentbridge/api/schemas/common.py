"""What every area's schemas share: strict JSON inputs, the vocabulary's code types, multipart form rules."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BaseModel, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from talentbridge.core.errors import InvalidInput
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

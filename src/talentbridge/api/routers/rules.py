"""The rules kernel over HTTP (public): calculate and explain situations, list variables and parameters."""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest
from ninja import Router

from talentbridge.api.errors import error_responses
from talentbridge.api.rules_input import CALCULATE_LIMITS, TRACE_LIMITS, check_output, compute, read_situation
from talentbridge.api.rules_schemas import (
    SITUATION_REQUEST_BODY,
    ParametersOut,
    SituationOut,
    TraceOut,
    VariablesOut,
)
from talentbridge.api.throttling import DEFAULT_RATE, ClientRateThrottle
from talentbridge.core import languages
from talentbridge.rules.catalogue import parameters_catalogue, variables_catalogue
from talentbridge.rules.explain import render

__all__ = ["DEFAULT_RATE", "SITUATION_OPENAPI", "THROTTLE", "ClientRateThrottle", "router"]

router = Router(tags=["rules"], auth=None)

DJANGO_CODES = {"en": "en", "zh_hans": "zh-hans", "zh_hant": "zh-hant"}


THROTTLE = ClientRateThrottle()
SITUATION_ERRORS = error_responses(400, 413, 422, 429)
SITUATION_OPENAPI: dict[str, Any] = {
    "requestBody": SITUATION_REQUEST_BODY,
    "responses": {
        429: {
            "headers": {
                "Retry-After": {"description": "Seconds to wait before the next request", "schema": {"type": "integer"}}
            }
        }
    },
}


def _request_language() -> str:
    """The Django code of the request's language (en, zh-hans or zh-hant)."""
    return DJANGO_CODES[languages.language_key()]


@router.post(
    "/rules/calculate",
    response={200: SituationOut, **SITUATION_ERRORS},
    throttle=THROTTLE,
    openapi_extra=SITUATION_OPENAPI,
    url_name="rules_calculate",
)
def rules_calculate(request: HttpRequest) -> dict[str, Any]:
    """Every null of the situation computed; the same JSON as `python -m talentbridge.rules calculate`.

    Rate-limited per client address (429 `rate_limited` with `Retry-After`). Faults are 422
    `invalid_input` with `details` keyed by the JSON path, e.g. `persons.p1.disability_grade.2025-01`.
    """
    return compute(read_situation(request, CALCULATE_LIMITS), trace=False, limits=CALCULATE_LIMITS)


@router.post(
    "/rules/trace",
    response={200: TraceOut, **SITUATION_ERRORS},
    exclude_unset=True,  # explanation fields the kernel gives only for some outputs stay absent, as on the CLI
    throttle=THROTTLE,
    openapi_extra=SITUATION_OPENAPI,
    url_name="rules_trace",
)
def rules_trace(request: HttpRequest) -> dict[str, Any]:
    """Calculate and explain: for each computed value, the conditions met or not, the values used, and
    each parameter read with its value, effective date and legal reference.

    `reasons` renders the explanations in the request's language (Accept-Language: en, zh-hans,
    zh-hant); `explanations[…].text` holds all three. Errors as `/rules/calculate`, with tighter limits
    (each explained value weighs kilobytes): at most 64 kB, 10 persons and 50 nulls per request.
    """
    result = compute(read_situation(request, TRACE_LIMITS), trace=True, limits=TRACE_LIMITS)
    language = _request_language()
    kernel_language = languages.language_key(language)
    result["language"] = language
    result["reasons"] = {
        person_id: {period: render(explanation, kernel_language) for period, explanation in periods.items()}
        for person_id, periods in result["explanations"].items()
    }
    check_output(result, TRACE_LIMITS)
    return result


@functools.cache
def _variables() -> dict[str, Any]:
    return variables_catalogue()


@functools.cache
def _parameters() -> dict[str, Any]:
    return parameters_catalogue()


@router.get("/rules/variables", response=VariablesOut, exclude_unset=True, url_name="rules_variables")
def rules_variables(request: HttpRequest) -> dict[str, Any]:
    """Every variable: label in three languages, JSON type, unit, legal reference, whether the rules compute
    it, and the accepted values of categories. The same JSON as `python -m talentbridge.rules variables`."""
    return _variables()


@router.get("/rules/parameters", response=ParametersOut, exclude_unset=True, url_name="rules_parameters")
def rules_parameters(request: HttpRequest) -> dict[str, Any]:
    """Every parameter: description, unit, legal reference and values by effective date. The same JSON as
    `python -m talentbridge.rules parameters`."""
    return _parameters()

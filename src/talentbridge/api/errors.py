"""One error shape for every API response that is not a success: {code, message, details}."""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from talentbridge.core.errors import ApplicationError, Forbidden, InvalidInput, NotAuthenticated, NotFound
from talentbridge.core.errors import validation_details as django_validation_details

logger = logging.getLogger(__name__)


class ErrorOut(Schema):
    """Every error: a stable machine-readable code, a translated message and structured details."""

    code: str
    message: str
    details: dict[str, Any]


class CsrfFailed(ApplicationError):
    code = "csrf_failed"
    http_status = 403
    default_message = _("The request could not be verified. Reload the page and try again.")


class MalformedRequest(ApplicationError):
    code = "malformed_request"
    http_status = 400
    default_message = _("The request body could not be read. Send a valid JSON object.")


class RequestTooLarge(ApplicationError):
    code = "request_too_large"
    http_status = 413
    default_message = _("The request is too large.")


class MethodNotAllowed(ApplicationError):
    code = "method_not_allowed"
    http_status = 405
    default_message = _("This method is not allowed here.")


class TooManyRequests(ApplicationError):
    code = "rate_limited"
    http_status = 429
    default_message = _("Too many requests. Wait a moment and try again.")


class ServerError(ApplicationError):
    code = "server_error"
    http_status = 500
    default_message = _("Something went wrong on our side. Try again later.")


def error_responses(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The `response=` entries documenting which errors an operation can return."""
    return dict.fromkeys(sorted(statuses), ErrorOut)


def error_response(error: ApplicationError, *, headers: dict[str, str] | None = None) -> HttpResponse:
    """Render an `ApplicationError` in the one error shape."""
    response = JsonResponse(error.as_dict(), status=error.http_status, json_dumps_params={"ensure_ascii": False})
    if error.http_status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    for name, value in (headers or {}).items():
        response[name] = value
    return response


# Pydantic error types mapped to our translated messages; anything else gets a generic one.
_FIELD_MESSAGES: dict[str, Any] = {
    "missing": _("This field is required."),
    "extra_forbidden": _("This field is not expected here."),
    "int_type": _("Enter a whole number."),
    "int_parsing": _("Enter a whole number."),
    "int_from_float": _("Enter a whole number."),
    "string_type": _("Enter text."),
    "bool_type": _("Enter true or false."),
    "bool_parsing": _("Enter true or false."),
    "dict_type": _("Enter an object."),
    "model_type": _("Enter an object."),
    "model_attributes_type": _("Enter an object."),
    "enum": _("Choose one of the listed options."),
    "literal_error": _("Choose one of the listed options."),
    "uuid_parsing": _("Enter a valid identifier."),
    "null_character": _("Null characters are not allowed."),
    "string_pattern_mismatch": _("This value is not valid."),
}
_RANGE_MESSAGES: dict[str, Any] = {
    "greater_than_equal": _("Enter a value of at least %(limit)s."),
    "greater_than": _("Enter a value greater than %(limit)s."),
    "less_than_equal": _("Enter a value of at most %(limit)s."),
    "less_than": _("Enter a value less than %(limit)s."),
    "string_too_long": _("Use at most %(limit)s characters."),
    "string_too_short": _("Use at least %(limit)s characters."),
}
_SOURCES = {"body", "query", "path", "form", "file", "header", "cookie"}


def _field_message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind in _FIELD_MESSAGES:
        return str(_FIELD_MESSAGES[kind])
    if kind in _RANGE_MESSAGES:
        ctx = error.get("ctx") or {}
        limit = next((ctx[k] for k in ("ge", "gt", "le", "lt", "max_length", "min_length") if k in ctx), "")
        return str(_RANGE_MESSAGES[kind]) % {"limit": limit}
    return gettext("This value is not valid.")


def _field_name(loc: Iterable[Any], body_params: frozenset[str]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        # Body schemas are nested under the view's parameter name; the client never sees it.
        if (source in {"body", "form"} and parts and parts[0] in body_params) or (
            source == "query" and parts and parts[0] == "ninja_pagination"
        ):
            parts.pop(0)
    return ".".join(parts) or "__all__"


def validation_details(errors: list[dict[str, Any]], body_params: frozenset[str]) -> dict[str, list[str]]:
    """Ninja's validation errors as `{field: [translated messages]}`."""
    details: dict[str, list[str]] = {}
    for error in errors:
        details.setdefault(_field_name(error.get("loc", ()), body_params), []).append(_field_message(error))
    return details


def _as_application_error(exc: Exception) -> ApplicationError:
    """The `ApplicationError` a non-domain exception stands for."""
    if isinstance(exc, ApplicationError):
        return exc
    if isinstance(exc, AuthenticationError):
        return NotAuthenticated()
    if isinstance(exc, Throttled):
        # Ninja adds the Retry-After header to the response; the same number goes in the details.
        wait = {"retry_after": math.ceil(exc.wait)} if exc.wait is not None else {}
        return TooManyRequests(details=wait)
    if isinstance(exc, HttpError):
        if exc.status_code == 400:
            cause = exc.__cause__
            return RequestTooLarge() if isinstance(cause, RequestDataTooBig) else MalformedRequest()
        if exc.status_code == 403:
            return CsrfFailed() if "csrf" in str(exc).lower() else Forbidden()
        if exc.status_code == 404:
            return NotFound()
        if exc.status_code == 413:
            return RequestTooLarge()
        generic = ApplicationError()
        generic.http_status = exc.status_code
        return generic
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        return NotFound()
    if isinstance(exc, DjangoValidationError):
        return InvalidInput(details=django_validation_details(exc))
    if isinstance(exc, RequestDataTooBig):
        return RequestTooLarge()
    if isinstance(exc, SuspiciousOperation | MultiPartParserError | UnicodeDecodeError):
        return MalformedRequest()
    logger.exception("Unhandled error in the API", exc_info=exc)
    return ServerError()


# View parameter names that hold a whole body schema (see routers); stripped from field paths.
BODY_PARAMS = frozenset({"data", "ninja_pagination", "filters"})


def install_error_handlers(api: NinjaAPI) -> None:
    """Route every exception an operation can raise to the one error shape."""

    def on_validation_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(InvalidInput(details=validation_details(exc.errors, BODY_PARAMS)))

    def on_any_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(_as_application_error(exc))

    api.add_exception_handler(ValidationError, on_validation_error)
    # Ninja's own handlers are registered per class; replace each, most specific match wins.
    for exc_class in (Exception, HttpError, Http404, ApplicationError):
        api.add_exception_handler(exc_class, on_any_error)


def json_method_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a ninja path view so that 405 answers come in the one error shape too."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            return error_response(MethodNotAllowed(), headers={"Allow": response["Allow"]})
        return response

    return wrapper


def unknown_path(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any URL under the API that names no endpoint."""
    return error_response(NotFound())


unknown_path.csrf_exempt = True  # type: ignore[attr-defined]

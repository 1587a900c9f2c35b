"""One error hierarchy with stable codes, translated messages and structured details."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """Base of every error the platform reports to a person or a client."""

    code = "error"
    http_status = 400
    default_message: Any = _("The request could not be completed.")

    def __init__(self, message: Any = None, *, details: dict[str, Any] | None = None) -> None:
        self.message = message if message is not None else self.default_message
        self.details = details or {}
        super().__init__(str(self.message))

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": str(self.message), "details": self.details}


class InvalidInput(ApplicationError):
    code = "invalid_input"
    http_status = 422
    default_message = _("Some of the information given is not valid.")


class NotAuthenticated(ApplicationError):
    code = "not_authenticated"
    http_status = 401
    default_message = _("Please sign in to continue.")


class Forbidden(ApplicationError):
    code = "forbidden"
    http_status = 403
    default_message = _("You are not allowed to do this.")


class NotFound(ApplicationError):
    code = "not_found"
    http_status = 404
    default_message = _("The requested item does not exist or is not visible to you.")


class Conflict(ApplicationError):
    code = "conflict"
    http_status = 409
    default_message = _("This case was changed by someone else meanwhile. Reload it and try again.")


class IllegalTransition(ApplicationError):
    code = "illegal_transition"
    http_status = 409
    default_message = _("This action is not possible in the case's current state.")


class ReasonRequired(InvalidInput):
    code = "reason_required"
    default_message = _("A reason is required for this decision.")


class UnsupportedDocument(InvalidInput):
    code = "unsupported_document"
    default_message = _("Only PDF, JPEG and PNG files of at most 10 MB are accepted.")


def validation_details(error: Any) -> dict[str, Any]:
    """Turn a Django ValidationError into `{field: [messages]}` details."""
    if hasattr(error, "message_dict"):
        return {field: [str(m) for m in msgs] for field, msgs in error.message_dict.items()}
    return {"__all__": [str(m) for m in getattr(error, "messages", [error])]}

"""Show service errors (`ApplicationError`) on the form fields they concern, with the page's status."""

from __future__ import annotations

from django import forms

from talentbridge.core.errors import ApplicationError, InvalidInput

# A page shown again because what the person sent is refused answers 400, whether the form or the
# service found the fault (the API keeps its own statuses: 422 for invalid input).
REFUSED_INPUT = 400

# Service fields that concern the whole application, not one input: casework's one notice naming each
# missing required document (`documents`) is shown once above the form, never beside an upload field.
WHOLE_FORM_FIELDS = frozenset({"documents"})


def refused_status(error: ApplicationError | None = None) -> int:
    """The status of a page that shows a form again with its errors: `REFUSED_INPUT` for refused input
    (the form's or the service's `InvalidInput`); another refusal keeps its own (a conflict 409, …)."""
    if error is None or isinstance(error, InvalidInput):
        return REFUSED_INPUT
    return error.http_status


def add_service_error(
    form: forms.Form,
    error: ApplicationError,
    *,
    aliases: dict[str, str] | None = None,
    labels: dict[str, str] | None = None,
) -> None:
    """Put each message of `error.details` next to its field; the rest, and the summary, above the form.

    `aliases` maps a service's field names to the form's (e.g. `reason` → `note`); `labels` names the
    fields the form does not show, so a message above the form still says which field it is about.
    Messages on `WHOLE_FORM_FIELDS` go above the form as they are.
    """
    aliases, labels = aliases or {}, labels or {}
    placed = False
    for field, messages in error.details.items():
        name = aliases.get(field, field)
        if not isinstance(messages, list | tuple):
            continue
        for message in messages:
            if field in WHOLE_FORM_FIELDS:
                form.add_error(None, str(message))
                placed = True
            elif name in form.fields:
                form.add_error(name, str(message))
                placed = True
            else:
                label = labels.get(field)
                form.add_error(None, f"{label}: {message}" if label else str(message))
                placed = True
    if not placed or error.code not in {"invalid_input", "reason_required", "unsupported_document"}:
        form.add_error(None, str(error.message))

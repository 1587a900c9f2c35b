"""What the import's parts share: a rejection reason as stored."""

from __future__ import annotations

from typing import Any

# A rejection reason as stored: its English msgid, with its parameters when it has any, put into words
# when the report is read (`insurance.models.reason_text`), so it reads in the reader's language, not
# in the language of the run that made it.
Reason = str | dict[str, Any]


def reason(msgid: str, **params: str) -> Reason:
    """A reason to store: the msgid alone, or with its parameters."""
    return {"msgid": msgid, "params": params} if params else msgid

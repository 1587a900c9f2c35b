"""Writes on applications: create, edit, every workflow transition, and deadline processing.

By topic: `filing` (open, file, edit a draft), `transitions` (every workflow step), `four_eyes`,
`info_requests`, `verification` (by a second authority), `deadlines`, `documents` (removing one from a
draft); `common` holds what they share.
"""

from talentbridge.casework.services.deadlines import deadlines_process
from talentbridge.casework.services.documents import document_remove
from talentbridge.casework.services.filing import application_create, application_file, application_update_draft
from talentbridge.casework.services.four_eyes import proposer_of
from talentbridge.casework.services.info_requests import info_request_create, info_request_reply
from talentbridge.casework.services.transitions import DEDICATED_STEPS, application_transition
from talentbridge.casework.services.verification import verification_request, verification_respond

__all__ = [
    "DEDICATED_STEPS",
    "application_create",
    "application_file",
    "application_transition",
    "application_update_draft",
    "deadlines_process",
    "document_remove",
    "info_request_create",
    "info_request_reply",
    "proposer_of",
    "verification_request",
    "verification_respond",
]

"""Writes of mobility: employer attestations, applying for an endorsement, stays and border records.

By topic: `attestations` (request, decide), `applying` (the office and case data of an application, and the
application filed), `stays` (entries and exits, border records, an endorsement revoked with its case);
`common` holds what they share. The page and the API call the same function for each write.
"""

from talentbridge.mobility.services.applying import KIND, endorsement_application_prepare, endorsement_apply
from talentbridge.mobility.services.attestations import (
    attestation_decide,
    attestation_decision_record,
    attestation_request,
    confirmed_attestation,
)
from talentbridge.mobility.services.stays import (
    MAX_BORDER_FILE_BYTES,
    MAX_IMPORT_ROWS,
    border_import_allowed,
    border_records_import,
    endorsement_revoke_for_case,
    stay_entry_log,
    stay_exit_log,
    stays_import_border_records,
)

__all__ = [
    "KIND",
    "MAX_BORDER_FILE_BYTES",
    "MAX_IMPORT_ROWS",
    "attestation_decide",
    "attestation_decision_record",
    "attestation_request",
    "border_import_allowed",
    "border_records_import",
    "confirmed_attestation",
    "endorsement_application_prepare",
    "endorsement_apply",
    "endorsement_revoke_for_case",
    "stay_entry_log",
    "stay_exit_log",
    "stays_import_border_records",
]

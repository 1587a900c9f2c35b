"""Writes of insurance: contribution imports, exemptions, the end of periods, benefit estimates and claims.

By topic: `imports` (who may import, start, reconcile, retry), `exemptions` (Macao cover; ending open periods),
`benefits` (an estimate from one's records, a claim filed at the city's fund). The page and the API call the
same function for each write.
"""

from talentbridge.insurance.services.benefits import (
    CLAIM_BENEFITS,
    CLAIM_KIND,
    PAYMENT_OPTIONS,
    RETIREMENT_CATEGORIES,
    benefit_claim_file,
    benefit_claim_prepare,
    benefit_estimate,
    birth_month_refusal,
    claim_fund,
    month_parse,
)
from talentbridge.insurance.services.exemptions import exemption_record, exemption_record_by_email, periods_end_open
from talentbridge.insurance.services.imports import (
    FORMATS,
    MAX_IMPORT_BYTES,
    contribution_import_reconcile,
    contribution_import_retry,
    contribution_import_start,
    contribution_imports_reconcile,
    import_root,
    is_fund_staff,
    may_import,
    may_view_imports,
)

__all__ = [
    "CLAIM_BENEFITS",
    "CLAIM_KIND",
    "FORMATS",
    "MAX_IMPORT_BYTES",
    "PAYMENT_OPTIONS",
    "RETIREMENT_CATEGORIES",
    "benefit_claim_file",
    "benefit_claim_prepare",
    "benefit_estimate",
    "birth_month_refusal",
    "claim_fund",
    "contribution_import_reconcile",
    "contribution_import_retry",
    "contribution_import_start",
    "contribution_imports_reconcile",
    "exemption_record",
    "exemption_record_by_email",
    "import_root",
    "is_fund_staff",
    "may_import",
    "may_view_imports",
    "month_parse",
    "periods_end_open",
]

"""GBA rules kernel: OpenFisca variables, dated parameters, explanations and what-if (no Django).

Rounding: money rounds half-up to the cent once, when it leaves the kernel (`money.round_money`);
formulas never round intermediates. Rules are read as they stand on the day of the check or
decision (`decision_date`, by default the first day of the period's month).
"""

from talentbridge.rules.retirement import (
    RetirementCategory,
    personal_account_rate,
    personal_account_rate_reference,
    retirement_age_reference,
    statutory_retirement_age_months,
    statutory_retirement_month,
)
from talentbridge.rules.system import GbaRulebook, rulebook
from talentbridge.rules.version import rules_version

__all__ = [
    "GbaRulebook",
    "RetirementCategory",
    "personal_account_rate",
    "personal_account_rate_reference",
    "retirement_age_reference",
    "rulebook",
    "rules_version",
    "statutory_retirement_age_months",
    "statutory_retirement_month",
]

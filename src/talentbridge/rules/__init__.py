"""GBA rules kernel: OpenFisca variables, dated parameters, explanations and what-if (no Django).

Rounding: money rounds half-up to the cent once, when it leaves the kernel (`money.round_money`);
formulas never round intermediates.
"""

from talentbridge.rules.system import GbaRulebook, rulebook
from talentbridge.rules.version import rules_version

__all__ = ["GbaRulebook", "rulebook", "rules_version"]

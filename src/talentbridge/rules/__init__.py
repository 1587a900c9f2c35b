"""GBA rules kernel: OpenFisca variables, dated parameters, explanations and what-if (no Django)."""

from talentbridge.rules.system import GbaRulebook, rulebook
from talentbridge.rules.version import rules_version

__all__ = ["GbaRulebook", "rulebook", "rules_version"]

"""The GBA rulebook: an OpenFisca tax-benefit system loading the kernel's variables and parameters."""

from __future__ import annotations

import functools
from pathlib import Path

from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

from talentbridge.rules.entities import entities
from talentbridge.rules.variables import day, endorsement, insurance, opportunities, practice

RULES_DIR = Path(__file__).resolve().parent
PARAMETERS_DIR = RULES_DIR / "parameters"
VARIABLES_DIR = RULES_DIR / "variables"
YAML_TESTS_DIR = RULES_DIR / "tests"

VARIABLE_MODULES = (day, practice, endorsement, insurance, opportunities)


def variable_classes() -> list[type[Variable]]:
    """Every variable class of the kernel, area by area, in declaration order."""
    classes: list[type[Variable]] = []
    for module in VARIABLE_MODULES:
        classes.extend(module.VARIABLES)
    return classes


class GbaRulebook(TaxBenefitSystem):  # type: ignore[misc]  # OpenFisca ships no type information
    """Rules for HK/Macao professionals, talents, insured workers and graduates in the GBA."""

    def __init__(self) -> None:
        super().__init__(entities)
        self.add_variables(*variable_classes())
        self.load_parameters(str(PARAMETERS_DIR))


@functools.cache
def rulebook() -> GbaRulebook:
    """The baseline rulebook, loaded once per process (treat it as read-only; reforms copy it)."""
    return GbaRulebook()

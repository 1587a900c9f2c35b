"""Variable base classes: monthly person variables; every float is float64, money is marked."""

from __future__ import annotations

from typing import Any

import numpy as np
from openfisca_core.model_api import MONTH, Variable

from talentbridge.rules.entities import Person

__all__ = ["MONTH", "MoneyVariable", "Person", "RuleVariable"]


class RuleVariable(Variable):  # type: ignore[misc]  # OpenFisca ships no type information
    """A monthly variable of a person.

    OpenFisca reads a variable's attributes from its own class `__dict__` only, so the shared
    ones (entity, period, and the value type of a family) are copied onto each subclass.
    """

    _inherited = ("entity", "definition_period", "value_type")
    entity = Person
    definition_period = MONTH

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in RuleVariable._inherited:
            if name not in cls.__dict__ and hasattr(cls, name):
                setattr(cls, name, getattr(cls, name))

    def __init__(self, baseline_variable: Any = None) -> None:
        super().__init__(baseline_variable)
        if self.value_type is float:
            self.dtype = np.float64  # OpenFisca's float32 is too coarse for cents and decimal years


class MoneyVariable(RuleVariable):
    """An amount of money per month; unrounded inside the kernel (see `talentbridge.rules.money`)."""

    value_type = float

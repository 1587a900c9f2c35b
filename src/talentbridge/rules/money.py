"""The one rounding rule of the kernel: money rounds half-up to the cent, once, at the end.

Formulas never round: every intermediate amount (own wage, allowance before capping, ...) keeps
full float64 precision, and only what leaves the kernel (CLI output, explanations, simulation
totals) passes through `round_money`. Half-up means 0.005 rounds away from zero; a tiny
tolerance (1e-6 of a cent) absorbs binary representation error, so 1234.565 rounds to 1234.57.
"""

from __future__ import annotations

from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

_CENT_TOLERANCE = 1e-6


@overload
def round_money(value: float) -> float: ...
@overload
def round_money(value: NDArray[Any]) -> NDArray[np.float64]: ...
def round_money(value: float | NDArray[Any]) -> float | NDArray[np.float64]:
    """Round money half-up (away from zero) to the cent."""
    array = np.asarray(value, dtype=np.float64)
    cents = np.floor(np.abs(array) * 100.0 + 0.5 + _CENT_TOLERANCE)
    rounded = np.sign(array) * cents / 100.0 + 0.0
    if np.ndim(rounded) == 0:
        return float(rounded)
    return rounded

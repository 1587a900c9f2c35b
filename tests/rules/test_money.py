"""The one rounding rule: half-up to the cent, applied once at the end."""

from __future__ import annotations

import numpy as np
import pytest

from talentbridge.rules.money import round_money


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (1234.565, 1234.57),
        (1234.564999, 1234.56),
        (0.005, 0.01),
        (2.675, 2.68),
        (-1.005, -1.01),
        (7000.0, 7000.0),
        (0.0, 0.0),
    ],
)
def test_half_up_to_the_cent(value: float, rounded: float) -> None:
    assert round_money(value) == rounded


def test_arrays_round_with_the_same_rule() -> None:
    assert round_money(np.array([1234.565, 2.675, 1.0])).tolist() == [1234.57, 2.68, 1.0]

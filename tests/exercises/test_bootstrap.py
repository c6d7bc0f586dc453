"""Bootstrap sampling odds against values worked by hand, and their limit 1/e."""

from __future__ import annotations

import math

import pytest

from quizapp.exercises.bootstrap import (
    LIMIT,
    expected_distinct,
    expected_out_of_bag,
    p_left_out,
)


@pytest.mark.parametrize(
    ("n", "left_out", "distinct"),
    [
        (1, 0.0, 1.0),
        (2, 0.25, 1.5),  # (1/2)² = 1/4; 2·3/4
        (4, 81 / 256, 4 * 175 / 256),  # (3/4)⁴ = 81/256
        (10, 0.3486784401, 6.513215599),  # 0.9¹⁰
    ],
)
def test_worked_by_hand(n: int, left_out: float, distinct: float) -> None:
    assert p_left_out(n) == pytest.approx(left_out, rel=1e-12, abs=1e-15)
    assert expected_distinct(n) == pytest.approx(distinct, rel=1e-12)
    assert expected_out_of_bag(n) + expected_distinct(n) == pytest.approx(n, rel=1e-12)


def test_tends_to_one_over_e() -> None:
    assert pytest.approx(0.36787944117144233, rel=1e-15) == LIMIT
    previous = 0.0
    for n in (2, 10, 100, 10_000, 1_000_000):
        # (1 − 1/n)ⁿ increases towards 1/e from below ...
        assert previous < p_left_out(n) < LIMIT
        previous = p_left_out(n)
        # ... and for large n the gap is 1/(2en)·(1 + O(1/n)) (expand n·ln(1 − 1/n)).
        if n >= 100:
            assert LIMIT - p_left_out(n) == pytest.approx(1 / (2 * math.e * n), rel=0.01)


def test_zero_samples_is_refused() -> None:
    with pytest.raises(ValueError):
        p_left_out(0)

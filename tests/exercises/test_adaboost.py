"""One AdaBoost round against values worked by hand, and the drawing of misclassified samples."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.exercises.adaboost import adaboost_round, draw_wrong


def test_uniform_round_worked_by_hand() -> None:
    # 5 samples of weight 0.2, sample 2 wrong: ε = 0.2; α = ½·ln(0.8/0.2) = ln 2;
    # e^α = 2, e^−α = 0.5 → 0.1, 0.4, 0.1, 0.1, 0.1; Z = 0.8 = 2·√(0.2·0.8);
    # w′ = 0.125, 0.5, 0.125, 0.125, 0.125
    out = adaboost_round([0.2] * 5, [False, True, False, False, False])
    assert out.error == pytest.approx(0.2, rel=1e-12)
    assert out.alpha == pytest.approx(0.69314718055994530941, rel=1e-12)
    assert out.z == pytest.approx(0.8, rel=1e-12)
    np.testing.assert_allclose(out.weights, [0.125, 0.5, 0.125, 0.125, 0.125], rtol=1e-12)


def test_varied_round_worked_by_hand() -> None:
    # w = (0.1, 0.2, 0.3, 0.4), samples 1 and 2 wrong: ε = 0.3; α = ½·ln(7/3);
    # after normalising, the wrong ones share ½ in proportion (1:2), the right ones ½ (3:4):
    # w′ = (1/6, 1/3, 3/14, 2/7)
    out = adaboost_round([0.1, 0.2, 0.3, 0.4], [True, True, False, False])
    assert out.error == pytest.approx(0.3, rel=1e-12)
    assert out.alpha == pytest.approx(0.5 * math.log(7 / 3), rel=1e-12)
    np.testing.assert_allclose(out.weights, [1 / 6, 1 / 3, 3 / 14, 2 / 7], rtol=1e-12)


@pytest.mark.parametrize("wrong", [[False, False, False], [True, True, True]])
def test_error_of_zero_or_one_is_refused(wrong: list[bool]) -> None:
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        adaboost_round([1, 1, 1], wrong)


@given(
    seed=st.integers(0, 2**32),
    units=st.lists(st.integers(1, 20), min_size=3, max_size=10),
)
def test_drawn_errors_stay_strictly_inside_zero_and_a_half(seed: int, units: list[int]) -> None:
    array = np.array(units, dtype=np.int64)
    wrong = draw_wrong(np.random.default_rng(seed), array)
    taken = int(array[wrong].sum())
    assert taken > 0
    assert 2 * taken < int(array.sum())
    out = adaboost_round(array, wrong)
    assert 0 < out.alpha < math.inf
    assert out.weights.sum() == pytest.approx(1.0, rel=1e-12)
    # After the update the misclassified samples carry exactly half the weight.
    assert out.weights[wrong].sum() == pytest.approx(0.5, rel=1e-9)

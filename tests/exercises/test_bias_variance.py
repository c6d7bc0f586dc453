"""Bias², variance and expected squared error against values worked by hand."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.exercises.bias_variance import bias_variance, draw_deviations, generalization_gap


def test_worked_by_hand() -> None:
    # ŷ = 2, 4, 3, 5; f(x) = 3; σ² = 0.5: mean 3.5; bias² 0.25;
    # variance (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25 (divided by k); error 0.25 + 1.25 + 0.5 = 2
    out = bias_variance([2, 4, 3, 5], 3, 0.5)
    assert out.mean == pytest.approx(3.5, rel=1e-12)
    assert out.bias2 == pytest.approx(0.25, rel=1e-12)
    assert out.variance == pytest.approx(1.25, rel=1e-12)
    assert out.error == pytest.approx(2.0, rel=1e-12)


def test_unbiased_models_have_no_bias() -> None:
    out = bias_variance([-1.0, 1.0], 0.0)
    assert out.bias2 == 0.0
    assert out.variance == pytest.approx(1.0, rel=1e-12)


def test_generalization_gap() -> None:
    assert generalization_gap(0.12, 0.31) == pytest.approx(0.19, rel=1e-12)


def test_negative_noise_is_refused() -> None:
    with pytest.raises(ValueError):
        bias_variance([1.0], 1.0, -0.1)


@given(seed=st.integers(0, 2**32), k=st.integers(2, 10), most=st.integers(0, 1000))
def test_deviations_balance(seed: int, k: int, most: int) -> None:
    deviations = draw_deviations(np.random.default_rng(seed), k, most)
    assert len(deviations) == k
    assert int(deviations.sum()) == 0
    assert int(np.abs(deviations).max()) <= most

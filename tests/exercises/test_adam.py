"""Adam against steps worked by hand from Kingma & Ba (2014), Algorithm 1."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.exercises.adam import adam_step


def test_first_step_worked_by_hand() -> None:
    # t=1, g=0.4, θ=1, α=0.1, β₁=0.9, β₂=0.999, m₀=v₀=0:
    # m₁ = 0.1·0.4 = 0.04; v₁ = 0.001·0.16 = 0.00016; m̂₁ = 0.04/0.1 = 0.4;
    # v̂₁ = 0.00016/0.001 = 0.16; θ₁ = 1 − 0.1·0.4/(0.4 + 1e-8) = 0.9000000025
    step = adam_step(1.0, 0.4, 0.0, 0.0, 1, lr=0.1)
    assert step.m == pytest.approx(0.04, rel=1e-12)
    assert step.v == pytest.approx(0.00016, rel=1e-12)
    assert step.m_hat == pytest.approx(0.4, rel=1e-12)
    assert step.v_hat == pytest.approx(0.16, rel=1e-12)
    assert step.theta == pytest.approx(0.9000000025, rel=1e-12)


def test_second_step_worked_by_hand() -> None:
    # Continuing with θ=0.9, g=0.2, m₁=0.04, v₁=0.00016, t=2 (worked with bc, 20 digits):
    # m₂ = 0.036 + 0.02 = 0.056; v₂ = 0.00015984 + 0.00004 = 0.00019984;
    # m̂₂ = 0.056/0.19; v̂₂ = 0.00019984/0.001999; θ₂ = 0.9 − 0.1·m̂₂/(√v̂₂ + 1e-8)
    step = adam_step(0.9, 0.2, 0.04, 0.00016, 2, lr=0.1)
    assert step.m == pytest.approx(0.056, rel=1e-12)
    assert step.v == pytest.approx(0.00019984, rel=1e-12)
    assert step.m_hat == pytest.approx(0.29473684210526315789, rel=1e-12)
    assert step.v_hat == pytest.approx(0.09996998499249624812, rel=1e-12)
    assert step.theta == pytest.approx(0.80678203906711234332, rel=1e-12)


def test_paper_defaults() -> None:
    # α=0.001 by default: the first step moves θ by about 0.001 against the gradient's sign.
    step = adam_step(0.5, -3.0, 0.0, 0.0, 1)
    assert step.theta == pytest.approx(0.501, rel=1e-9)


def test_arrays_are_element_wise() -> None:
    # Component 2 worked by hand: g=−0.2 → m=−0.02, v=0.00004, m̂=−0.2, v̂=0.04, θ=0+0.1·0.2/0.2.
    step = adam_step(np.array([1.0, 0.0]), np.array([0.4, -0.2]), np.zeros(2), np.zeros(2), 1, 0.1)
    assert isinstance(step.theta, np.ndarray)
    np.testing.assert_allclose(step.m, [0.04, -0.02], rtol=1e-12)
    np.testing.assert_allclose(step.v, [0.00016, 0.00004], rtol=1e-12)
    np.testing.assert_allclose(step.m_hat, [0.4, -0.2], rtol=1e-12)
    np.testing.assert_allclose(step.v_hat, [0.16, 0.04], rtol=1e-12)
    np.testing.assert_allclose(step.theta, [0.9, 0.1], rtol=1e-7)


def test_inputs_are_not_mutated() -> None:
    m = np.array([0.1, 0.2])
    adam_step(np.zeros(2), np.ones(2), m, np.zeros(2), 1)
    np.testing.assert_array_equal(m, [0.1, 0.2])


@pytest.mark.parametrize(
    ("t", "beta1", "beta2", "v"),
    [(0, 0.9, 0.999, 0.0), (1, 1.0, 0.999, 0.0), (1, 0.9, -0.1, 0.0), (1, 0.9, 0.999, -1.0)],
    ids=["t-zero", "beta1-one", "beta2-negative", "v-negative"],
)
def test_invalid_inputs_are_refused(t: int, beta1: float, beta2: float, v: float) -> None:
    with pytest.raises(ValueError):
        adam_step(0.0, 1.0, 0.0, v, t, beta1=beta1, beta2=beta2)


@given(
    magnitude=st.floats(min_value=1e-3, max_value=1e3),
    sign=st.sampled_from([-1.0, 1.0]),
    lr=st.sampled_from([0.001, 0.01, 0.1]),
)
def test_first_step_has_magnitude_lr_whatever_the_gradient_scale(
    magnitude: float, sign: float, lr: float
) -> None:
    # At t=1 from zero moments m̂ = g and v̂ = g², so the step is α·g/(|g| + ε) ≈ α·sign(g).
    step = adam_step(0.0, sign * magnitude, 0.0, 0.0, 1, lr=lr)
    assert step.theta == pytest.approx(-sign * lr, rel=1e-4)

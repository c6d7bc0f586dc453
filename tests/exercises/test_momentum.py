"""SGD with momentum (v ← μ·v + g; θ ← θ − α·v) against steps worked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from quizapp.exercises.momentum import momentum_step


def test_one_step_worked_by_hand() -> None:
    # θ=1, g=0.5, v=0.2, α=0.1, μ=0.9: v₁ = 0.18 + 0.5 = 0.68; θ₁ = 1 − 0.068 = 0.932
    step = momentum_step(1.0, 0.5, 0.2, lr=0.1, momentum=0.9)
    assert step.v == pytest.approx(0.68, rel=1e-12)
    assert step.theta == pytest.approx(0.932, rel=1e-12)


def test_two_steps_accumulate_velocity() -> None:
    # Constant g=1 from v=0, α=0.1, μ=0.5: v = 1, then 0.5·1 + 1 = 1.5; θ = 0 − 0.1 − 0.15 = −0.25
    first = momentum_step(0.0, 1.0, 0.0, lr=0.1, momentum=0.5)
    second = momentum_step(first.theta, 1.0, first.v, lr=0.1, momentum=0.5)
    assert second.v == pytest.approx(1.5, rel=1e-12)
    assert second.theta == pytest.approx(-0.25, rel=1e-12)


def test_zero_momentum_is_plain_sgd() -> None:
    step = momentum_step(
        np.array([1.0, 2.0]), np.array([0.5, -1.0]), np.array([9.0, 9.0]), 0.1, 0.0
    )
    np.testing.assert_allclose(step.theta, [0.95, 2.1], rtol=1e-12)


def test_momentum_of_one_is_refused() -> None:
    with pytest.raises(ValueError, match="momentum"):
        momentum_step(0.0, 1.0, 0.0, momentum=1.0)

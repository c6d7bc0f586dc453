"""RMSProp (s ← ρ·s + (1 − ρ)·g²; θ ← θ − α·g/(√s + ε)) against steps worked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from quizapp.exercises.rmsprop import rmsprop_step


def test_one_step_worked_by_hand() -> None:
    # θ=1, g=0.5, s=0.1, α=0.01, ρ=0.9: s₁ = 0.09 + 0.1·0.25 = 0.115;
    # θ₁ = 1 − 0.01·0.5/(√0.115 + 1e-8) = 0.98525580481929288253 (bc, 20 digits)
    step = rmsprop_step(1.0, 0.5, 0.1, lr=0.01, rho=0.9, eps=1e-8)
    assert step.s == pytest.approx(0.115, rel=1e-12)
    assert step.theta == pytest.approx(0.98525580481929288253, rel=1e-12)


def test_first_step_from_zero_scales_by_one_over_root_one_minus_rho() -> None:
    # s=0: s₁ = (1 − ρ)·g², so the step is α·g/(|g|·√(1 − ρ)) = α/√0.1 ≈ 3.1623·α for ρ = 0.9
    # (ε shifts the small gradient's step by about 1e-8/0.003, hence rtol 1e-5).
    step = rmsprop_step(np.zeros(2), np.array([2.0, -0.01]), np.zeros(2), lr=0.1, rho=0.9)
    np.testing.assert_allclose(step.theta, [-0.31622776601683794, 0.31622776601683794], rtol=1e-5)


@pytest.mark.parametrize(("rho", "s"), [(1.0, 0.0), (-0.1, 0.0), (0.9, -1.0)])
def test_invalid_inputs_are_refused(rho: float, s: float) -> None:
    with pytest.raises(ValueError):
        rmsprop_step(0.0, 1.0, s, rho=rho)

"""One Adam step (Kingma & Ba, 2014, "Adam: A Method for Stochastic Optimization", Algorithm 1).

For step t ≥ 1, with gradient g, previous moments m and v, step size α and decay rates β₁, β₂:

    mₜ = β₁·mₜ₋₁ + (1 − β₁)·g
    vₜ = β₂·vₜ₋₁ + (1 − β₂)·g²
    m̂ₜ = mₜ / (1 − β₁ᵗ)
    v̂ₜ = vₜ / (1 − β₂ᵗ)
    θₜ = θₜ₋₁ − α·m̂ₜ / (√v̂ₜ + ε)

This is the algorithm as printed, ε added outside the square root (the paper's Section 2 notes
the more efficient reordering, which gives slightly different numbers; the exercises use this
one). Works element-wise on floats and numpy arrays alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

#: A scalar or an array of parameters: every formula here is element-wise.
Value = TypeVar("Value", float, NDArray[np.float64])


@dataclass(frozen=True, slots=True)
class AdamStep(Generic[Value]):
    """The moments and the parameter after one Adam step."""

    m: Value
    v: Value
    m_hat: Value
    v_hat: Value
    theta: Value


def _check(t: int, rates: dict[str, float], v: float | NDArray[np.float64]) -> None:
    if t < 1:
        raise ValueError(f"the step number t starts at 1, got {t}")
    for name, rate in rates.items():
        if not 0 <= rate < 1:
            raise ValueError(f"{name} must be in [0, 1), got {rate}")
    if np.any(np.asarray(v) < 0):
        raise ValueError("the second moment v cannot be negative")


def adam_step(
    theta: Value,
    grad: Value,
    m: Value,
    v: Value,
    t: int,
    lr: float = 0.001,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> AdamStep[Value]:
    """Step `t` of Adam from parameter `theta` with gradient `grad` and moments `m`, `v`.

    The defaults are the paper's (α = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸).
    """
    _check(t, {"beta1": beta1, "beta2": beta2}, v)
    m_t = beta1 * m + (1 - beta1) * grad
    v_t = beta2 * v + (1 - beta2) * grad * grad
    m_hat = m_t / (1 - beta1**t)
    v_hat = v_t / (1 - beta2**t)
    theta_t = theta - lr * m_hat / (v_hat**0.5 + eps)
    return AdamStep(m=m_t, v=v_t, m_hat=m_hat, v_hat=v_hat, theta=theta_t)

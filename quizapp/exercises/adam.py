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

The module ends with the `adam_step` exercise built on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

from quizapp.exercises.exercise import Given
from quizapp.exercises.formatting import GIVEN_DIGITS, factor, num, sub, sup
from quizapp.exercises.generator import (
    Bounds,
    Generator,
    Inputs,
    Kind,
    Param,
    Quantity,
    Worked,
    as_number,
    step,
)
from quizapp.exercises.optimizers import (
    EPS,
    GRAD,
    LARGE,
    RATE_BOUNDS,
    SIZE,
    THETA,
    array,
    intro,
    lead,
    lr_param,
    show,
    show_given,
)

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


# The exercise: one Adam step, the learner works out some of mₜ, vₜ, m̂ₜ, v̂ₜ, θₜ.


def _work(inputs: Inputs, rng: np.random.Generator) -> Worked:
    del rng  # every input is a parameter
    theta, grad = array(inputs["theta"]), array(inputs["grad"])
    m, v = array(inputs["m"]), array(inputs["v"])
    t: int = inputs["t"]
    lr, beta1, beta2, eps = inputs["lr"], inputs["beta1"], inputs["beta2"], inputs["eps"]
    out = adam_step(theta, grad, m, v, t, lr=lr, beta1=beta1, beta2=beta2, eps=eps)
    now, before = sub(t), sub(t - 1)
    given = (
        Given("t", str(t), "t"),
        Given(f"θ{before}", show_given(theta), "theta"),
        Given(f"g{now}", show_given(grad), "grad"),
        Given(f"m{before}", show_given(m), "m"),
        Given(f"v{before}", show_given(v), "v"),
        Given("α", num(lr, GIVEN_DIGITS), "lr"),
        Given("β₁", num(beta1, GIVEN_DIGITS), "beta1"),
        Given("β₂", num(beta2, GIVEN_DIGITS), "beta2"),
        Given("ε", num(eps, GIVEN_DIGITS), "eps"),
    )
    solution = (
        step(
            f"m{now} = β₁·m{before} + (1 − β₁)·g{now}",
            f"{factor(beta1)}·{show(m)} + {factor(1 - beta1)}·{show(grad)}",
            as_number(out.m),
            about="m",
        ),
        step(
            f"v{now} = β₂·v{before} + (1 − β₂)·g{now}²",
            f"{factor(beta2)}·{show(v)} + {factor(1 - beta2)}·{show(grad)}²",
            as_number(out.v),
            about="v",
        ),
        step(
            f"m̂{now} = m{now} / (1 − β₁{sup(t)})",
            f"{lead(out.m)} / (1 − {factor(beta1)}{sup(t)}) = {lead(out.m)} / {num(1 - beta1**t)}",
            as_number(out.m_hat),
            about="m_hat",
        ),
        step(
            f"v̂{now} = v{now} / (1 − β₂{sup(t)})",
            f"{lead(out.v)} / (1 − {factor(beta2)}{sup(t)}) = {lead(out.v)} / {num(1 - beta2**t)}",
            as_number(out.v_hat),
            about="v_hat",
        ),
        step(
            f"θ{now} = θ{before} − α·m̂{now} / (√v̂{now} + ε)",
            f"{lead(theta)} − {factor(lr)}·{show(out.m_hat)} / (√{show(out.v_hat)} + {num(eps)})",
            as_number(out.theta),
            about="theta",
        ),
    )
    values = {
        "m": as_number(out.m),
        "v": as_number(out.v),
        "m_hat": as_number(out.m_hat),
        "v_hat": as_number(out.v_hat),
        "theta": as_number(out.theta),
    }
    return Worked(intro(f"One Adam step (t = {t})", theta.size), given, values, solution)


GENERATOR = Generator(
    name="adam_step",
    title="One Adam step",
    params=(
        SIZE,
        THETA,
        GRAD,
        Param(
            "m",
            "mₜ₋₁",
            "first moment before the step",
            0,
            bounds=Bounds(-LARGE, LARGE),
            per_component=True,
        ),
        Param(
            "v",
            "vₜ₋₁",
            "second moment before the step (≥ 0)",
            0,
            bounds=Bounds(0, LARGE**2),
            per_component=True,
        ),
        Param("t", "t", "the step number, from 1", 1, kind=Kind.INTEGER, bounds=Bounds(1, 10_000)),
        lr_param(0.1),
        Param("beta1", "β₁", "decay rate of the first moment", 0.9, bounds=RATE_BOUNDS),
        Param("beta2", "β₂", "decay rate of the second moment", 0.999, bounds=RATE_BOUNDS),
        EPS,
    ),
    quantities=(
        Quantity(
            "m",
            "mₜ",
            "first moment (moving average of g)",
            vector=True,
            baseline="m",
            needs=("m", "beta1", "grad"),
        ),
        Quantity(
            "v",
            "vₜ",
            "second moment (moving average of g²)",
            vector=True,
            baseline="v",
            needs=("v", "beta2", "grad"),
        ),
        Quantity(
            "m_hat",
            "m̂ₜ",
            "bias-corrected first moment",
            vector=True,
            needs=("beta1", "t"),
            builds_on=("m",),
        ),
        Quantity(
            "v_hat",
            "v̂ₜ",
            "bias-corrected second moment",
            vector=True,
            needs=("beta2", "t"),
            builds_on=("v",),
        ),
        Quantity(
            "theta",
            "θₜ",
            "the weight after the step",
            vector=True,
            baseline="theta",
            needs=("theta", "lr", "eps"),
            builds_on=("m_hat", "v_hat"),
        ),
    ),
    default_ask=("m", "v", "m_hat", "v_hat", "theta"),
    work=_work,
    size_param="size",
)

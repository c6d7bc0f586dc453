"""One RMSProp step (Tieleman & Hinton, 2012, lecture 6.5), and the `rmsprop_step` exercise.

The variant used, ε outside the square root as in PyTorch and Keras:

    sₜ = ρ·sₜ₋₁ + (1 − ρ)·g²
    θₜ = θₜ₋₁ − α·g / (√sₜ + ε)

No bias correction and no momentum term. Element-wise on floats and numpy arrays alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

from quizapp.exercises.exercise import Given
from quizapp.exercises.formatting import GIVEN_DIGITS, factor, num
from quizapp.exercises.generator import (
    Bounds,
    Generator,
    Inputs,
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

Value = TypeVar("Value", float, NDArray[np.float64])


@dataclass(frozen=True, slots=True)
class RMSPropStep(Generic[Value]):
    """The running mean of squared gradients and the parameter after one step."""

    s: Value
    theta: Value


def rmsprop_step(
    theta: Value,
    grad: Value,
    s: Value,
    lr: float = 0.001,
    rho: float = 0.9,
    eps: float = 1e-8,
) -> RMSPropStep[Value]:
    """One step from `theta` with gradient `grad` and previous mean square `s` (≥ 0)."""
    if not 0 <= rho < 1:
        raise ValueError(f"rho must be in [0, 1), got {rho}")
    if np.any(np.asarray(s) < 0):
        raise ValueError("the mean square s cannot be negative")
    s_t = rho * s + (1 - rho) * grad * grad
    return RMSPropStep(s=s_t, theta=theta - lr * grad / (s_t**0.5 + eps))


def _work(inputs: Inputs, rng: np.random.Generator) -> Worked:
    del rng  # every input is a parameter
    theta, grad, s = array(inputs["theta"]), array(inputs["grad"]), array(inputs["s"])
    lr, rho, eps = inputs["lr"], inputs["rho"], inputs["eps"]
    out = rmsprop_step(theta, grad, s, lr=lr, rho=rho, eps=eps)
    given = (
        Given("θₜ₋₁", show_given(theta), "theta"),
        Given("gₜ", show_given(grad), "grad"),
        Given("sₜ₋₁", show_given(s), "s"),
        Given("α", num(lr, GIVEN_DIGITS), "lr"),
        Given("ρ", num(rho, GIVEN_DIGITS), "rho"),
        Given("ε", num(eps, GIVEN_DIGITS), "eps"),
    )
    solution = (
        step(
            "sₜ = ρ·sₜ₋₁ + (1 − ρ)·gₜ²",
            f"{factor(rho)}·{show(s)} + {factor(1 - rho)}·{show(grad)}²",
            as_number(out.s),
            about="s",
        ),
        step(
            "θₜ = θₜ₋₁ − α·gₜ / (√sₜ + ε)",
            f"{lead(theta)} − {factor(lr)}·{show(grad)} / (√{show(out.s)} + {num(eps)})",
            as_number(out.theta),
            about="theta",
        ),
    )
    values = {"s": as_number(out.s), "theta": as_number(out.theta)}
    return Worked(intro("One RMSProp step", theta.size), given, values, solution)


GENERATOR = Generator(
    name="rmsprop_step",
    title="One RMSProp step",
    params=(
        SIZE,
        THETA,
        GRAD,
        Param(
            "s",
            "sₜ₋₁",
            "running mean of squared gradients before the step (≥ 0)",
            {"choices": [0, 0.01, 0.04, 0.1]},
            bounds=Bounds(0, LARGE**2),
            per_component=True,
        ),
        lr_param(0.01),
        Param("rho", "ρ", "decay rate of the mean square", 0.9, bounds=RATE_BOUNDS),
        EPS,
    ),
    quantities=(
        Quantity(
            "s",
            "sₜ",
            "running mean of squared gradients",
            vector=True,
            baseline="s",
            needs=("s", "rho", "grad"),
        ),
        Quantity(
            "theta",
            "θₜ",
            "the weight after the step",
            vector=True,
            baseline="theta",
            # θₜ = θₜ₋₁ − α·gₜ / (√sₜ + ε): g appears again beside sₜ.
            needs=("theta", "lr", "grad", "eps"),
            builds_on=("s",),
        ),
    ),
    default_ask=("s", "theta"),
    work=_work,
    size_param="size",
)

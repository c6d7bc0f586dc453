"""One step of SGD with momentum, and the `momentum_step` exercise built on it.

The variant used (as in PyTorch's SGD with dampening 0, and Sutskever et al., 2013, up to the
sign and scale of the velocity):

    vₜ = μ·vₜ₋₁ + g
    θₜ = θₜ₋₁ − α·vₜ

Polyak's form v ← μ·v − α·g; θ ← θ + v gives the same weights with v scaled by −α; the
exercises use the form above, and say so in the solution. Element-wise on floats and arrays.
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
class MomentumStep(Generic[Value]):
    """The velocity and the parameter after one step."""

    v: Value
    theta: Value


def momentum_step(
    theta: Value, grad: Value, v: Value, lr: float = 0.01, momentum: float = 0.9
) -> MomentumStep[Value]:
    """One step from `theta` with gradient `grad` and previous velocity `v`."""
    if not 0 <= momentum < 1:
        raise ValueError(f"momentum must be in [0, 1), got {momentum}")
    v_t = momentum * v + grad
    return MomentumStep(v=v_t, theta=theta - lr * v_t)


def _work(inputs: Inputs, rng: np.random.Generator) -> Worked:
    del rng  # every input is a parameter
    theta, grad, v = array(inputs["theta"]), array(inputs["grad"]), array(inputs["v"])
    lr, mu = inputs["lr"], inputs["momentum"]
    out = momentum_step(theta, grad, v, lr=lr, momentum=mu)
    given = (
        Given("θₜ₋₁", show_given(theta), "theta"),
        Given("gₜ", show_given(grad), "grad"),
        Given("vₜ₋₁", show_given(v), "v"),
        Given("α", num(lr, GIVEN_DIGITS), "lr"),
        Given("μ", num(mu, GIVEN_DIGITS), "momentum"),
    )
    solution = (
        step(
            "vₜ = μ·vₜ₋₁ + gₜ",
            f"{factor(mu)}·{show(v)} + {show(grad)}",
            as_number(out.v),
            about="v",
        ),
        step(
            "θₜ = θₜ₋₁ − α·vₜ",
            f"{lead(theta)} − {factor(lr)}·{show(out.v)}",
            as_number(out.theta),
            about="theta",
        ),
    )
    values = {"v": as_number(out.v), "theta": as_number(out.theta)}
    what = "One step of SGD with momentum (v ← μ·v + g; θ ← θ − α·v)"
    return Worked(intro(what, theta.size), given, values, solution)


GENERATOR = Generator(
    name="momentum_step",
    title="One step of SGD with momentum",
    params=(
        SIZE,
        THETA,
        GRAD,
        Param(
            "v",
            "vₜ₋₁",
            "the velocity before the step",
            {"choices": [0, 0.1, -0.1, 0.2, -0.2, 0.5]},
            bounds=Bounds(-LARGE, LARGE),
            per_component=True,
        ),
        lr_param(0.1),
        Param("momentum", "μ", "the momentum coefficient", 0.9, bounds=RATE_BOUNDS),
    ),
    quantities=(
        Quantity(
            "v",
            "vₜ",
            "the velocity after the step",
            vector=True,
            baseline="v",
            needs=("v", "momentum", "grad"),
        ),
        Quantity(
            "theta",
            "θₜ",
            "the weight after the step",
            vector=True,
            baseline="theta",
            needs=("theta", "lr"),
            builds_on=("v",),
        ),
    ),
    default_ask=("v", "theta"),
    work=_work,
    size_param="size",
)

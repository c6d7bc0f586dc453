"""What the optimizer exercises (one step of Adam, momentum or RMSProp) have in common.

Their parameters are the weights θ and gradients g, drawn per component of a vector of 1 to 3
weights, and a step size α; the solutions print subscripts for the actual step t.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from quizapp.exercises import formatting
from quizapp.exercises.generator import Bounds, Kind, Param

#: Weights, gradients and moments stay within this, so every step is finite.
LARGE = 1e6

SIZE = Param(
    "size",
    "n",
    "number of weights, each drawn separately (1 to 3)",
    1,
    kind=Kind.INTEGER,
    bounds=Bounds(1, 3),
)
THETA = Param(
    "theta",
    "θ",
    "the weight before the step",
    {"range": [-1, 1], "step": 0.1},
    bounds=Bounds(-LARGE, LARGE),
    per_component=True,
)
GRAD = Param(
    "grad",
    "g",
    "the gradient of the loss at θ",
    {"choices": [-0.8, -0.5, -0.4, -0.2, 0.2, 0.4, 0.5, 0.8]},
    bounds=Bounds(-LARGE, LARGE),
    per_component=True,
)
EPS = Param(
    "eps",
    "ε",
    "a small constant keeping the division finite",
    1e-8,
    bounds=Bounds(1e-12, 1),
)
#: Decay rates below 1, and not so close that 1 − βᵗ rounds to 0.
RATE_BOUNDS = Bounds(0, 0.99999)


def lr_param(default: float) -> Param:
    return Param("lr", "α", "the step size (learning rate)", default, bounds=Bounds(0, 10, True))


def array(values: Sequence[float]) -> NDArray[np.float64]:
    return np.asarray(values, dtype=np.float64)


def show(values: NDArray[np.float64]) -> str:
    """A vector's value for a formula: a lone component as a number (in brackets if negative)."""
    if values.size == 1:
        return formatting.factor(float(values[0]))
    return formatting.vec([float(x) for x in values])


def lead(values: NDArray[np.float64]) -> str:
    """A vector's value at the start of a formula, where a minus needs no brackets."""
    if values.size == 1:
        return formatting.num(float(values[0]))
    return formatting.vec([float(x) for x in values])


def show_given(values: NDArray[np.float64]) -> str:
    if values.size == 1:
        return formatting.num(float(values[0]), formatting.GIVEN_DIGITS)
    return formatting.vec([float(x) for x in values], formatting.GIVEN_DIGITS)


def intro(what: str, size: int) -> str:
    if size == 1:
        return f"{what} on a single weight."
    return f"{what} on {size} weights; every operation is element-wise."

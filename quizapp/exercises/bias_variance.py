"""The bias–variance split of one point's expected squared error, and the `bias_variance` exercise.

k models trained on different samples predict ŷ₁ … ŷₖ at a point x whose true value is f(x);
the observed y = f(x) + noise, with noise variance σ². Then

    E[ŷ]           = (ŷ₁ + … + ŷₖ)/k
    bias²          = (E[ŷ] − f(x))²
    Var[ŷ]         = Σ (ŷᵢ − E[ŷ])² / k        (population variance: divided by k, not k − 1)
    E[(y − ŷ)²]    = bias² + Var[ŷ] + σ²

and, from a model's errors, the generalization gap = test error − train error.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from quizapp.exercises.exercise import Given
from quizapp.exercises.formatting import GIVEN_DIGITS, decimals, factor, num, sub, vec
from quizapp.exercises.generator import (
    Bounds,
    Generator,
    Inputs,
    Kind,
    Param,
    Quantity,
    Sentence,
    Worked,
    step,
)

LARGE = 1e6


@dataclass(frozen=True, slots=True)
class BiasVariance:
    """The split of the expected squared error at one point."""

    mean: float
    bias2: float
    variance: float
    noise: float
    error: float


def bias_variance(predictions: ArrayLike, truth: float, noise: float = 0.0) -> BiasVariance:
    """Bias², population variance and expected squared error of `predictions` of `truth`."""
    y_hat = np.asarray(predictions, dtype=np.float64)
    if y_hat.ndim != 1 or y_hat.size < 1:
        raise ValueError("give the predictions as a list of numbers")
    if noise < 0:
        raise ValueError(f"the noise variance cannot be negative, got {noise}")
    mean = float(y_hat.mean())
    bias2 = (mean - truth) ** 2
    variance = float(np.mean((y_hat - mean) ** 2))
    return BiasVariance(mean, bias2, variance, noise, bias2 + variance + noise)


def generalization_gap(train_error: float, test_error: float) -> float:
    """How much worse the model does on unseen data than on its training data."""
    return test_error - train_error


# The exercise. Predictions are the mean plus whole multiples of `unit` that sum to zero, so the
# mean is a round number the learner can see at once.

_ATTEMPTS = 200
#: Predictions lie at most this many units from their mean, however small the unit.
MOST_UNITS = 1000


def draw_deviations(rng: np.random.Generator, k: int, most: int) -> NDArray[np.int64]:
    """k whole numbers in [−most, most] summing to 0 (the last one balances the others)."""
    for _ in range(_ATTEMPTS):
        first = rng.integers(-most, most + 1, k - 1)
        last = -int(first.sum())
        if abs(last) <= most:
            return np.concatenate((first, [last])).astype(np.int64)
    # Practically unreachable; pairs ±a (and a 0 when k is odd) always balance.
    pairs = rng.integers(-most, most + 1, k // 2)
    deviations = np.concatenate((pairs, -pairs, np.zeros(k % 2, dtype=np.int64)))
    return deviations[rng.permutation(k)].astype(np.int64)


def _work(inputs: Inputs, rng: np.random.Generator) -> Worked:
    k: int = inputs["models"]
    truth, offset, spread, unit = (
        inputs["truth"],
        inputs["offset"],
        inputs["spread"],
        inputs["unit"],
    )
    noise, train, test = inputs["noise"], inputs["train_error"], inputs["test_error"]
    ratio = spread / unit
    most = int(ratio + 1e-9) if ratio < MOST_UNITS else MOST_UNITS
    deviations = draw_deviations(rng, k, most)
    # Rounding to the digits the deck wrote removes float dust (0.1·3 → 0.3); past 12 digits
    # there is nothing hand-friendly left to keep.
    digits = max(decimals(x) for x in (truth, offset, unit))
    predictions = [truth + offset + unit * int(d) for d in deviations]
    if digits <= 12:
        predictions = [round(p, digits) for p in predictions]
    out = bias_variance(predictions, truth, noise)
    gap = generalization_gap(train, test)
    given = (
        Given("f(x)", num(truth, GIVEN_DIGITS), "truth"),
        Given(f"ŷ₁ … ŷ{sub(k)}", vec(predictions, GIVEN_DIGITS), "predictions"),
        Given("σ²", num(noise, GIVEN_DIGITS), "noise"),
        Given("train error", num(train, GIVEN_DIGITS), "train_error"),
        Given("test error", num(test, GIVEN_DIGITS), "test_error"),
    )
    squares = " + ".join(f"{factor(p - out.mean)}²" for p in predictions)
    solution = (
        step(
            f"E[ŷ] = (ŷ₁ + … + ŷ{sub(k)})/{k}",
            "(" + " + ".join(_terms(predictions)) + f")/{k}",
            out.mean,
            about="mean",
        ),
        step(
            "bias² = (E[ŷ] − f(x))²",
            f"({num(out.mean)} − {factor(truth)})²",
            out.bias2,
            about="bias2",
        ),
        step(f"Var[ŷ] = Σ (ŷᵢ − E[ŷ])² / {k}", f"({squares})/{k}", out.variance, about="variance"),
        step(
            "E[(y − ŷ)²] = bias² + Var[ŷ] + σ²",
            f"{num(out.bias2)} + {num(out.variance)} + {num(noise)}",
            out.error,
            about="error",
        ),
        step("gap = test error − train error", f"{num(test)} − {num(train)}", gap, about="gap"),
    )
    values = {
        "mean": out.mean,
        "bias2": out.bias2,
        "variance": out.variance,
        "error": out.error,
        "gap": gap,
    }
    # A card asking only for the gap shows the two errors, and its intro speaks of them alone.
    intro = (
        Sentence(
            f"{k} models, each trained on a different sample, predict ŷ at a point x whose "
            "true value is f(x).",
            ("predictions",),
        ),
        Sentence("The label's noise has variance σ².", ("noise",)),
        Sentence("Variance here divides by k.", ("predictions",)),
        Sentence(
            "The train and test errors are one model's error on its training set and on a "
            "test set.",
            ("train_error", "test_error"),
        ),
    )
    return Worked(intro, given, values, solution)


def _terms(values: list[float]) -> list[str]:
    """Terms of a sum: the first needs no brackets when negative, the others do."""
    return [num(v) if i == 0 else factor(v) for i, v in enumerate(values)]


def _number(name: str, label: str, description: str, default: object, low: float) -> Param:
    return Param(name, label, description, default, bounds=Bounds(low, LARGE))


GENERATOR = Generator(
    name="bias_variance",
    title="Bias, variance and the generalization gap",
    params=(
        Param(
            "models",
            "k",
            "number of models (2 to 10)",
            {"range": [3, 5]},
            kind=Kind.INTEGER,
            bounds=Bounds(2, 10),
        ),
        _number("truth", "f(x)", "the true value at x", {"range": [-5, 5], "step": 1}, -LARGE),
        _number(
            "offset",
            "E[ŷ] − f(x)",
            "how far the mean prediction is from the truth",
            {"range": [-2, 2], "step": 0.5},
            -LARGE,
        ),
        _number(
            "spread",
            "spread",
            "the largest distance of a prediction from the mean prediction",
            {"choices": [1, 2, 3]},
            0,
        ),
        Param(
            "unit",
            "unit",
            "predictions differ from their mean by whole multiples of this",
            1,
            bounds=Bounds(1e-6, LARGE),
        ),
        _number("noise", "σ²", "variance of the noise", {"choices": [0, 0.25, 0.5, 1]}, 0),
        _number(
            "train_error",
            "train error",
            "the error on the training set",
            {"range": [0.02, 0.2], "step": 0.01},
            0,
        ),
        _number(
            "test_error",
            "test error",
            "the error on the test set",
            {"range": [0.2, 0.4], "step": 0.01},
            0,
        ),
    ),
    quantities=(
        Quantity("mean", "E[ŷ]", "the mean prediction", needs=("predictions",)),
        Quantity(
            "bias2",
            "bias²",
            "squared distance of the mean prediction from the truth",
            needs=("truth",),
            builds_on=("mean",),
        ),
        Quantity(
            "variance",
            "Var[ŷ]",
            "variance of the predictions (divided by k)",
            needs=("predictions",),
            builds_on=("mean",),
        ),
        Quantity(
            "error",
            "E[(y − ŷ)²]",
            "expected squared error: bias² + variance + noise",
            baseline="noise",
            needs=("noise",),
            builds_on=("bias2", "variance"),
        ),
        Quantity(
            "gap",
            "gap",
            "generalization gap: test error − train error",
            needs=("train_error", "test_error"),
        ),
    ),
    default_ask=("bias2", "variance", "error"),
    work=_work,
)

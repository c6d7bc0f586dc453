"""One round of AdaBoost (Freund & Schapire, 1997), and the `adaboost_round` exercise.

With sample weights wᵢ (summing to 1) and the samples the round's weak learner got wrong:

    ε  = Σ wᵢ over the misclassified samples            (the weighted error)
    α  = ½·ln((1 − ε)/ε)                                 (the learner's weight in the vote)
    wᵢ ← wᵢ·e^α if misclassified, wᵢ·e^−α otherwise     then divide by their sum Z

Z works out to 2·√(ε(1 − ε)), and after the update the misclassified samples carry half the
total weight. α is finite and positive only for 0 < ε < ½; the exercise draws the misclassified
samples so that ε always lies strictly inside.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from quizapp.exercises.exercise import Given
from quizapp.exercises.formatting import GIVEN_DIGITS, factor, num, sub, vec
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


@dataclass(frozen=True, slots=True)
class AdaBoostRound:
    """The outcome of one round: weighted error, learner weight, normaliser, new weights."""

    error: float
    alpha: float
    z: float
    weights: NDArray[np.float64]


def adaboost_round(weights: ArrayLike, wrong: ArrayLike) -> AdaBoostRound:
    """One round from `weights` (normalised here if they do not sum to 1) and the mask `wrong`."""
    w = np.asarray(weights, dtype=np.float64)
    mask = np.asarray(wrong, dtype=bool)
    if w.shape != mask.shape or w.ndim != 1 or np.any(w <= 0):
        raise ValueError("give one positive weight and one right/wrong flag per sample")
    w = w / w.sum()
    error = float(w[mask].sum())
    if not 0 < error < 1:
        raise ValueError(f"the weighted error must be strictly between 0 and 1, got {error}")
    alpha = 0.5 * math.log((1 - error) / error)
    scaled = np.where(mask, w * math.exp(alpha), w * math.exp(-alpha))
    z = float(scaled.sum())
    return AdaBoostRound(error=error, alpha=alpha, z=z, weights=scaled / z)


# The exercise. Weights are whole units (1/n each, or twentieths when varied), so the error is an
# exact sum and "strictly below one half" is checked in integers.

UNITS_VARIED = 20
WEIGHTS = ("uniform", "varied")


def _draw_units(rng: np.random.Generator, n: int, varied: bool) -> NDArray[np.int64]:
    if not varied:
        return np.ones(n, dtype=np.int64)
    cuts = np.sort(rng.choice(np.arange(1, UNITS_VARIED), n - 1, replace=False))
    return np.diff(np.concatenate(([0], cuts, [UNITS_VARIED]))).astype(np.int64)


def draw_wrong(rng: np.random.Generator, units: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Misclassified samples with 0 < weighted error < ½: at least one, less than half the units.

    The smallest weight is at most total/n < total/2 for n ≥ 3, so one sample always fits.
    """
    n, total = len(units), int(units.sum())
    target = int(rng.integers(1, n))
    wrong = np.zeros(n, dtype=bool)
    taken = 0
    for i in rng.permutation(n):
        if int(wrong.sum()) == target:
            break
        if 2 * (taken + int(units[i])) < total:
            wrong[i] = True
            taken += int(units[i])
    return wrong


def _work(inputs: Inputs, rng: np.random.Generator) -> Worked:
    n: int = inputs["n"]
    varied = inputs["weights"] == "varied"
    units = _draw_units(rng, n, varied)
    wrong = draw_wrong(rng, units)
    weights = units / units.sum()
    out = adaboost_round(weights, wrong)
    wrong_numbers = [i + 1 for i in range(n) if wrong[i]]
    shown_w = vec([float(w) for w in weights], GIVEN_DIGITS) if varied else f"1/{n} for each sample"
    given = (
        Given("samples", f"1 to {n}", "n"),
        Given("weights w", shown_w, "weights"),
        Given("misclassified", ", ".join(str(i) for i in wrong_numbers), "wrong"),
    )

    def w_of(i: int) -> str:
        return num(float(weights[i - 1])) if varied else f"1/{n}"

    up, down = math.exp(out.alpha), math.exp(-out.alpha)
    scaled = np.where(wrong, weights * up, weights * down)
    solution = (
        step(
            "ε = Σ wᵢ over misclassified samples",
            " + ".join(f"w{sub(i)}" for i in wrong_numbers)
            + " = "
            + " + ".join(w_of(i) for i in wrong_numbers),
            out.error,
            about="error",
        ),
        step(
            "α = ½·ln((1 − ε)/ε)",
            f"½·ln({num(1 - out.error)}/{num(out.error)})",
            out.alpha,
            about="alpha",
        ),
        step("e^α (misclassified: weight up)", f"e^{factor(out.alpha)}", up, "weights"),
        step("e^−α (right: weight down)", f"e^−{factor(out.alpha)}", down, "weights"),
        step("wᵢ·e^±α", "", as_number(scaled), "weights"),
        step(
            "Z = Σ wᵢ·e^±α = 2·√(ε(1 − ε))",
            f"2·√({num(out.error)}·{num(1 - out.error)})",
            out.z,
            about="z",
        ),
        step("w′ᵢ = wᵢ·e^±α / Z", "", as_number(out.weights), "weights"),
    )
    values = {
        "error": out.error,
        "alpha": out.alpha,
        "z": out.z,
        "weights": as_number(out.weights),
    }
    intro = f"One round of AdaBoost on {n} samples: the weak learner got the listed samples wrong."
    # Z is the sum of the reweighted weights, whose sum was 1: with ε near ½ it is near 1
    # (0.994987 for ε = 0.45), so it is judged by how far it moved from 1.
    return Worked(intro, given, values, solution, baselines={"z": 1.0})


GENERATOR = Generator(
    name="adaboost_round",
    title="One round of AdaBoost",
    params=(
        Param(
            "n",
            "n",
            "number of samples (3 to 10)",
            {"range": [4, 6]},
            kind=Kind.INTEGER,
            bounds=Bounds(3, 10),
        ),
        Param(
            "weights",
            "w",
            "uniform: 1/n each (a first round); varied: twentieths that sum to 1",
            {"choices": ["uniform", "varied"]},
            kind=Kind.TEXT,
            options=WEIGHTS,
        ),
    ),
    quantities=(
        Quantity(
            "error",
            "ε",
            "the weighted error of the weak learner",
            needs=("n", "weights", "wrong"),
        ),
        Quantity("alpha", "α", "the learner's weight, ½·ln((1 − ε)/ε)", builds_on=("error",)),
        Quantity(
            "z",
            "Z",
            "the normaliser, the sum of the reweighted weights",
            builds_on=("error",),  # 2·√(ε(1 − ε))
        ),
        Quantity(
            "weights",
            "w′",
            "the updated, normalised weights",
            vector=True,
            needs=("weights", "wrong"),
            builds_on=("alpha", "z"),
        ),
    ),
    default_ask=("error", "alpha", "weights"),
    work=_work,
)

"""FSRS-6's memory model over many cards at once, in numpy: the predicted recall of each review
and the stability before it, the same formulas as `quizapp.scheduling.fsrs` and fsrs-rs's
training model, clamps included. Each step works on the k-th review of every card at once;
there is no loop over single reviews. (The fit's gradient is in `fsrs_fit_gradient`.)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from quizapp.scheduling.fsrs_fit_data import ReviewHistory

S_MIN, S_MAX = 0.001, 36_500.0
D_MIN, D_MAX = 1.0, 10.0
#: fsrs-rs clamps the predicted recall into [1e-7, 1 - 1e-7] inside the log loss.
P_MIN, P_MAX = 1e-7, 1.0 - 1e-7

Floats = NDArray[np.float64]


def _curve_terms(w: Floats) -> tuple[float, float, float]:
    """decay = -w20, factor = 0.9^(1/decay) - 1, and d factor / d w20."""
    decay = -float(w[20])
    root = math.exp(math.log(0.9) / decay)
    return decay, root - 1.0, root * math.log(0.9) / (decay * decay)


def _initial(w: Floats, rating: NDArray[np.int64]) -> tuple[Floats, Floats]:
    stability = np.clip(w[rating - 1], S_MIN, S_MAX)
    difficulty = np.clip(w[4] - np.exp(w[5] * (rating - 1)) + 1.0, D_MIN, D_MAX)
    return stability, difficulty


def _next_difficulty(w: Floats, d: Floats, g: NDArray[np.int64]) -> Floats:
    damped = d + (10.0 - d) * (-w[6] * (g - 3)) / 9.0
    easy = w[4] - math.exp(3.0 * w[5]) + 1.0
    result: Floats = np.clip(w[7] * easy + (1.0 - w[7]) * damped, D_MIN, D_MAX)
    return result


def _next_stability(
    w: Floats, s: Floats, d: Floats, r: Floats, t: Floats, g: NDArray[np.int64]
) -> Floats:
    short = s * np.exp(w[17] * (g - 3 + w[18])) * s ** (-w[19])
    short = np.where(g >= 2, np.maximum(short, s), short)
    forgot = w[11] * d ** (-w[12]) * ((s + 1.0) ** w[13] - 1.0) * np.exp((1.0 - r) * w[14])
    forgot = np.minimum(forgot, s / math.exp(w[17] * w[18]))
    bonus = np.where(g == 2, w[15], 1.0) * np.where(g == 4, w[16], 1.0)
    grown = s * (
        1.0 + math.exp(w[8]) * (11.0 - d) * s ** (-w[9]) * (np.exp((1.0 - r) * w[10]) - 1.0) * bonus
    )
    result: Floats = np.clip(np.where(t == 0, short, np.where(g == 1, forgot, grown)), S_MIN, S_MAX)
    return result


def predict(history: ReviewHistory, parameters: Sequence[float]) -> tuple[Floats, Floats]:
    """The predicted recall at each review (NaN at a card's first) and the stability before it.

    Cards run side by side, the longest first: the k-th step updates every card with a k-th
    review at once.
    """
    w = np.asarray(parameters, dtype=np.float64)
    decay, factor, _ = _curve_terms(w)
    recall = np.full(history.size, np.nan)
    before = np.full(history.size, np.nan)
    lengths = np.diff(history.starts)
    if not lengths.size:
        return recall, before
    order = np.argsort(-lengths, kind="stable")
    starts = history.starts[:-1][order]
    counts = (lengths[order][None, :] > np.arange(int(lengths.max()))[:, None]).sum(axis=1)
    s, d = _initial(w, history.rating[starts])
    for k in range(1, counts.size):
        m = int(counts[k])
        at = starts[:m] + k
        s, d = s[:m], d[:m]
        t = history.delta_t[at].astype(np.float64)
        g = history.rating[at]
        r = (1.0 + factor * t / s) ** decay
        recall[at], before[at] = r, s
        s, d = _next_stability(w, s, d, r, t, g), _next_difficulty(w, d, g)
    return recall, before

"""The first step of the FSRS fit, as fsrs-rs does it: each first rating's initial stability
(w0..w3) from how often its cards were recalled at their first review a day or more later.

For each first rating, the recall seen at each delay is smoothed towards the learner's average
(one extra review of average recall per delay), and the stability whose forgetting curve fits
those points best (log loss weighted by the counts, plus |S0 - default| / 16) is found by
ternary search. Ratings with no data are filled in from the others by fsrs-rs's fixed ratios,
and a lower rating never keeps a higher stability than a higher one.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from quizapp.scheduling.fsrs_config import DEFAULT_PARAMETERS

S_MIN = 0.001
INITIAL_S_MAX = 100.0
_L1 = 16.0
_W1, _W2 = 0.41, 0.54


def _curve(t: NDArray[np.float64], stability: float) -> NDArray[np.float64]:
    decay = -DEFAULT_PARAMETERS[20]
    factor = 0.9 ** (1.0 / decay) - 1.0
    result: NDArray[np.float64] = (1.0 + factor * t / stability) ** decay
    return result


def _search(
    t: NDArray[np.float64], recall: NDArray[np.float64], count: NDArray[np.float64], default: float
) -> float:
    def loss(stability: float) -> float:
        p = _curve(t, stability)
        logloss = -np.sum((recall * np.log(p) + (1.0 - recall) * np.log(1.0 - p)) * count)
        return float(logloss) + abs(stability - default) / _L1

    low, high = S_MIN, INITIAL_S_MAX
    best = default
    for _ in range(1000):
        if high - low <= np.finfo(np.float64).eps:
            break
        mid1 = low + (high - low) / 3.0
        mid2 = high - (high - low) / 3.0
        narrower = (low, mid2) if loss(mid1) < loss(mid2) else (mid1, high)
        if narrower == (low, high):
            break  # the interval no longer shrinks in floating point: the rest would repeat
        low, high = narrower
        best = (high + low) / 2.0
    return best


def rating_counts(first_rating: NDArray[np.int64]) -> dict[int, int]:
    """How many cards began with each rating (that has any)."""
    ratings, counts = np.unique(first_rating, return_counts=True)
    return {int(r): int(c) for r, c in zip(ratings, counts, strict=True)}


def initial_stabilities(
    first_rating: NDArray[np.int64],
    first_delta_t: NDArray[np.int64],
    first_label: NDArray[np.float64],
    average_recall: float,
) -> tuple[float, float, float, float]:
    """w0..w3 from each card's first rating and its first long-term review (delay, recalled)."""
    found: dict[int, float] = {}
    for rating in range(1, 5):
        mine = first_rating == rating
        if not mine.any():
            continue
        delays, inverse, counts = np.unique(
            first_delta_t[mine], return_inverse=True, return_counts=True
        )
        recalled = np.bincount(inverse, weights=first_label[mine])
        count = counts.astype(np.float64)
        recall = (recalled + average_recall) / (count + 1.0)
        found[rating] = _search(
            delays.astype(np.float64), recall, count, DEFAULT_PARAMETERS[rating - 1]
        )
    return smooth_and_fill(found, rating_counts(first_rating))


def smooth_and_fill(
    found: dict[int, float], counts: dict[int, int]
) -> tuple[float, float, float, float]:
    """Order the stabilities (the better-attested of two out-of-order ratings wins) and fill in
    the missing ones; the defaults when there is nothing at all."""
    s = {r: v for r, v in found.items() if r in counts}
    for small, big in ((1, 2), (2, 3), (3, 4), (1, 3), (2, 4), (1, 4)):
        if small in s and big in s and s[small] > s[big]:
            if counts[small] > counts[big]:
                s[big] = s[small]
            else:
                s[small] = s[big]
    if not s:
        return (
            DEFAULT_PARAMETERS[0],
            DEFAULT_PARAMETERS[1],
            DEFAULT_PARAMETERS[2],
            DEFAULT_PARAMETERS[3],
        )
    if len(s) == 1:
        ((rating, value),) = s.items()
        scale = value / DEFAULT_PARAMETERS[rating - 1]
        filled = sorted(DEFAULT_PARAMETERS[r] * scale for r in range(4))
    else:
        _fill(s)
        filled = [s[r] for r in range(1, 5)]
    a, b, c, d = (min(max(v, S_MIN), INITIAL_S_MAX) for v in filled)
    return a, b, c, d


def _fill(s: dict[int, float]) -> None:
    """fsrs-rs's fixed log-linear ratios between neighbouring ratings' first stabilities."""
    w1, w2 = _W1, _W2
    if 1 not in s and 2 not in s:
        r3, r4 = s[3], s[4]
        s[2] = r3 ** (1 / (1 - w2)) * r4 ** (1 - 1 / (1 - w2))
        s[1] = s[2] ** (1 / w1) * r3 ** (1 - 1 / w1)
    elif 1 not in s and 3 not in s:
        r2, r4 = s[2], s[4]
        s[3] = r2 ** (1 - w2) * r4**w2
        s[1] = r2 ** (1 / w1) * s[3] ** (1 - 1 / w1)
    elif 1 not in s and 4 not in s:
        r2, r3 = s[2], s[3]
        s[4] = r2 ** (1 - 1 / w2) * r3 ** (1 / w2)
        s[1] = r2 ** (1 / w1) * r3 ** (1 - 1 / w1)
    elif 2 not in s and 3 not in s:
        r1, r4 = s[1], s[4]
        e = w1 / (w1 + w2 - w1 * w2)
        f = w2 / (w1 + w2 - w1 * w2)
        s[2] = r1**e * r4 ** (1 - e)
        s[3] = r1 ** (1 - f) * r4**f
    elif 2 not in s and 4 not in s:
        r1, r3 = s[1], s[3]
        s[2] = r1**w1 * r3 ** (1 - w1)
        s[4] = s[2] ** (1 - 1 / w2) * r3 ** (1 / w2)
    elif 3 not in s and 4 not in s:
        r1, r2 = s[1], s[2]
        s[3] = r1 ** (1 - 1 / (1 - w1)) * r2 ** (1 / (1 - w1))
        s[4] = r2 ** (1 - 1 / w2) * s[3] ** (1 / w2)
    elif 1 not in s:
        s[1] = s[2] ** (1 / w1) * s[3] ** (1 - 1 / w1)
    elif 2 not in s:
        s[2] = s[1] ** w1 * s[3] ** (1 - w1)
    elif 3 not in s:
        s[3] = s[2] ** (1 - w2) * s[4] ** w2
    elif 4 not in s:
        s[4] = s[2] ** (1 - 1 / w2) * s[3] ** (1 / w2)
    for r in range(1, 5):
        if not math.isfinite(s[r]):
            s[r] = DEFAULT_PARAMETERS[r - 1]

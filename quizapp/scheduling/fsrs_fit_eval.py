"""How well a model predicts recall: log loss, RMSE over bins (as the srs-benchmark and fsrs-rs
score it), SM-2's interval read as a forgetting curve, and the calibration bins of the stats
screen. Pure: predictions and outcomes in, numbers out.

RMSE (bins): the reviews are grouped by the delay since the card's previous review, the number
of its reviews a day or more apart, and its lapses so far, each on a logarithmic scale; within a
bin the mean prediction is compared with the recall seen, and the squared gaps are averaged,
weighted by the bins' sizes. It measures calibration where log loss mixes in discrimination.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from quizapp.scheduling.fsrs_fit_data import ReviewHistory

P_MIN, P_MAX = 1e-7, 1.0 - 1e-7

Floats = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Score:
    """A model's log loss and RMSE (bins) over `count` reviews (NaN when there are none)."""

    log_loss: float
    rmse_bins: float
    count: int


def log_loss(predicted: Floats, recalled: NDArray[np.bool_]) -> float:
    """The mean negative log likelihood of the outcomes (predictions clamped as fsrs-rs does)."""
    if not predicted.size:
        return float("nan")
    p = np.clip(predicted, P_MIN, P_MAX)
    return float(-np.mean(np.where(recalled, np.log(p), np.log(1.0 - p))))


def _log_bin(values: NDArray[np.int64], base: float, scale: float) -> Floats:
    """scale * base^floor(log_base(value)), rounded as fsrs-rs's r_matrix_index (0 stays 0)."""
    safe = np.maximum(values, 1).astype(np.float64)
    binned = scale * base ** np.floor(np.log(safe) / np.log(base))
    return np.where(values > 0, binned, 0.0)


def _within_card_cumsum(history: ReviewHistory, values: NDArray[np.int64]) -> NDArray[np.int64]:
    """The running total of `values` over each card's reviews (restarting at each card)."""
    total = np.cumsum(values)
    if not total.size:
        return total
    before = (total - values)[history.starts[:-1]]
    result: NDArray[np.int64] = total - np.repeat(before, np.diff(history.starts))
    return result


def review_bins(history: ReviewHistory) -> NDArray[np.int64]:
    """Each review's bin for RMSE (bins): one integer per (delay, length, lapses) bin."""
    long_term = (history.delta_t > 0).astype(np.int64)
    lapse = ((history.rating == 1) & (history.delta_t > 0)).astype(np.int64)
    long_term_so_far = _within_card_cumsum(history, long_term)
    lapses_before = _within_card_cumsum(history, lapse) - lapse
    delay = np.round(_log_bin(history.delta_t, 3.62, 2.48) * 100).astype(np.int64)
    length = np.round(_log_bin(long_term_so_far + 1, 1.89, 1.99)).astype(np.int64)
    lapses = np.round(_log_bin(lapses_before, 1.73, 1.65)).astype(np.int64)
    _, index = np.unique(np.stack((delay, length, lapses)), axis=1, return_inverse=True)
    return index.reshape(-1).astype(np.int64)


def rmse_bins(predicted: Floats, recalled: NDArray[np.bool_], bins: NDArray[np.int64]) -> float:
    """sqrt(sum over bins of n (mean prediction - recall seen)^2 / sum of n)."""
    if not predicted.size:
        return float("nan")
    _, index, count = np.unique(bins, return_inverse=True, return_counts=True)
    mean_p = np.bincount(index, weights=predicted) / count
    mean_y = np.bincount(index, weights=recalled.astype(np.float64)) / count
    return float(np.sqrt(np.sum(count * (mean_p - mean_y) ** 2) / np.sum(count)))


def score(predicted: Floats, recalled: NDArray[np.bool_], bins: NDArray[np.int64]) -> Score:
    return Score(
        log_loss(predicted, recalled), rmse_bins(predicted, recalled, bins), predicted.size
    )


def sm2_recall(elapsed_days: Floats, interval_days: Floats) -> Floats:
    """SM-2's interval read as the time recall falls to 90 %: R(t) = 0.9^(t / I), as the
    srs-benchmark scores SM-2 (an interval under a day counts as one day)."""
    result: Floats = 0.9 ** (elapsed_days / np.maximum(interval_days, 1.0))
    return result


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    """Reviews whose predicted recall fell in [low, high): how many, the mean prediction and
    the share actually recalled."""

    low: float
    high: float
    count: int
    predicted: float
    recalled: float


def calibration(
    predicted: Floats, recalled: NDArray[np.bool_], bins: int = 10
) -> tuple[CalibrationBin, ...]:
    """Predicted recall in `bins` equal bins over [0, 1] against the recall seen (empty bins
    are left out)."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.clip(np.searchsorted(edges, predicted, side="right") - 1, 0, bins - 1)
    count = np.bincount(index, minlength=bins)
    mean_p = np.bincount(index, weights=predicted, minlength=bins)
    mean_y = np.bincount(index, weights=recalled.astype(np.float64), minlength=bins)
    return tuple(
        CalibrationBin(
            float(edges[b]),
            float(edges[b + 1]),
            int(count[b]),
            float(mean_p[b] / count[b]),
            float(mean_y[b] / count[b]),
        )
        for b in range(bins)
        if count[b]
    )

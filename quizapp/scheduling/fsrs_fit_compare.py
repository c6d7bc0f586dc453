"""How the fitted FSRS would have done on the learner's own history, next to FSRS's defaults and
SM-2: fitted on the earlier part of the log, scored on the later part, so the fitted row is not
flattered by predicting what it was fitted to. Pure: a history in, scores out.

Every review a day or more after its card's previous one in the later part is scored, each model
predicting it from the card's whole history before it. SM-2 predicts only where SM-2 set the
previous interval I (R = 0.9^(t/I), as the srs-benchmark scores it), so its row may count fewer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from quizapp.scheduling.fsrs_config import DEFAULT_PARAMETERS
from quizapp.scheduling.fsrs_fit import FitResult, Progress, fit_history
from quizapp.scheduling.fsrs_fit_data import ReviewHistory
from quizapp.scheduling.fsrs_fit_eval import Score, review_bins, score, sm2_recall
from quizapp.scheduling.fsrs_fit_model import predict

Floats = NDArray[np.float64]

#: The share of the reviews (oldest first) the comparison fits on; the rest it scores.
EARLIER_SHARE = 0.8


@dataclass(frozen=True, slots=True)
class Comparison:
    """The scores on the later part, by model; `earlier` is the fit on the earlier part."""

    sm2: Score
    default: Score
    fitted: Score
    earlier: FitResult
    cutoff: float


def previous_intervals(
    history: ReviewHistory, interval: NDArray[np.float64]
) -> NDArray[np.float64]:
    """For each review, the interval (days) set at the card's previous review (NaN at a card's
    first); `interval` is each review's own, in the history's order, NaN where none was set."""
    previous = np.concatenate(([np.nan], interval[:-1])) if interval.size else interval.copy()
    previous[history.starts[:-1][np.diff(history.starts) > 0]] = np.nan
    return previous


def compare(
    history: ReviewHistory,
    sm2_interval: NDArray[np.float64],
    *,
    earlier_share: float = EARLIER_SHARE,
    progress: Progress | None = None,
) -> Comparison:
    """Fit on the oldest `earlier_share` of the reviews, score the rest. `sm2_interval` is the
    interval SM-2 set at each review of `history` (NaN where SM-2 did not take it)."""
    cutoff = float(np.quantile(history.timestamp, earlier_share)) if history.size else 0.0
    earlier = fit_history(history.before(cutoff), progress=progress)
    later = (history.timestamp >= cutoff) & (history.delta_t > 0)
    recalled = history.rating > 1
    bins = review_bins(history)
    elapsed = history.delta_t.astype(np.float64)
    previous = previous_intervals(history, sm2_interval)
    sm2_scored = later & ~np.isnan(previous)
    sm2 = score(
        sm2_recall(elapsed[sm2_scored], previous[sm2_scored]),
        recalled[sm2_scored],
        bins[sm2_scored],
    )
    default_recall, _ = predict(history, DEFAULT_PARAMETERS)
    fitted_recall, _ = predict(history, earlier.parameters)
    return Comparison(
        sm2=sm2,
        default=score(default_recall[later], recalled[later], bins[later]),
        fitted=score(fitted_recall[later], recalled[later], bins[later]),
        earlier=earlier,
        cutoff=cutoff,
    )

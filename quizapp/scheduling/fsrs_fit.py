"""FSRS-6's 21 parameters fitted to one learner's review log, in numpy: pure, no I/O.

    from quizapp.scheduling.fsrs_fit import fit_parameters
    params = fit_parameters(reviews)  # 21 floats, usable as FSRSConfig(parameters=params)

The method is the published one of fsrs-rs (Anki's optimiser) and py-fsrs's `Optimizer`:
1. the initial stabilities w0..w3 are pretrained from each first rating's recall at the card's
   first review a day or more later (`fsrs_fit_pretrain`);
2. then all 21 parameters descend the log loss of the predicted recall of every review a day or
   more after the card's previous one (`fsrs_fit_gradient`: exact gradients by a hand-written
   reverse pass through the recurrence, vectorised over cards), weighted towards the
   recent ones: Adam (lr 0.04, cosine annealed to 0), 5 epochs of batches of 512 reviews
   (of like history length, each with its card's reviews before it, as fsrs-rs batches them;
   shuffled with a fixed seed), an L2 pull towards the starting point scaled by
   each parameter's spread across learners, and the parameters clipped into FSRS's bounds
   after every step.
Same-day reviews are kept in each card's history (they move S through w17..w19) but not scored,
as FSRS-6 does. The same log gives the same parameters, whatever its order.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, tzinfo

import numpy as np
from numpy.typing import NDArray

from quizapp.scheduling.fsrs_config import DEFAULT_PARAMETERS, PARAMETER_BOUNDS
from quizapp.scheduling.fsrs_fit_data import (
    Batch,
    Review,
    ReviewHistory,
    ReviewLogError,
    history_from_reviews,
    training_set,
)
from quizapp.scheduling.fsrs_fit_gradient import batch_loss_and_gradient
from quizapp.scheduling.fsrs_fit_pretrain import initial_stabilities, rating_counts, smooth_and_fill

__all__ = [
    "MINIMUM_REVIEWS",
    "FitResult",
    "NotEnoughHistory",
    "ReviewLogError",
    "fit",
    "fit_history",
    "fit_parameters",
]

#: Fewer scored reviews (a day or more after the card's previous one) than this: keep defaults.
MINIMUM_REVIEWS = 400

EPOCHS = 5
BATCH_SIZE = 512
LEARNING_RATE = 4e-2
SEED = 2023
#: fsrs-rs's spread of each parameter across learners: the L2 pull's scale.
_SPREAD = np.array(
    [
        6.43,
        9.66,
        17.58,
        27.85,
        0.57,
        0.28,
        0.6,
        0.12,
        0.39,
        0.18,
        0.33,
        0.3,
        0.09,
        0.16,
        0.57,
        0.25,
        1.03,
        0.31,
        0.32,
        0.14,
        0.27,
    ]
)
_LOW = np.array([low for low, _ in PARAMETER_BOUNDS])
_HIGH = np.array([high for _, high in PARAMETER_BOUNDS])
# With short-term stability on, fsrs-rs keeps w19 at 0.01 or more.
_LOW[19] = 0.01

#: Progress: called with (batches done, batches in all).
Progress = Callable[[int, int], None]


class NotEnoughHistory(UserWarning):
    """The log was too short to fit: the default parameters were returned."""


@dataclass(frozen=True, slots=True)
class FitResult:
    """The parameters, whether they were fitted (False: too little history, the defaults), the
    number of reviews scored, and why not when not."""

    parameters: tuple[float, ...]
    fitted: bool
    reviews: int
    message: str = ""


def fit_parameters(
    reviews: Iterable[Review], *, zone: tzinfo | None = UTC, rollover_hour: int = 0
) -> tuple[float, ...]:
    """FSRS-6's parameters fitted to `reviews`: (card id, aware datetime, rating 1-4), any order.

    Days are study days in `zone` (None: the machine's) starting at `rollover_hour` (UTC
    midnight by default). With too
    little history the defaults come back with a `NotEnoughHistory` warning; a bad review raises
    `ReviewLogError` (a ValueError) naming it.
    """
    result = fit(reviews, zone=zone, rollover_hour=rollover_hour)
    if not result.fitted:
        warnings.warn(result.message, NotEnoughHistory, stacklevel=2)
    return result.parameters


def fit(
    reviews: Iterable[Review],
    *,
    zone: tzinfo | None = UTC,
    rollover_hour: int = 0,
    progress: Progress | None = None,
) -> FitResult:
    """`fit_parameters`, saying whether it fitted; `progress` is told of each batch."""
    history = history_from_reviews(reviews, zone=zone, rollover_hour=rollover_hour)
    return fit_history(history, progress=progress)


def fit_history(history: ReviewHistory, *, progress: Progress | None = None) -> FitResult:
    """The fit of an already arranged history (`fsrs_fit_data.history_from_reviews`)."""
    data = training_set(history, batch_size=BATCH_SIZE)
    if data.size < MINIMUM_REVIEWS:
        return FitResult(
            DEFAULT_PARAMETERS,
            fitted=False,
            reviews=data.size,
            message=(
                f"only {data.size} reviews came a day or more after the card's previous one; "
                f"FSRS needs {MINIMUM_REVIEWS} to fit its parameters, so the defaults are kept"
            ),
        )
    start = np.array(
        initial_stabilities(
            data.first_rating, data.first_delta_t, data.first_label, data.average_recall
        )
        + DEFAULT_PARAMETERS[4:]
    )
    w = _descend(data.batches, data.size, start, progress)
    counts = rating_counts(data.first_rating)
    first = smooth_and_fill({r: float(w[r - 1]) for r in range(1, 5)}, counts)
    parameters = tuple(float(v) for v in np.concatenate((first, w[4:])))
    if not all(math.isfinite(v) for v in parameters):  # pragma: no cover - a numerical failure
        return FitResult(DEFAULT_PARAMETERS, False, data.size, "the fit did not converge")
    return FitResult(parameters, fitted=True, reviews=data.size)


def _descend(
    batches: tuple[Batch, ...],
    size: int,
    start: NDArray[np.float64],
    progress: Progress | None,
) -> NDArray[np.float64]:
    # fsrs-rs's schedule: annealed over (size / 512 + 1) steps an epoch (its batch count, or
    # one more when the batches come out even).
    steps = (size // BATCH_SIZE + 1) * EPOCHS
    rng = np.random.Generator(np.random.PCG64(SEED))
    w = start.copy()
    m = np.zeros(21)
    v = np.zeros(21)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    step = 0
    total = len(batches) * EPOCHS
    for _ in range(EPOCHS):
        for index in rng.permutation(len(batches)):
            batch = batches[int(index)]
            # Cosine annealing from the learning rate to 0 over all the steps.
            lr = LEARNING_RATE * (1.0 + math.cos(math.pi * step / steps)) / 2.0
            _, grad = batch_loss_and_gradient(batch, w)
            grad += 2.0 * (w - start) / _SPREAD**2 * (batch.predictions / size)
            step += 1
            m = beta1 * m + (1.0 - beta1) * grad
            v = beta2 * v + (1.0 - beta2) * grad * grad
            m_hat = m / (1.0 - beta1**step)
            v_hat = v / (1.0 - beta2**step)
            w = np.clip(w - lr * m_hat / (np.sqrt(v_hat) + eps), _LOW, _HIGH)
            if progress is not None:
                progress(step, total)
    return w

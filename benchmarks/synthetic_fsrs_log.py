"""A synthetic review log whose learner's memory is FSRS-6 with known parameters, drawn through
py-fsrs (the FSRS authors' reference scheduler): for the fit's tests and its benchmark.

Each card starts on a random day at its own time of day (08:00-19:59 UTC, so its learning steps
stay on that day and whole-day intervals are whole calendar days). At each review the learner
recalls with the probability py-fsrs predicts (0.9 for a same-day step), rates a recall Hard,
Good or Easy (15/70/15 %), and comes back on the due day or, one time in three, 1-3 days late.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
from fsrs import Card, Rating, Scheduler

#: The synthetic learner's memory: FSRS-6 parameters well away from the defaults.
TRUE_PARAMETERS: tuple[float, ...] = (
    *(1.0, 3.0, 7.0, 20.0),  # initial stabilities
    *(5.2, 0.6, 2.0, 0.05),  # difficulty
    *(1.3, 0.3, 1.3),  # recall
    *(2.2, 0.1, 0.4, 1.0),  # lapse
    *(0.3, 2.8),  # hard, easy
    *(0.4, 0.2, 0.15),  # short-term
    0.5,  # decay
)

START = datetime(2024, 1, 1, tzinfo=UTC)
_RATINGS = (Rating.Hard, Rating.Good, Rating.Easy)
_RATING_P = (0.15, 0.70, 0.15)


def simulate(
    reviews: int,
    *,
    parameters: tuple[float, ...] = TRUE_PARAMETERS,
    days: int = 365,
    seed: int = 0,
) -> list[tuple[str, datetime, int]]:
    """`reviews` reviews (card id, time, rating) over `days` days, oldest first."""
    rng = np.random.default_rng(seed)
    scheduler = Scheduler(parameters=parameters, enable_fuzzing=False)
    end = START + timedelta(days=days)
    log: list[tuple[str, datetime, int]] = []
    number = 0
    while len(log) < reviews * 1.05 + 50:
        number += 1
        card_id = f"card-{number}"
        card = Card(card_id=number)
        minute = int(rng.integers(8 * 60, 20 * 60))
        when = START + timedelta(days=int(rng.integers(0, days)), minutes=minute)
        while when < end:
            same_day = card.last_review is not None and (when - card.last_review).days < 1
            if card.last_review is None:
                p = 0.0
            elif same_day:
                p = 0.9
            else:
                p = scheduler.get_card_retrievability(card, when)
            if card.last_review is not None and rng.random() < p:
                rating = _RATINGS[int(rng.choice(3, p=_RATING_P))]
            elif card.last_review is None:
                rating = Rating(int(rng.choice(4, p=(0.25, 0.1, 0.55, 0.1))) + 1)
            else:
                rating = Rating.Again
            card, _ = scheduler.review_card(card, rating, when)
            log.append((card_id, when, int(rating)))
            assert card.due is not None and card.last_review is not None
            when = card.due
            if (card.due - card.last_review) >= timedelta(days=1) and rng.random() < 1 / 3:
                when += timedelta(days=int(rng.integers(1, 4)))
    log.sort(key=lambda review: (review[1], review[0]))
    return log[:reviews]

"""The streak rules, on plain per-day lists: the one implementation `quizapp stats` and the home
screen both use (pure Python, so the home screen's start-up does not import numpy).

- a day *counts* when the learner gave at least `min_reviews` answers that study day;
- a day that does not count *breaks* the streak only if some card was due that day; a day with
  nothing due neither breaks the streak nor lengthens it;
- today (the last day) does not break the current streak before it is over.
Streak lengths are numbers of counting days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Streaks:
    current: int
    longest: int


def count_streaks(reviews: Sequence[int], due: Sequence[int], min_reviews: int = 1) -> Streaks:
    """Current and longest streak over consecutive days; the last day is today.

    `reviews[i]` is the number of answers on day i, `due[i]` the cards due that day. One pass:
    a few thousand days at most (the whole history of `quizapp stats`), a few weeks at start-up.
    """
    if min_reviews < 1:
        raise ValueError("a streak needs at least one answer a day")
    if len(reviews) != len(due):
        raise ValueError("reviews and due must cover the same days")
    today = len(reviews) - 1
    current = longest = 0
    for day, (answers, waiting) in enumerate(zip(reviews, due, strict=True)):
        if answers >= min_reviews:
            current += 1
            longest = max(longest, current)
        elif waiting > 0 and day != today:  # today can still be saved
            current = 0
    return Streaks(current=current, longest=longest)

"""Activity: answers and time per day, week and month, the calendar heatmap and the streaks.

The streak rules are in `quizapp.stats.streaks` (plain lists, shared with the home screen);
`streaks` here applies them to the per-day arrays. A day that does not count breaks a streak
only if some card was due that day, which `due_per_day` works out:

"Due on a day" is rebuilt from the log alone: after an answer on day t that set due day u, the
card waits to be answered on every day from max(u, t + 1) up to its next answer (or up to today).
Counting those stretches with a difference array gives the cards due on each day at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from quizapp.stats.days import month_start, week_start
from quizapp.stats.history import BoolArray, FloatArray, IntArray, ReviewLog
from quizapp.stats.streaks import Streaks as Streaks  # re-exported: the report names it here
from quizapp.stats.streaks import count_streaks


@dataclass(frozen=True, slots=True)
class DayCounts:
    """Answers and seconds spent on each day from `first` to `last` (inclusive)."""

    first: int
    last: int
    reviews: IntArray
    seconds: FloatArray

    def days(self) -> IntArray:
        return np.arange(self.first, self.last + 1, dtype=np.int64)


def per_day(log: ReviewLog, first: int, last: int) -> DayCounts:
    """Answers and time on each day of `first..last` (answers outside are ignored)."""
    span = max(last - first + 1, 0)
    inside = (log.day >= first) & (log.day <= last)
    offsets = log.day[inside] - first
    reviews = np.bincount(offsets, minlength=span).astype(np.int64)
    ms = np.bincount(offsets, weights=log.response_ms[inside], minlength=span)
    return DayCounts(first=first, last=last, reviews=reviews, seconds=ms / 1000.0)


@dataclass(frozen=True, slots=True)
class PeriodCounts:
    """Answers and seconds per period (day, week or month), only periods with answers."""

    #: Day number each period starts on, ascending.
    start: IntArray
    reviews: IntArray
    seconds: FloatArray


def period_starts(days: IntArray, period: str) -> IntArray:
    if period == "day":
        return days
    if period == "week":
        return week_start(days)
    if period == "month":
        return month_start(days)
    raise ValueError(f"unknown period {period!r}: use day, week or month")


def group_days(days: IntArray) -> tuple[IntArray, IntArray]:
    """The distinct day numbers, ascending, and each value's index among them.

    What ``np.unique(days, return_inverse=True)`` gives, without sorting a million values: days
    span a few thousand numbers at most, so one count per possible day finds them in one pass.
    """
    if days.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    low = int(days.min())
    offsets = days - low
    present = np.bincount(offsets) > 0
    rank = np.cumsum(present) - 1
    return np.flatnonzero(present) + low, rank[offsets]


def per_period(log: ReviewLog, period: str) -> PeriodCounts:
    """Answers and time per day, week or month."""
    starts, which = group_days(period_starts(log.day, period))
    reviews = np.bincount(which, minlength=len(starts)).astype(np.int64)
    ms = np.bincount(which, weights=log.response_ms, minlength=len(starts))
    return PeriodCounts(start=starts.astype(np.int64), reviews=reviews, seconds=ms / 1000.0)


def due_per_day(
    log: ReviewLog, first: int, last: int, studied: BoolArray | None = None
) -> IntArray:
    """How many cards were waiting to be answered on each day of `first..last`.

    A card answered on day t that set due day u is waiting on days max(u, t + 1) .. n, where n is
    the day of its next answer (it was due that day and answered), or `last` when none followed.
    `studied` (by card index) marks the cards still studied: a suspended card, or one removed from
    its deck file, stops waiting after its last answer, so it never breaks a streak.
    """
    span = max(last - first + 1, 0)
    if len(log) == 0 or span == 0:
        return np.zeros(span, dtype=np.int64)
    order = np.lexsort((log.day, log.card))
    card = log.card[order]
    day = log.day[order]
    due = log.due_after[order]
    next_day = np.full(len(order), last, dtype=np.int64)
    same_card_next = card[1:] == card[:-1]
    next_day[:-1] = np.where(same_card_next, day[1:], last)
    if studied is not None:
        is_last = np.ones(len(order), dtype=np.bool_)
        is_last[:-1] = ~same_card_next
        dropped = is_last & ~np.asarray(studied, dtype=np.bool_)[card]
        next_day[dropped] = day[dropped]
    start = np.maximum(due, day + 1)
    # Several answers on one day: only the day's last answer sets what is due afterwards, and
    # a stretch ending on the answer's own day (start > end) is empty.
    stop = np.minimum(next_day, last)
    start = np.maximum(start, first)
    real = start <= stop
    # A difference array: +1 where a stretch starts, -1 the day after it ends.
    delta = np.bincount(start[real] - first, minlength=span + 1)
    delta -= np.bincount(stop[real] - first + 1, minlength=span + 1)
    return np.cumsum(delta[:-1]).astype(np.int64)


def streaks(reviews: IntArray, due: IntArray, min_reviews: int = 1) -> Streaks:
    """Current and longest streak over consecutive days; the last day is today.

    `reviews[i]` is the number of answers on day i, `due[i]` the cards due that day. The rules
    are `quizapp.stats.streaks.count_streaks`'s, shared with the home screen's streak.
    """
    return count_streaks(reviews.tolist(), due.tolist(), min_reviews)


def heatmap(counts: DayCounts, today: int, days: int = 365) -> tuple[int, IntArray]:
    """The answers per day for the `days` days ending today: (first day, counts)."""
    first = today - days + 1
    window = per_day_window(counts, first, today)
    return first, window


def per_day_window(counts: DayCounts, first: int, last: int) -> IntArray:
    """`counts.reviews` cut or zero-padded to exactly the days `first..last`."""
    out = np.zeros(max(last - first + 1, 0), dtype=np.int64)
    lo = max(first, counts.first)
    hi = min(last, counts.last)
    if lo <= hi:
        out[lo - first : hi - first + 1] = counts.reviews[lo - counts.first : hi - counts.first + 1]
    return out

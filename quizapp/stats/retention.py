"""Retention: the share of review answers whose rating the scheduler counts as recalled.

Only answers to learned cards count (`ReviewLog.kind == REVIEW`): first-time learning and
relearning after a lapse say how hard a card is, not how well it was remembered. An answer is
*young* when the interval it tested (the card's interval before the answer) was under
`mature_days` (21 by default), *mature* otherwise, as in Anki's statistics.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from quizapp.stats.activity import group_days, period_starts
from quizapp.stats.history import REVIEW, BoolArray, IntArray, ReviewLog


@dataclass(frozen=True, slots=True)
class Tally:
    """Right answers out of all counted answers."""

    right: int
    total: int

    @property
    def rate(self) -> float | None:
        """right / total, or None when nothing was counted (never a made-up 0 or 1)."""
        return self.right / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Retention:
    all: Tally
    young: Tally
    mature: Tally


def _tally(right: BoolArray, mask: BoolArray) -> Tally:
    return Tally(right=int(np.count_nonzero(right & mask)), total=int(np.count_nonzero(mask)))


def retention(log: ReviewLog, mature_days: int = 21) -> Retention:
    """Retention over the whole log, and split young/mature."""
    counted = log.kind == REVIEW
    right = log.passed
    mature = log.interval_before >= mature_days
    return Retention(
        all=_tally(right, counted),
        young=_tally(right, counted & ~mature),
        mature=_tally(right, counted & mature),
    )


@dataclass(frozen=True, slots=True)
class PeriodRetention:
    """Retention per period (only periods with review answers), as right and total columns."""

    start: IntArray
    right: IntArray
    total: IntArray
    young_right: IntArray
    young_total: IntArray
    mature_right: IntArray
    mature_total: IntArray

    def at(self, index: int) -> Retention:
        return Retention(
            all=Tally(int(self.right[index]), int(self.total[index])),
            young=Tally(int(self.young_right[index]), int(self.young_total[index])),
            mature=Tally(int(self.mature_right[index]), int(self.mature_total[index])),
        )


def retention_per_period(log: ReviewLog, period: str, mature_days: int = 21) -> PeriodRetention:
    """Retention per day, week or month."""
    counted = log.kind == REVIEW
    days = log.day[counted]
    right = log.passed[counted].astype(np.int64)
    mature = (log.interval_before[counted] >= mature_days).astype(np.int64)
    starts, which = group_days(period_starts(days, period))
    n = len(starts)

    def count(weights: IntArray) -> IntArray:
        return np.bincount(which, weights=weights, minlength=n).astype(np.int64)

    total = np.bincount(which, minlength=n).astype(np.int64)
    mature_total = count(mature)
    right_all = count(right)
    mature_right = count(right * mature)
    return PeriodRetention(
        start=starts.astype(np.int64),
        right=right_all,
        total=total,
        young_right=right_all - mature_right,
        young_total=total - mature_total,
        mature_right=mature_right,
        mature_total=mature_total,
    )

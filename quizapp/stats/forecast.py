"""Forecast: how many cards fall due on each of the coming days, from the cards' due days."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from quizapp.stats.history import CardTable, IntArray


@dataclass(frozen=True, slots=True)
class Forecast:
    """Cards due on each day from today (index 0) on; overdue cards are counted in today."""

    first: int
    due: IntArray
    #: Cards whose due day has already passed (they are included in ``due[0]``).
    overdue: int


def forecast(cards: CardTable, today: int, days: int = 30) -> Forecast:
    """Cards due on each of `days` days starting today; new and suspended cards never fall due."""
    scheduled = ~cards.new & ~cards.suspended
    due = cards.due[scheduled]
    overdue = int(np.count_nonzero(due < today))
    offsets = np.maximum(due - today, 0)
    counts = np.bincount(offsets[offsets < days], minlength=days).astype(np.int64)
    return Forecast(first=today, due=counts, overdue=overdue)

"""Cards due per study day, for FSRS's load balancing: each day counted by the store when first
asked for (one indexed count), then kept in step with the session's own answers (each moves one
card from one day to another).

Counted over the whole collection (every deck, suspended cards left out), as the learner's
workload is: 57 cards learnt together in two decks still spread over the days. A day at a time:
an answer's fuzz range is a few days, mostly days counted already, so no answer waits on a read
of a month of due times.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from quizapp.scheduling.days import StudyCalendar

if TYPE_CHECKING:
    from quizapp.store.collection_store import CollectionStore


class DayLoad:
    """`load(day)`: the cards due on study day `day` (a `quizapp.scheduling.base.DayLoad`)."""

    def __init__(self, store: CollectionStore, calendar: StudyCalendar) -> None:
        self._store = store
        self._calendar = calendar
        #: Study day -> cards due that day, for the days counted so far.
        self._counts: dict[date, int] = {}

    def __call__(self, day: date) -> int:
        counts = self._counts
        count = counts.get(day)
        if count is None:
            count = counts[day] = self._count(day)
        return count

    def _count(self, day: date) -> int:
        calendar = self._calendar
        try:
            following = day + timedelta(days=1)
        except OverflowError:
            return 0  # the last day there is: nothing is due after the maximum interval
        return self._store.due_count(calendar.start_of(day), calendar.start_of(following))

    def moved(self, before: datetime | None, after: datetime | None) -> None:
        """One card's due instant changed from `before` to `after` (an answer, or its undo)."""
        for instant, step in ((before, -1), (after, 1)):
            if instant is None:
                continue
            day = self._calendar.day_of(instant)
            if day in self._counts:
                self._counts[day] = max(0, self._counts[day] + step)

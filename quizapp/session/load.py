"""Cards due per study day, for FSRS's load balancing: read from the store a window at a time
and kept in step with the session's own answers (each moves one card from one day to another).

Counted over the whole collection (every deck, suspended cards left out), as the learner's
workload is: 57 cards learnt together in two decks still spread over the days.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from quizapp.scheduling.days import StudyCalendar

if TYPE_CHECKING:
    from quizapp.store.collection_store import CollectionStore

#: Days read at once: a fuzz range is at most a few days wide, so one read serves many answers.
WINDOW_DAYS = 32


class DayLoad:
    """`load(day)`: the cards due on study day `day` (a `quizapp.scheduling.base.DayLoad`)."""

    def __init__(self, store: CollectionStore, calendar: StudyCalendar) -> None:
        self._store = store
        self._calendar = calendar
        self._counts: dict[date, int] = {}
        self._known: set[date] = set()

    def __call__(self, day: date) -> int:
        if day not in self._known:
            self._read(day)
        return self._counts.get(day, 0)

    def _read(self, first: date) -> None:
        calendar = self._calendar
        try:
            last = first + timedelta(days=WINDOW_DAYS)
        except OverflowError:
            last = date.max
        start, end = calendar.start_of(first), calendar.start_of(last)
        days = {first + timedelta(days=n) for n in range((last - first).days)}
        fresh = days - self._known
        for due in self._store.due_between(start, end):
            day = calendar.day_of(due)
            if day in fresh:
                self._counts[day] = self._counts.get(day, 0) + 1
        self._known |= days

    def moved(self, before: datetime | None, after: datetime | None) -> None:
        """One card's due instant changed from `before` to `after` (an answer, or its undo)."""
        for instant, step in ((before, -1), (after, 1)):
            if instant is None:
                continue
            day = self._calendar.day_of(instant)
            if day in self._known:
                self._counts[day] = max(0, self._counts.get(day, 0) + step)

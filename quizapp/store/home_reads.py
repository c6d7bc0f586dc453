"""What the home screen reads from the store, written once for two ways of reading it.

The home screen's counts (new, due and learning cards per deck, today's answers and the streak)
come from eight small statements, named in `STATEMENT_NAMES`. This module holds what is done
with their rows, and imports no SQLAlchemy: the statements themselves are SQLAlchemy Core, in
`quizapp.store.home_statements`, and a `Reader` runs them by name.

- `home_statements.CoreReader` runs them through SQLAlchemy, on any database (what an open
  `Collection` and `quizapp stats` use);
- `quizapp.store.fast.quick_home.SqliteReader` runs the very SQL that SQLAlchemy compiles them
  to for SQLite (kept in the generated `fast/home_sql.json`, which a test checks against the
  statements) on the standard library's `sqlite3`, so the TUI's home screen has its counts
  before SQLAlchemy is imported.

A test runs every statement both ways over the same database and compares the rows.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Protocol

from quizapp.scheduling.days import StudyCalendar
from quizapp.stats.streaks import count_streaks

#: Every statement a `Reader` must run, with the names of its parameters.
STATEMENT_NAMES: dict[str, tuple[str, ...]] = {
    "new_or_due": ("day_end", "today"),
    "totals": (),
    "introduced": ("day",),
    "answers": ("day",),
    "day_answers": ("day", "cap_ms"),
    "answers_per_day": (),
    "due_by_state": ("day_end",),
    "due_before_answered": ("day", "last"),
}


class Reader(Protocol):
    """Runs one of the statements of `STATEMENT_NAMES` and yields its rows as tuples.

    Values come back as SQLAlchemy gives them: dates as `date`, flags as `bool`, counts as
    `int`. Closing the iterator early (the streak's reads stop at the first row they need)
    releases the cursor.
    """

    def rows(self, name: str, **params: Any) -> Generator[Sequence[Any]]: ...


@dataclass(frozen=True, slots=True)
class TodayAnswer:
    """One answer of the current study day, for step-7 repeats and the day's counts."""

    card_id: int
    deck_id: str
    key: str
    grade: int
    repeat: bool
    #: Given in a (re)learning step (FSRS's minutes): not a review for the daily review limit.
    stepped: bool = False


@dataclass(frozen=True, slots=True)
class DeckTotals:
    """A deck's cards as the store counts them, before any daily limit: new ones that may be
    shown today, due ones, and every card in its file (the session's queue counts are
    `quizapp.scheduling.queue.DeckCounts`)."""

    new: int = 0
    due: int = 0
    total: int = 0
    #: Cards in (re)learning steps due today (FSRS's minute steps).
    learning: int = 0


@dataclass(frozen=True, slots=True)
class TodayActivity:
    """Today's answers and time, and the current streak (by `quizapp.stats.streaks` rules)."""

    reviews: int
    seconds: float
    streak_days: int


@dataclass(frozen=True, slots=True)
class HomeReads:
    """Everything the home screen's counts are made of, read in one transaction."""

    counts: dict[str, DeckTotals]
    introduced: dict[str, int]
    answers: list[TodayAnswer]
    activity: TodayActivity


def deck_counts(reader: Reader, today: date, calendar: StudyCalendar) -> dict[str, DeckTotals]:
    """deck id -> new cards available, cards due today, and cards in the file (every deck the
    store knows; the caller picks the ones it shows)."""
    rows = reader.rows("new_or_due", today=today, day_end=calendar.end_of(today))
    counts = {
        deck_id: DeckTotals(new=int(new), due=int(due), learning=int(learning))
        for deck_id, new, due, learning in rows
    }
    for deck_id, total in reader.rows("totals"):
        before = counts.get(deck_id, DeckTotals())
        counts[deck_id] = replace(before, total=int(total))
    return counts


def introduced_on(reader: Reader, day: date) -> dict[str, int]:
    """deck id -> cards first answered on study day `day` (the daily new-card limit)."""
    return {deck_id: int(count) for deck_id, count in reader.rows("introduced", day=day)}


def answers_on(reader: Reader, day: date) -> list[TodayAnswer]:
    """Every answer of study day `day`, in the order they were given."""
    return [
        TodayAnswer(
            card_id=card_id,
            deck_id=deck_id,
            key=key,
            grade=grade,
            repeat=bool(repeat),
            stepped=bool(stepped),
        )
        for card_id, deck_id, key, grade, repeat, stepped in reader.rows("answers", day=day)
    ]


def answers_per_day(reader: Reader) -> dict[date, int]:
    """Answers per stored study day: one GROUP BY the study-day index answers it, no table scan."""
    return {day: int(count) for day, count in reader.rows("answers_per_day")}


def anything_due_on(
    reader: Reader,
    day: date,
    *,
    last: date,
    calendar: StudyCalendar,
    max_interval_days: int = 36_500,
) -> bool:
    """Whether some card waited to be answered on `day` (a past day; `last` is today).

    The same test as `quizapp.stats.activity.due_per_day(...) > 0`, answered from the cards'
    states and the answers from `day` on instead of the whole review log:

    - a studied card whose last answer left it due on or before `day` (due before `day` ends,
      by `calendar`) was last answered before `day` (an answer always sets a due day after its
      own), so it has waited on `day`;
    - otherwise, for each card's first answer from `day` on, the state before it holds the
      interval its previous answer (on day t, before `day`) set: the card waited on `day` when
      t + interval is `day` or earlier. Answers are read day by day, oldest first, and the read
      stops at the first such card (overdue cards are asked first, so one is usually among the
      first rows).
    """
    with closing(reader.rows("due_by_state", day_end=calendar.end_of(day))) as by_state:
        if next(iter(by_state), None) is not None:
            return True
    seen: set[int] = set()
    with closing(reader.rows("due_before_answered", day=day, last=last)) as answers:
        # Rows come by study day, then time: a card's first row of a day is its earliest answer.
        first_of_day: dict[int, tuple[int, date | None]] = {}
        current: date | None = None
        for card_id, answered_on, interval, before in answers:
            if answered_on != current:
                if _any_waited(first_of_day, day, max_interval_days):
                    return True
                seen.update(first_of_day)
                first_of_day, current = {}, answered_on
            if card_id not in seen and card_id not in first_of_day:
                first_of_day[card_id] = (int(interval), before)
        return _any_waited(first_of_day, day, max_interval_days)


def _any_waited(
    first_answers: dict[int, tuple[int, date | None]], day: date, max_interval_days: int
) -> bool:
    return any(
        before is not None and before + timedelta(days=min(interval, max_interval_days)) <= day
        for interval, before in first_answers.values()
    )


def today_activity(
    reader: Reader,
    *,
    today: date,
    calendar: StudyCalendar,
    min_reviews: int,
    max_interval_days: int = 36_500,
    max_answer_seconds: int = 60,
) -> TodayActivity:
    """Today's answers and time, and the current streak, cheaply enough for start-up.

    The streak follows `quizapp.stats.streaks.count_streaks` (the rules `quizapp stats` uses): a
    day counts with `min_reviews` answers, a day without enough breaks the streak only if some
    card was due that day, and today never breaks it. Days are the study days stored with the
    answers; `quizapp stats` recounts them from the answer times with the configured rollover
    hour, which gives the same days unless the rollover hour or the time zone has changed.

    Reading the whole log costs seconds on a million answers, so only what the current streak
    needs is read: answers per day from the study-day index, then, walking back from yesterday,
    whether anything was due on each day without enough answers, up to the first that breaks.
    """
    # Each answer counts for at most `max_answer_seconds` (`Config.max_answer_seconds`).
    cap_ms = max_answer_seconds * 1000
    ((answered, milliseconds),) = list(reader.rows("day_answers", day=today, cap_ms=cap_ms))
    counts = answers_per_day(reader)
    streak = 0
    if counts:
        first = min(min(counts), today)
        breaking: date | None = None
        day = today - timedelta(days=1)
        while day >= first:
            if counts.get(day, 0) < min_reviews and anything_due_on(
                reader, day, last=today, calendar=calendar, max_interval_days=max_interval_days
            ):
                breaking = day
                break
            day -= timedelta(days=1)
        start = breaking or first
        span = (today - start).days + 1
        reviews = [counts.get(start + timedelta(days=i), 0) for i in range(span)]
        due = [0] * span
        if breaking is not None:
            due[0] = 1  # the one day found to break the streak; no other day could
        streak = count_streaks(reviews, due, min_reviews).current
    return TodayActivity(
        reviews=int(answered), seconds=int(milliseconds) / 1000, streak_days=streak
    )


def read_home(
    reader: Reader,
    *,
    today: date,
    calendar: StudyCalendar,
    min_reviews: int,
    max_interval_days: int,
    max_answer_seconds: int = 60,
) -> HomeReads:
    """Every read of the home screen (the caller holds one read transaction around it).

    `calendar` is the learner's rollover rule: a card is due on a study day when its due
    instant comes before the day's end.
    """
    return HomeReads(
        counts=deck_counts(reader, today, calendar),
        introduced=introduced_on(reader, today),
        answers=answers_on(reader, today),
        activity=today_activity(
            reader,
            today=today,
            calendar=calendar,
            min_reviews=min_reviews,
            max_interval_days=max_interval_days,
            max_answer_seconds=max_answer_seconds,
        ),
    )

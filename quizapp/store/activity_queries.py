"""The home screen's reads of the review log: today's answers and the current streak.

Kept apart from `quizapp.store.stats_queries` so the start-up imports neither numpy nor the
statistics: answers per stored study day through the study-day index, and "was anything due?"
asked only of the days without enough answers that the current streak reaches back to;
`quizapp.stats.streaks.count_streaks` then counts it, as `quizapp stats` does.

Each function takes a SQLAlchemy `Session` or `Connection` and never commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Table, false, func, select
from sqlalchemy.orm import Session, aliased

from quizapp.stats.streaks import count_streaks
from quizapp.store.models import CardRow, CardStateRow, ReviewRow

_cards = cast(Table, CardRow.__table__)
_states = cast(Table, CardStateRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)


@dataclass(frozen=True, slots=True)
class TodayActivity:
    """Today's answers and time, and the current streak (by `quizapp.stats.streaks` rules)."""

    reviews: int
    seconds: float
    streak_days: int


def answers_per_day(db: Session | Connection) -> dict[date, int]:
    """Answers per stored study day: one GROUP BY the study-day index answers it, no table scan."""
    query = select(_reviews.c.study_day, func.count()).group_by(_reviews.c.study_day)
    return {day: int(count) for day, count in db.execute(query)}


def _due_by_state(db: Session | Connection, day: date) -> bool:
    """Whether a studied card's last answer left it due on or before `day`.

    Such a card was last answered before `day` (an answer always sets a due day after its own),
    so it has waited on `day` and every day since: what `activity.due_per_day` counts for it.
    """
    query = (
        select(_states.c.card_id)
        .select_from(_states.join(_cards, _cards.c.id == _states.c.card_id))
        .where(
            _states.c.due.is_not(None),
            _states.c.due <= day,
            _cards.c.removed == false(),
            _states.c.suspended == false(),
        )
        .limit(1)
    )
    return db.execute(query).first() is not None


def _due_before_answered(
    db: Session | Connection, day: date, last: date, max_interval_days: int
) -> bool:
    """Whether a card answered on `day` or later had been due by `day` before that answer.

    For each card's first answer from `day` on, the state before it holds the interval its
    previous answer (on day t, before `day`) set; the card waited on `day` when t + interval is
    `day` or earlier. Answers are read day by day, oldest first, and the read stops at the first
    such card: overdue cards are asked first, so one is usually among the first rows.
    """
    earlier = aliased(_reviews)
    previous = (
        select(func.max(earlier.c.study_day))
        .where(earlier.c.card_id == _reviews.c.card_id, earlier.c.study_day < day)
        .scalar_subquery()
    )
    query = (
        select(
            _reviews.c.card_id,
            _reviews.c.study_day,
            _reviews.c.reviewed_at,
            func.coalesce(_reviews.c.state_before["interval"].as_integer(), 0),
            previous,
        )
        .where(_reviews.c.study_day >= day, _reviews.c.study_day <= last)
        .order_by(_reviews.c.study_day)
    )
    seen: set[int] = set()
    result = db.execute(query)
    try:
        first_of_day: dict[int, tuple[Any, int, date | None]] = {}
        current: date | None = None
        for card_id, answered_on, moment, interval, before in result:
            if answered_on != current:
                if _any_waited(first_of_day, day, max_interval_days):
                    return True
                seen.update(first_of_day)
                first_of_day, current = {}, answered_on
            if card_id in seen:
                continue
            known = first_of_day.get(card_id)
            # Within the card's first day, its earliest answer holds the state from before.
            if known is None or moment < known[0]:
                first_of_day[card_id] = (moment, int(interval), before)
        return _any_waited(first_of_day, day, max_interval_days)
    finally:
        result.close()


def _any_waited(
    first_answers: dict[int, tuple[Any, int, date | None]], day: date, max_interval_days: int
) -> bool:
    return any(
        before is not None and before + timedelta(days=min(interval, max_interval_days)) <= day
        for _moment, interval, before in first_answers.values()
    )


def anything_due_on(
    db: Session | Connection, day: date, *, last: date, max_interval_days: int = 36_500
) -> bool:
    """Whether some card waited to be answered on `day` (a past day; `last` is today).

    The same test as `quizapp.stats.activity.due_per_day(...) > 0`, answered from the cards'
    states and the answers from `day` on instead of the whole review log.
    """
    return _due_by_state(db, day) or _due_before_answered(db, day, last, max_interval_days)


def today_activity(
    db: Session | Connection, *, today: date, min_reviews: int, max_interval_days: int = 36_500
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
    todays = db.execute(
        select(func.count(), func.coalesce(func.sum(_reviews.c.response_ms), 0)).where(
            _reviews.c.study_day == today
        )
    ).one()
    counts = answers_per_day(db)
    streak = 0
    if counts:
        first = min(min(counts), today)
        breaking: date | None = None
        day = today - timedelta(days=1)
        while day >= first:
            if counts.get(day, 0) < min_reviews and anything_due_on(
                db, day, last=today, max_interval_days=max_interval_days
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
    return TodayActivity(reviews=int(todays[0]), seconds=int(todays[1]) / 1000, streak_days=streak)

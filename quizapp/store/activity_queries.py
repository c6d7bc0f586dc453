"""The home screen's reads of the review log, on a SQLAlchemy `Session` or `Connection`.

Today's answers and the current streak, by the rules of `quizapp.stats.streaks` (what `quizapp
stats` uses), read cheaply enough for start-up and without numpy: see
`quizapp.store.home_reads`, where the logic lives, shared with the TUI's quick home read.
Each function never commits.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from quizapp.store import home_reads
from quizapp.store.home_reads import TodayActivity as TodayActivity
from quizapp.store.home_statements import CoreReader


def answers_per_day(db: Session | Connection) -> dict[date, int]:
    """Answers per stored study day (see `home_reads.answers_per_day`)."""
    return home_reads.answers_per_day(CoreReader(db))


def anything_due_on(
    db: Session | Connection, day: date, *, last: date, max_interval_days: int = 36_500
) -> bool:
    """Whether some card waited to be answered on `day` (see `home_reads.anything_due_on`)."""
    return home_reads.anything_due_on(
        CoreReader(db), day, last=last, max_interval_days=max_interval_days
    )


def today_activity(
    db: Session | Connection, *, today: date, min_reviews: int, max_interval_days: int = 36_500
) -> TodayActivity:
    """Today's answers and time, and the current streak (see `home_reads.today_activity`)."""
    return home_reads.today_activity(
        CoreReader(db), today=today, min_reviews=min_reviews, max_interval_days=max_interval_days
    )

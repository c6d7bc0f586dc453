"""The home screen's streak reads (`home_reads`) through SQLAlchemy, on a hand-made history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from quizapp.store.database import Database, open_database
from quizapp.store.home_reads import TodayActivity, anything_due_on, today_activity
from quizapp.store.home_statements import CoreReader
from tests.stats.store_history import CALENDAR, write_history

TODAY = date(2024, 5, 10)


# -- the home screen's streak read, on tests/stats/store_history.py -------------------------------
# Stored study days of that history: a1 05-05 (due 05-06) and 05-07; a2 05-07 (due 05-08) and
# 05-09; b1 05-08 (due 05-09) and 05-09 (due 05-10); b2 05-08 (first answer in the log).
# The cards' states now: a1 due 05-13, a2 05-15, b1 05-10, b2 07-22.


def _history_db(tmp_path: Path) -> Database:
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    write_history(url)
    return open_database(url)


def test_anything_due_on_from_states_and_from_later_answers(tmp_path: Path) -> None:
    database = _history_db(tmp_path)
    try:
        with database.reading() as db:
            reader = CoreReader(db)
            last = date(2024, 5, 10)
            # Before any answer nothing waits; 05-06: a1 (answered again on 05-07, so only that
            # answer's state before says it was due). 05-08: a2 (answered 05-09).
            expected = {
                date(2024, 5, 4): False,
                date(2024, 5, 5): False,
                date(2024, 5, 6): True,
                # a1 (due 05-06) waited until its answer on 05-07: due_per_day counts the day
                # of the answer as a day it waited.
                date(2024, 5, 7): True,
                date(2024, 5, 8): True,
                date(2024, 5, 9): True,
                date(2024, 5, 10): True,  # b1's state: due 05-10
            }
            found = {
                day: anything_due_on(reader, day, last=last, calendar=CALENDAR) for day in expected
            }
            assert found == expected
    finally:
        database.close()


def test_today_activity_counts_todays_answers_and_the_streak(tmp_path: Path) -> None:
    database = _history_db(tmp_path)
    try:
        with database.reading() as db:
            reader = CoreReader(db)
            # 05-09: b1 (5 s) and a2 (6 s). 05-06 had a1 due and no answer: 05-07..05-09.
            assert today_activity(
                CoreReader(db), today=date(2024, 5, 9), calendar=CALENDAR, min_reviews=1
            ) == TodayActivity(reviews=2, seconds=11.0, streak_days=3)
            # Each answer's time counts for at most `max_answer_seconds`: 5 s and 6 s capped
            # at 5 s, the quick read (the same statement on sqlite3) alike.
            capped = today_activity(
                reader,
                today=date(2024, 5, 9),
                calendar=CALENDAR,
                min_reviews=1,
                max_answer_seconds=5,
            )
            assert capped == TodayActivity(reviews=2, seconds=10.0, streak_days=3)
            # 05-10 not studied yet: the streak is still the one that ended yesterday.
            assert (
                today_activity(
                    reader, today=date(2024, 5, 10), calendar=CALENDAR, min_reviews=1
                ).streak_days
                == 3
            )
            # With 2 answers needed: 05-09 (2) and 05-08 (b1, b2) count, 05-07 (a1, a2) too;
            # 05-05 (one answer) is before the break on 05-06 anyway.
            assert (
                today_activity(
                    reader, today=date(2024, 5, 10), calendar=CALENDAR, min_reviews=2
                ).streak_days
                == 3
            )
            # 05-12: 05-11 and 05-10 missed with b1 due: nothing left.
            assert (
                today_activity(
                    reader, today=date(2024, 5, 12), calendar=CALENDAR, min_reviews=1
                ).streak_days
                == 0
            )
    finally:
        database.close()


def test_today_activity_on_an_empty_store(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        with database.reading() as db:
            reader = CoreReader(db)
            assert today_activity(
                reader, today=TODAY, calendar=CALENDAR, min_reviews=1
            ) == TodayActivity(0, 0.0, 0)
    finally:
        database.close()

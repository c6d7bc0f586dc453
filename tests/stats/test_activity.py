"""Activity: answers per day and period, cards due per day, streaks, heatmap window."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from quizapp.stats.activity import (
    DayCounts,
    Streaks,
    due_per_day,
    group_days,
    per_day,
    per_day_window,
    per_period,
    streaks,
)
from quizapp.stats.days import day_date, day_number
from tests.stats.builders import Answer, log_of

D = 100  # "today" in the streak histories below


def test_per_day_counts_answers_and_seconds() -> None:
    log = log_of(
        [
            Answer(card=0, day=10, response_ms=1500),
            Answer(card=1, day=10, response_ms=2500),
            Answer(card=0, day=12, response_ms=4000),
            Answer(card=0, day=20, response_ms=9000),  # outside the window
        ]
    )
    counts = per_day(log, 9, 12)
    assert counts.reviews.tolist() == [0, 2, 0, 1]
    assert counts.seconds.tolist() == [0.0, 4.0, 0.0, 4.0]


def test_per_period_groups_by_week_and_month() -> None:
    jan1 = day_number(date(2024, 1, 1))  # a Monday
    log = log_of(
        [
            Answer(card=0, day=jan1, response_ms=1000),
            Answer(card=0, day=jan1 + 6, response_ms=1000),  # Sunday, same week
            Answer(card=0, day=jan1 + 7, response_ms=3000),  # next Monday
            Answer(card=0, day=jan1 + 31, response_ms=500),  # 1 February
        ]
    )
    weeks = per_period(log, "week")
    assert [day_date(d) for d in weeks.start] == [
        date(2024, 1, 1),
        date(2024, 1, 8),
        date(2024, 1, 29),
    ]
    assert weeks.reviews.tolist() == [2, 1, 1]
    months = per_period(log, "month")
    assert [day_date(d) for d in months.start] == [date(2024, 1, 1), date(2024, 2, 1)]
    assert months.reviews.tolist() == [3, 1]
    assert months.seconds.tolist() == [5.0, 0.5]
    with pytest.raises(ValueError, match="unknown period"):
        per_period(log, "year")


def _daily(days: list[int], card: int = 0, gap: int = 1) -> list[Answer]:
    return [Answer(card=card, day=d, due_after=d + gap) for d in days]


def test_due_per_day_follows_each_answer_to_the_next() -> None:
    # Card 0: answered on day 1 (due day 4), answered early on day 3 (due 5), then left alone.
    # Card 1: answered day 2 (due 3), answered late on day 6 (due 100).
    log = log_of(
        [
            Answer(card=0, day=1, due_after=4),
            Answer(card=0, day=3, due_after=5),
            Answer(card=1, day=2, due_after=3),
            Answer(card=1, day=6, due_after=100),
        ]
    )
    # day:          1  2  3  4  5  6  7
    # card 0:       .  .  .  .  x  x  x   (due 5 onwards, never answered again)
    # card 1:       .  .  x  x  x  x  .   (due 3, answered on 6)
    assert due_per_day(log, 1, 7).tolist() == [0, 0, 1, 1, 2, 2, 1]


def test_suspended_card_stops_being_due_after_its_last_answer() -> None:
    log = log_of([Answer(card=0, day=1, due_after=2), Answer(card=1, day=1, due_after=2)])
    studied = np.array([True, False])
    assert due_per_day(log, 1, 4, studied).tolist() == [0, 1, 1, 1]


def test_repeats_on_one_day_leave_only_the_last_answer_pending() -> None:
    # Step-7 repeats: three answers on day 5; the last one makes the card due on day 6.
    log = log_of(
        [
            Answer(card=0, day=5, grade=1, due_after=6),
            Answer(card=0, day=5, grade=3, due_after=6),
            Answer(card=0, day=5, grade=4, due_after=6),
        ]
    )
    assert due_per_day(log, 5, 7).tolist() == [0, 1, 1]


def test_three_day_streak_after_a_missed_day() -> None:
    # Reviews every day from D-6 except D-4, when the card was due: the streak broke there.
    log = log_of(_daily([D - 6, D - 5, D - 3, D - 2, D - 1]))
    counts = per_day(log, D - 6, D)
    due = due_per_day(log, D - 6, D)
    assert counts.reviews.tolist() == [1, 1, 0, 1, 1, 1, 0]
    assert due.tolist() == [0, 1, 1, 1, 1, 1, 1]
    # Today (nothing done yet) does not break it: current is D-3..D-1.
    assert streaks(counts.reviews, due) == Streaks(current=3, longest=3)


def test_streak_is_longest_before_the_break() -> None:
    log = log_of(_daily([D - 6, D - 5, D - 4, D - 3, D - 1, D]))
    counts = per_day(log, D - 6, D)
    due = due_per_day(log, D - 6, D)
    result = streaks(counts.reviews, due)
    assert result == Streaks(current=2, longest=4)


def test_a_day_with_nothing_due_does_not_break_the_streak() -> None:
    # Answered on D-6 (due D-3), D-3 (due D) and today: D-5 and D-4 had nothing due.
    log = log_of(_daily([D - 6, D - 3, D], gap=3))
    counts = per_day(log, D - 6, D)
    due = due_per_day(log, D - 6, D)
    assert due.tolist() == [0, 0, 0, 1, 0, 0, 1]
    assert streaks(counts.reviews, due) == Streaks(current=3, longest=3)


def test_minimum_answers_for_a_day_to_count() -> None:
    reviews = np.array([2, 1, 3, 2])
    due = np.array([5, 5, 5, 5])
    assert streaks(reviews, due, min_reviews=1) == Streaks(current=4, longest=4)
    # With two needed, day 1 breaks: then days 2 and 3 count.
    assert streaks(reviews, due, min_reviews=2) == Streaks(current=2, longest=2)
    with pytest.raises(ValueError, match="at least one"):
        streaks(reviews, due, min_reviews=0)


def test_no_history_no_streak() -> None:
    nothing = np.zeros(0, dtype=np.int64)
    assert streaks(nothing, nothing) == Streaks(current=0, longest=0)
    assert streaks(np.array([0, 0]), np.array([1, 1])) == Streaks(current=0, longest=0)


def test_window_pads_and_cuts() -> None:
    counts = DayCounts(first=5, last=7, reviews=np.array([1, 2, 3]), seconds=np.zeros(3))
    assert per_day_window(counts, 3, 6).tolist() == [0, 0, 1, 2]
    assert per_day_window(counts, 7, 9).tolist() == [3, 0, 0]


def test_group_days_matches_distinct_sorted_days() -> None:
    starts, which = group_days(np.array([12, 10, 12, 15, 10]))
    assert starts.tolist() == [10, 12, 15]
    assert which.tolist() == [1, 0, 1, 2, 0]
    empty, none = group_days(np.zeros(0, dtype=np.int64))
    assert (empty.tolist(), none.tolist()) == ([], [])

"""The streak rules on plain lists, and that the home screen's streak needs no numpy."""

from __future__ import annotations

import subprocess
import sys

import pytest

from quizapp.stats.streaks import Streaks, count_streaks


def test_a_day_with_nothing_due_neither_breaks_nor_lengthens() -> None:
    # Days: studied, idle with nothing due, studied, studied (today).
    assert count_streaks([2, 0, 1, 3], [5, 0, 1, 1]) == Streaks(current=3, longest=3)


def test_a_day_with_cards_due_and_no_answers_breaks() -> None:
    # 3 counting days, a break (4 due, no answer), 1 counting day today.
    assert count_streaks([1, 1, 1, 0, 1], [0, 0, 0, 4, 0]) == Streaks(current=1, longest=3)


def test_today_does_not_break_the_current_streak_yet() -> None:
    assert count_streaks([1, 1, 0], [1, 1, 7]) == Streaks(current=2, longest=2)


def test_min_reviews_decides_which_days_count() -> None:
    reviews, due = [3, 1, 2, 2], [1, 1, 1, 1]
    assert count_streaks(reviews, due, min_reviews=1) == Streaks(current=4, longest=4)
    assert count_streaks(reviews, due, min_reviews=2) == Streaks(current=2, longest=2)
    with pytest.raises(ValueError, match="at least one"):
        count_streaks(reviews, due, min_reviews=0)


def test_no_days() -> None:
    assert count_streaks([], []) == Streaks(current=0, longest=0)


def test_the_home_streak_imports_no_numpy() -> None:
    code = (
        "import sys, quizapp.store.home_reads, quizapp.stats.streaks;print('numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""How figures are written for the learner."""

from __future__ import annotations

import pytest

from quizapp.stats.text import bar, count, duration, heatmap_levels, percent


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "0 s"),
        (44.6, "45 s"),
        (60, "1 min"),
        (3599, "59 min"),
        (3600, "1 h 00 min"),
        (11_100, "3 h 05 min"),
    ],
)
def test_duration(seconds: float, expected: str) -> None:
    assert duration(seconds) == expected


def test_percent() -> None:
    assert percent(0.75) == "75%"
    assert percent(2 / 3) == "67%"
    assert percent(None) == "–"


def test_bar_in_eighths() -> None:
    assert bar(10, 10, 4) == "████"
    assert bar(5, 10, 4) == "██"
    # 1/16 of 4 characters is a quarter of a character: two eighths.
    assert bar(1, 16, 4) == "▎"
    # 9/16 of 4 characters: two full characters and a quarter.
    assert bar(9, 16, 4) == "██▎"
    assert bar(0, 10, 4) == ""
    # Anything above zero shows at least an eighth.
    assert bar(1, 10_000, 4) == "▏"


def test_heatmap_levels_by_weekday_and_quartile() -> None:
    # Ten days from a Wednesday (weekday 2): busy days 1, 2, 3, 4, 8 answers; quartile steps are
    # the 2nd, 3rd and 4th of the five sorted counts (2, 3, 4), so 1 -> 1, 2 -> 1, 3 -> 2,
    # 4 -> 3 and 8 -> 4.
    counts = [0, 1, 0, 2, 3, 0, 4, 8, 0, 0]
    rows = heatmap_levels(counts, first_weekday=2)
    # Week 1 holds Wed..Sun = 0, 1, 0, 2, 3; week 2 holds Mon..Fri = 0, 4, 8, 0, 0.
    assert rows == [
        [-1, 0],  # Mon: before the first day, then no answer
        [-1, 3],  # Tue: 4 answers
        [0, 4],  # Wed: 0, then 8 answers (the busiest quarter)
        [1, 0],  # Thu
        [0, 0],  # Fri
        [1, -1],  # Sat: 2 answers; after the last day
        [2, -1],  # Sun: 3 answers
    ]
    assert heatmap_levels([0, 0], first_weekday=0)[0] == [0]


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 days"), (1, "1 day"), (2, "2 days"), (21, "21 days")],
)
def test_count_puts_the_noun_in_the_right_number(n: int, expected: str) -> None:
    assert count(n, "day") == expected

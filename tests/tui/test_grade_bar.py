"""The grade bar's text: intervals as on Anki's buttons, and which grades come back today."""

from __future__ import annotations

from datetime import timedelta

import pytest

from quizapp.tui.widgets.grade_bar import format_interval, grade_ranges, repeat_legend


@pytest.mark.parametrize(
    ("grades", "text"),
    [([0, 1, 2, 3], "0–3"), ([0, 2, 3], "0, 2–3"), ([4], "4"), ([5, 0, 1], "0–1, 5"), ([], "")],
)
def test_grade_ranges(grades: list[int], text: str) -> None:
    assert grade_ranges(grades) == text


def test_repeat_legend() -> None:
    assert repeat_legend([0, 1, 2, 3], [4, 5]) == (
        "0–3: asked again before this session ends · 4–5: back on the day shown"
    )
    assert repeat_legend([], [0, 1, 2, 3, 4, 5]) == ""


@pytest.mark.parametrize(
    ("days", "text"),
    [(0, "today"), (1, "1d"), (29, "29d"), (45, "1.5mo"), (60, "2mo"), (400, "1.1y")],
)
def test_format_interval(days: int, text: str) -> None:
    assert format_interval(timedelta(days=days)) == text


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(seconds=20), "1m"),
        (timedelta(hours=3), "3h"),
        (timedelta(hours=23, minutes=40), "24h"),
    ],
)
def test_format_interval_under_a_day(interval: timedelta, text: str) -> None:
    # A scheduler with learning steps asks again in minutes.
    assert format_interval(interval) == text

"""How figures are written for the learner."""

from __future__ import annotations

import pytest

from quizapp.stats.text import bar, duration, percent


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

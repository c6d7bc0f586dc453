"""Checking the options picked on a choice card, and the grade it suggests."""

from __future__ import annotations

from quizapp.judge import check_choice


def test_check_choice() -> None:
    assert check_choice([1], [1]) == (True, 4)
    assert check_choice([0], [1]) == (False, 1)
    assert check_choice([2, 0], [0, 2]) == (True, 4)
    assert check_choice([0], [0, 2]) == (False, 1)

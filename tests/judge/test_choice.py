"""Checking the options picked on a choice card, and the grade (SM-2's) its mark suggests."""

from __future__ import annotations

from quizapp.judge import check_choice
from quizapp.scheduling.sm2 import SM2Scheduler

#: The suggested grades are SM-2's, from the mark each check gives.
SM2 = SM2Scheduler()


def test_check_choice() -> None:
    def checked(picked: list[int], correct: list[int]) -> tuple[bool, int]:
        right, mark = check_choice(picked, correct)
        return right, SM2.suggested(mark)

    assert checked([1], [1]) == (True, 4)
    assert checked([0], [1]) == (False, 1)
    assert checked([2, 0], [0, 2]) == (True, 4)
    assert checked([0], [0, 2]) == (False, 1)

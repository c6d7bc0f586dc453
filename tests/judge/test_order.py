"""The shuffle an order card is asked in, and checking the order given back."""

from __future__ import annotations

import pytest

from quizapp.judge import check_order, shuffled_order
from quizapp.scheduling.sm2 import SM2Scheduler

#: The suggested grades are SM-2's, from the mark each check gives.
SM2 = SM2Scheduler()


def test_shuffle_is_stable_and_never_the_right_order() -> None:
    for key in ("a", "b", "c", "deck/card", "x#reverse"):
        order = shuffled_order(["w", "x", "y", "z"], key)
        assert sorted(order) == [0, 1, 2, 3]
        assert order != [0, 1, 2, 3]
        assert order == shuffled_order(["w", "x", "y", "z"], key)
    assert shuffled_order(["a", "b"], "k") == [1, 0]
    assert shuffled_order(["only"], "k") == [0]


@pytest.mark.parametrize(
    ("order", "in_place", "grade"),
    [
        ([0, 1, 2, 3], [True, True, True, True], 4),
        ([0, 1, 3, 2], [True, True, False, False], 3),
        ([1, 0, 3, 2], [False, False, False, False], 1),
    ],
)
def test_check_order(order: list[int], in_place: list[bool], grade: int) -> None:
    places, mark = check_order(order)
    assert (places, SM2.suggested(mark)) == (in_place, grade)

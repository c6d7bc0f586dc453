"""A choice card: the order its options are shown in, and checking the options picked (with
the grade, SM-2's, its mark suggests)."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest

from quizapp.judge import check_choice, choice_order
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


# --- the order options are shown in --------------------------------------------------------------

KEYS = [f"deck/card-{i}" for i in range(10_000)]


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 6, 9])
def test_an_order_is_a_permutation(n: int) -> None:
    for key in KEYS[:200]:
        for showing in range(5):
            assert sorted(choice_order(key, n, showing)) == list(range(n))


def test_an_order_is_stable_for_one_card_and_showing() -> None:
    # Written out once: the order must not change between runs, machines or Python versions
    # (blake2b, not Python's salted hash or random's generator).
    assert [choice_order("optimizers/epsilon-role", 4, s) for s in range(4)] == GOLDEN
    assert choice_order("k", 5, 3) == choice_order("k", 5, 3)


GOLDEN = [[0, 1, 3, 2], [0, 2, 3, 1], [0, 2, 1, 3], [1, 3, 2, 0]]


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_the_order_changes_from_one_showing_to_the_next(n: int) -> None:
    for key in KEYS[:500]:
        orders = [choice_order(key, n, showing) for showing in range(12)]
        assert all(a != b for a, b in pairwise(orders)), key


@pytest.mark.parametrize("showing", [0, 1, 2, 7])
@pytest.mark.parametrize("n", [2, 3, 4, 6])
def test_every_position_is_as_likely_over_10000_cards(n: int, showing: int) -> None:
    # Where the first option (the right one in most hand-written cards) lands: 1/n each,
    # within 2 percentage points (about 4.5 standard deviations at 10,000 cards).
    counts = Counter(choice_order(key, n, showing).index(0) for key in KEYS)
    assert set(counts) == set(range(n))
    for position in range(n):
        assert abs(counts[position] / len(KEYS) - 1 / n) < 0.02, (position, counts)


@pytest.mark.parametrize("showing", [0, 1])
def test_every_ordering_is_as_likely(showing: int) -> None:
    counts = Counter(tuple(choice_order(key, 3, showing)) for key in KEYS)
    assert len(counts) == 6
    assert all(abs(count / len(KEYS) - 1 / 6) < 0.02 for count in counts.values()), counts


def test_one_cards_right_option_moves_over_its_showings() -> None:
    # One card asked 4,000 times: its right option stands at each of 4 places about as often.
    counts = Counter(choice_order("ensembles/bagging-reduces", 4, s).index(1) for s in range(4000))
    assert all(abs(count / 4000 - 1 / 4) < 0.03 for count in counts.values()), counts


def test_a_negative_showing_is_refused() -> None:
    with pytest.raises(ValueError, match="must be >= 0"):
        choice_order("k", 3, -1)

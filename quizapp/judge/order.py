"""An `order` card's items: the shuffle they are asked in, and checking the order given back."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence

from quizapp.scheduling.base import Mark


def shuffled_order(items: Sequence[str], key: str) -> list[int]:
    """A shuffle of the item positions that differs from the right order, the same for one key.

    Seeded by a hash of the prompt key (not Python's salted `hash`), so a card is shuffled the
    same way on every run and in the snapshot tests.
    """
    n = len(items)
    if n < 2:
        return list(range(n))
    seed = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")
    order = list(range(n))
    random.Random(seed).shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]  # asking in the right order would give the answer away
    return order


def check_order(order: Sequence[int]) -> tuple[list[bool], Mark]:
    """Which positions hold the right item (positions are indexes into the right order).

    All in place is right, at least half partly right, fewer wrong.
    """
    in_place = [item == position for position, item in enumerate(order)]
    count = sum(in_place)
    if count == len(order):
        mark = Mark.RIGHT
    elif count * 2 >= len(order):
        mark = Mark.PARTLY
    else:
        mark = Mark.WRONG
    return in_place, mark

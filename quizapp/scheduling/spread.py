"""Taking siblings apart: a plan in which no prompt follows one of its own card."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

T = TypeVar("T")


def spread(items: Sequence[T], group: Callable[[T], Hashable], after: Hashable = None) -> list[T]:
    """`items` in their order, except that no item follows one of its own group (nor the first
    one `after`, the group of what comes before them) while a later item can come between.

    An item that would follow its own group waits for the next item of another group to go
    first; the rest keep their order. So siblings planned back to back are taken apart by the
    next prompt of another card, and only a plan ending in nothing but siblings keeps them
    together. One pass (plans of tens of thousands of prompts are spread in milliseconds).
    """
    result: list[T] = []
    waiting: deque[tuple[T, Hashable]] = deque()
    previous = after
    for item in items:
        while waiting and waiting[0][1] != previous:
            held, previous = waiting.popleft()
            result.append(held)
        mine = group(item)
        if mine == previous:
            waiting.append((item, mine))
        else:
            result.append(item)
            previous = mine
    while waiting and waiting[0][1] != previous:
        held, previous = waiting.popleft()
        result.append(held)
    result.extend(held for held, _group in waiting)
    return result

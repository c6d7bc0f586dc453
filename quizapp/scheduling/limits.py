"""The daily limits of a study queue: new prompts per deck, reviews over all decks and per deck,
less what was already done today; and picking the due prompts that fit them."""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

K = TypeVar("K")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Limits:
    """Daily limits (the learner's `Config.new_per_deck` and `Config.reviews_per_day`)."""

    #: New prompts introduced per deck per study day.
    new_per_deck: int = 20
    #: Due prompts reviewed per study day, all decks together (repeats do not count).
    reviews_per_day: int = 200
    #: A deck's own new prompts a day, over `new_per_deck`.
    deck_new: Mapping[str, int] = field(default_factory=dict)
    #: A deck's own reviews a day (within `reviews_per_day` over all decks).
    deck_reviews: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        limits = (self.new_per_deck, self.reviews_per_day, *self.deck_new.values())
        if min(limits) < 0 or any(v < 0 for v in self.deck_reviews.values()):
            raise ValueError(f"daily limits must not be negative: {self}")

    def new_of(self, deck: str) -> int:
        """New prompts a day in `deck`."""
        return self.deck_new.get(deck, self.new_per_deck)


@dataclass(frozen=True, slots=True)
class DoneToday:
    """What the learner already did this study day, which the limits subtract.

    Count first answers only: a new prompt answered for the first time counts in `new_by_deck`,
    a due prompt's answer in `reviews`; repeats count in neither.
    """

    new_by_deck: Mapping[str, int] = field(default_factory=dict)
    reviews: int = 0
    #: `reviews` per deck (for the decks' own review limits).
    reviews_by_deck: Mapping[str, int] = field(default_factory=dict)


def within_deck_limits(
    due: list[tuple[date, int, str, int, int, K]], room: int, limits: Limits, done: DoneToday
) -> list[tuple[date, int, str, int, int, K]]:
    """The due prompts in queue order, as many as `room` allows and each deck's own limit."""
    left = {
        deck: max(0, cap - done.reviews_by_deck.get(deck, 0))
        for deck, cap in limits.deck_reviews.items()
    }
    chosen: list[tuple[date, int, str, int, int, K]] = []
    for item in sorted(due):
        if len(chosen) >= room:
            break
        deck = item[2]
        if deck in left:
            if left[deck] <= 0:
                continue
            left[deck] -= 1
        chosen.append(item)
    return chosen


def smallest(count: int, items: list[T]) -> list[T]:
    """The `count` smallest items, in order: a heap when few are wanted, else a plain sort."""
    if count * 8 < len(items):
        return heapq.nsmallest(count, items)  # type: ignore[type-var]
    return sorted(items)[:count]  # type: ignore[type-var]

"""Decks built in memory and a fixed clock, shared by the store and session tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from quizapp.clock import FixedClock
from quizapp.model import Card, CardKind, Deck, ExerciseSpec

#: The learner's zone in these tests: UTC+01:00, so local and UTC dates differ near midnight.
ZONE = timezone(timedelta(hours=1))


def clock_at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> FixedClock:
    return FixedClock(datetime(year, month, day, hour, minute, tzinfo=ZONE))


def basic(card_id: str, front: str | None = None, line: int = 0) -> Card:
    return Card(
        id=card_id, kind=CardKind.BASIC, front=front or f"front of {card_id}", back="b", line=line
    )


def deck(
    deck_id: str,
    cards: tuple[Card, ...] | int,
    *,
    content_hash: str | None = None,
    tags: tuple[str, ...] = (),
) -> Deck:
    """A deck of the given cards, or of that many basic cards named c0, c1, ..."""
    if isinstance(cards, int):
        cards = tuple(basic(f"c{i}", line=i + 1) for i in range(cards))
    return Deck(
        id=deck_id,
        title=f"Deck {deck_id}",
        cards=cards,
        tags=tags,
        path=f"{deck_id}.yaml",
        content_hash=content_hash or f"hash-of-{deck_id}-{len(cards)}",
    )


def exercise(card_id: str) -> Card:
    spec = ExerciseSpec(generator="adam_step", params={"t": 1}, ask=("m",))
    return Card(id=card_id, kind=CardKind.EXERCISE, front="One Adam step.", exercise=spec)

"""The predicted chance of recall now, for the cards whose scheduler predicts one (FSRS's
retrievability): averaged over all of them and per deck."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RecallSummary:
    """The mean predicted recall of the cards that have one, overall and per deck."""

    cards: int
    mean: float
    #: deck id -> (cards, mean recall), in the order first met.
    decks: dict[str, tuple[int, float]] = field(default_factory=dict)


def summarise(values: Iterable[tuple[str, float]]) -> RecallSummary | None:
    """The summary of (deck id, predicted recall) pairs; None when there are none."""
    totals: dict[str, list[float]] = {}
    for deck, value in values:
        totals.setdefault(deck, []).append(value)
    count = sum(len(v) for v in totals.values())
    if not count:
        return None
    mean = sum(sum(v) for v in totals.values()) / count
    return RecallSummary(
        cards=count,
        mean=mean,
        decks={deck: (len(v), sum(v) / len(v)) for deck, v in totals.items()},
    )

"""The cards as they stand: states and mastery per deck, the spread of the scheduler's measure
(SM-2's E-Factor), the hardest cards.

Card states (each card is in exactly one):
- *suspended*: set aside by the learner (whatever its progress);
- *new*: never answered;
- *learning*: answered, but with no successful review in a row (failed its first answers, or
  lapsed);
- *young*: learned, interval under `mature_days` (21 by default);
- *mature*: learned, interval of `mature_days` or more.

*Mastery* of a deck is the mean, over its cards that are not suspended, of how far each card's
interval has come towards maturity: min(interval, mature_days) / mature_days for learned cards,
0 for new and learning ones. A deck whose every card is mature has mastery 1.0.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

import numpy as np

from quizapp.scheduling.base import CardMeasure
from quizapp.stats.history import CardTable, IntArray

STATES: tuple[str, ...] = ("new", "learning", "young", "mature", "suspended")
#: A value this close under a bin's edge is on the edge (2.5 - 1.3 is 11.999... tenths in binary
#: floats, and 2.5 belongs in [2.5, 2.6)).
_EDGE = 1e-6


def card_states(cards: CardTable, mature_days: int = 21) -> IntArray:
    """Each card's state as an index into `STATES`."""
    learned = ~cards.new & (cards.repetitions > 0)
    state = np.zeros(len(cards), dtype=np.int64)  # new
    state[~cards.new & ~learned] = 1
    state[learned & (cards.interval < mature_days)] = 2
    state[learned & (cards.interval >= mature_days)] = 3
    state[cards.suspended] = 4
    return state


@dataclass(frozen=True, slots=True)
class DeckStates:
    """Per deck (rows follow `CardTable.decks`): cards in each state, total, and mastery."""

    counts: IntArray  # shape (decks, len(STATES))
    total: IntArray
    #: None for a deck with no card that is not suspended.
    mastery: tuple[float | None, ...]


def deck_states(cards: CardTable, mature_days: int = 21) -> DeckStates:
    n_decks = len(cards.decks)
    state = card_states(cards, mature_days)
    flat = np.bincount(cards.deck * len(STATES) + state, minlength=n_decks * len(STATES))
    counts = flat.reshape(n_decks, len(STATES)).astype(np.int64)
    learned = (state == 2) | (state == 3)
    progress = np.where(learned, np.minimum(cards.interval, mature_days) / mature_days, 0.0)
    studied = state != 4
    sums = np.bincount(cards.deck[studied], weights=progress[studied], minlength=n_decks)
    sizes = np.bincount(cards.deck[studied], minlength=n_decks)
    mastery = tuple(float(s / n) if n else None for s, n in zip(sums, sizes, strict=True))
    return DeckStates(counts=counts, total=counts.sum(axis=1), mastery=mastery)


@dataclass(frozen=True, slots=True)
class MeasureHistogram:
    """Answered cards per bin of the measure: bin i holds [low[i], low[i] + width), the last
    bin is open-ended."""

    measure: CardMeasure
    low: tuple[float, ...]
    cards: IntArray
    mean: float | None
    median: float | None


def measure_histogram(cards: CardTable, measure: CardMeasure) -> MeasureHistogram:
    """The spread of the measure over answered cards (a never-answered card's value means
    nothing); bins `measure.width` wide from `measure.low`, the last from `measure.top` up."""
    values = cards.measure[~cards.new]
    n_bins = round((measure.top - measure.low) / measure.width) + 1
    steps = np.floor((values - measure.low) / measure.width + _EDGE).astype(np.int64)
    bins = np.clip(steps, 0, n_bins - 1)
    counts = np.bincount(bins, minlength=n_bins).astype(np.int64)
    low = tuple(round(measure.low + i * measure.width, 6) for i in range(n_bins))
    if values.size == 0:
        return MeasureHistogram(measure=measure, low=low, cards=counts, mean=None, median=None)
    return MeasureHistogram(
        measure=measure,
        low=low,
        cards=counts,
        mean=float(values.mean()),
        median=float(np.median(values)),
    )


@dataclass(frozen=True, slots=True)
class HardCard:
    deck: str
    key: str
    path: str
    line: int
    #: The card's value of the scheduler's measure.
    measure: float
    lapses: int
    leech: bool
    suspended: bool

    @property
    def where(self) -> str:
        """The deck file's name and the card's line ("optimizers.yaml:97"): short enough for a
        table at 80 columns, and the line to open (the whole path is `path`)."""
        name = PurePath(self.path).name if self.path else self.deck
        return f"{name}:{self.line}" if self.line else name


def hardest_cards(
    cards: CardTable, measure: CardMeasure, limit: int = 20, leech_lapses: int = 8
) -> list[HardCard]:
    """The answered cards that gave the most trouble: most lapses first, then lowest measure.

    Cards with no lapse and a measure of `measure.trouble_below` or more are no trouble and
    never listed.
    """
    trouble = ~cards.new & ((cards.lapses > 0) | (cards.measure < measure.trouble_below))
    rows = np.flatnonzero(trouble)
    # lexsort sorts by its last key first: lapses (descending), then measure, then row.
    order = np.lexsort((rows, cards.measure[rows], -cards.lapses[rows]))[:limit]
    picked = rows[order]
    return [
        HardCard(
            deck=cards.decks[int(cards.deck[i])],
            key=cards.key[i],
            path=cards.path[i],
            line=int(cards.line[i]),
            measure=float(cards.measure[i]),
            lapses=int(cards.lapses[i]),
            leech=bool(cards.lapses[i] >= leech_lapses),
            suspended=bool(cards.suspended[i]),
        )
        for i in picked
    ]


def leech_count(cards: CardTable, leech_lapses: int = 8) -> int:
    return int(np.count_nonzero(cards.lapses >= leech_lapses))

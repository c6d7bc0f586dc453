"""The cards as they stand: states and mastery per deck, the easiness spread, the hardest cards.

Card states (each card is in exactly one):
- *suspended*: set aside by the learner (whatever its progress);
- *new*: never answered;
- *learning*: answered, but its SM-2 repetitions are 0 (failed its first answers, or lapsed);
- *young*: learned, interval under `mature_days` (21 by default);
- *mature*: learned, interval of `mature_days` or more.

*Mastery* of a deck is the mean, over its cards that are not suspended, of how far each card's
interval has come towards maturity: min(interval, mature_days) / mature_days for learned cards,
0 for new and learning ones. A deck whose every card is mature has mastery 1.0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from quizapp.stats.history import CardTable, IntArray

STATES: tuple[str, ...] = ("new", "learning", "young", "mature", "suspended")
#: SM-2's lowest easiness; the histogram's first bin starts here.
MIN_EASINESS = 1.3
#: The histogram's bins are this wide (in easiness) ...
EASINESS_BIN = 0.1
#: ... and the last one holds everything from this easiness up.
EASINESS_TOP = 3.0


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
class EasinessHistogram:
    """Answered cards per easiness bin: bin i holds [low[i], low[i] + 0.1), the last is open."""

    low: tuple[float, ...]
    cards: IntArray
    mean: float | None
    median: float | None


def easiness_histogram(cards: CardTable) -> EasinessHistogram:
    """The spread of easiness over answered cards (a never-answered card's 2.5 means nothing)."""
    easiness = cards.easiness[~cards.new]
    n_bins = round((EASINESS_TOP - MIN_EASINESS) / EASINESS_BIN) + 1
    # Work in hundredths: SM-2 moves easiness in steps of 0.01, and 2.5 must land in [2.5, 2.6).
    hundredths = np.rint(easiness * 100).astype(np.int64)
    bins = np.clip((hundredths - 130) // 10, 0, n_bins - 1)
    counts = np.bincount(bins, minlength=n_bins).astype(np.int64)
    low = tuple(round(MIN_EASINESS + i * EASINESS_BIN, 2) for i in range(n_bins))
    if easiness.size == 0:
        return EasinessHistogram(low=low, cards=counts, mean=None, median=None)
    return EasinessHistogram(
        low=low, cards=counts, mean=float(easiness.mean()), median=float(np.median(easiness))
    )


@dataclass(frozen=True, slots=True)
class HardCard:
    deck: str
    key: str
    path: str
    line: int
    easiness: float
    lapses: int
    leech: bool
    suspended: bool


def hardest_cards(cards: CardTable, limit: int = 20, leech_lapses: int = 8) -> list[HardCard]:
    """The answered cards that gave the most trouble: most lapses first, then lowest easiness.

    Cards with no lapse and an easiness of 2.5 or more are no trouble and never listed.
    """
    trouble = ~cards.new & ((cards.lapses > 0) | (cards.easiness < 2.5))
    rows = np.flatnonzero(trouble)
    # lexsort sorts by its last key first: lapses (descending), then easiness, then row.
    order = np.lexsort((rows, cards.easiness[rows], -cards.lapses[rows]))[:limit]
    picked = rows[order]
    return [
        HardCard(
            deck=cards.decks[int(cards.deck[i])],
            key=cards.key[i],
            path=cards.path[i],
            line=int(cards.line[i]),
            easiness=float(cards.easiness[i]),
            lapses=int(cards.lapses[i]),
            leech=bool(cards.lapses[i] >= leech_lapses),
            suspended=bool(cards.suspended[i]),
        )
        for i in picked
    ]


def leech_count(cards: CardTable, leech_lapses: int = 8) -> int:
    return int(np.count_nonzero(cards.lapses >= leech_lapses))

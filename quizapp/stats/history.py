"""The statistics' input: the review log and the cards' current states, as numpy columns.

The store reads these columns once (quizapp.store.stats_queries); everything in quizapp.stats is
then plain array arithmetic over them. Days are whole numbers: days since 1970-01-01 of the
learner's *study* day (which starts at the rollover hour, see `quizapp.stats.days`).
"""

from __future__ import annotations

from collections.abc import Sequence, Sized
from dataclasses import dataclass, fields, replace

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: `ReviewLog.kind` of an answer given while the card was being learned: a new card, or one
#: whose repetitions started again after a lapse (no successful review in a row before it).
LEARNING = 0
#: `ReviewLog.kind` of an answer to a card that had been learned (one or more successful reviews
#: in a row before it): only these count for retention, as first-time learning says nothing
#: about memory.
REVIEW = 1
#: `ReviewLog.kind` of a repeat in the same session (SM-2's step 7): an answer (and time spent)
#: like any other, but never counted for retention, as it re-asks a card just answered.
REPEAT = 2


def _ints(values: npt.ArrayLike) -> IntArray:
    return np.asarray(values, dtype=np.int64)


@dataclass(frozen=True, slots=True)
class ReviewLog:
    """Every answer, one row per index, in any order; all columns have the same length."""

    #: Index of the answered card in `CardTable` (its row number).
    card: IntArray
    #: Study day of the answer (days since 1970-01-01).
    day: IntArray
    #: The rating as given, on its scheduler's scale (SM-2: 0..5).
    grade: IntArray
    #: Whether the scheduler counts that rating as recalled.
    passed: BoolArray
    #: Time the learner took to answer, in milliseconds.
    response_ms: IntArray
    #: `LEARNING`, `REVIEW` or `REPEAT`.
    kind: IntArray
    #: The card's interval (days) before the answer: the spacing this answer tested.
    interval_before: IntArray
    #: The study day this answer made the card due on (the interval capped as the session caps it).
    due_after: IntArray

    def __post_init__(self) -> None:
        lengths = {len(getattr(self, f.name)) for f in fields(self)}
        if self.passed.dtype != np.bool_:
            raise ValueError("ReviewLog.passed must be a boolean column")
        if len(lengths) > 1:
            raise ValueError(f"ReviewLog columns differ in length: {sorted(lengths)}")

    @classmethod
    def build(
        cls,
        *,
        card: npt.ArrayLike,
        day: npt.ArrayLike,
        grade: npt.ArrayLike,
        passed: npt.ArrayLike,
        response_ms: npt.ArrayLike,
        kind: npt.ArrayLike,
        interval_before: npt.ArrayLike,
        due_after: npt.ArrayLike,
    ) -> ReviewLog:
        """A log from any array-likes (lists in tests), converted to int64 (and bool) columns."""
        return cls(
            card=_ints(card),
            day=_ints(day),
            grade=_ints(grade),
            passed=np.asarray(passed, dtype=np.bool_),
            response_ms=_ints(response_ms),
            kind=_ints(kind),
            interval_before=_ints(interval_before),
            due_after=_ints(due_after),
        )

    @classmethod
    def empty(cls) -> ReviewLog:
        return cls.build(
            card=[],
            day=[],
            grade=[],
            passed=[],
            response_ms=[],
            kind=[],
            interval_before=[],
            due_after=[],
        )

    def __len__(self) -> int:
        return len(self.card)

    def select(self, mask: BoolArray) -> ReviewLog:
        """The answers where `mask` is true."""
        return ReviewLog(**{f.name: getattr(self, f.name)[mask] for f in fields(self)})


@dataclass(frozen=True, slots=True)
class CardTable:
    """Every card (one row per prompt: deck id + card key) with its current scheduling state.

    `decks` lists the deck ids; `deck` holds each card's index into it. `key`, `path` and
    `line` name the card for the learner (hardest cards are shown with their file and line).
    """

    decks: tuple[str, ...]
    deck: IntArray
    key: tuple[str, ...]
    #: The deck file the card is in, and the 1-based line of its entry (0 when unknown).
    path: tuple[str, ...]
    line: IntArray
    #: True for a card never answered.
    new: BoolArray
    #: Successful reviews in a row (0: new, or learning again after a lapse).
    repetitions: IntArray
    interval: IntArray
    #: The scheduler's measure of each card (`quizapp.scheduling.base.CardMeasure`: SM-2's
    #: E-Factor).
    measure: FloatArray
    lapses: IntArray
    #: Study day the card is due on (meaningless for new cards).
    due: IntArray
    suspended: BoolArray
    #: Each deck's title, by deck index ("" when unknown).
    deck_titles: tuple[str, ...] = ()
    #: Each deck's file, by deck index.
    deck_paths: tuple[str, ...] = ()
    #: True for a card no longer in its deck file: its answers still count as history, but it
    #: is left out of card states, forecast and hardest cards. None: no card is removed.
    removed: BoolArray | None = None

    def __post_init__(self) -> None:
        n = len(self.deck)
        columns: list[Sized] = [self.key, self.path, self.line, self.new, self.repetitions]
        columns += [self.interval, self.measure, self.lapses, self.due, self.suspended]
        if self.removed is not None:
            columns.append(self.removed)
        if any(len(c) != n for c in columns):
            raise ValueError("CardTable columns differ in length")

    @classmethod
    def build(
        cls,
        *,
        decks: Sequence[str],
        deck: npt.ArrayLike,
        key: Sequence[str],
        new: npt.ArrayLike,
        repetitions: npt.ArrayLike,
        interval: npt.ArrayLike,
        measure: npt.ArrayLike,
        lapses: npt.ArrayLike,
        due: npt.ArrayLike,
        suspended: npt.ArrayLike,
        path: Sequence[str] | None = None,
        line: npt.ArrayLike | None = None,
        deck_titles: Sequence[str] = (),
        deck_paths: Sequence[str] = (),
        removed: npt.ArrayLike | None = None,
    ) -> CardTable:
        """A table from any array-likes (lists in tests)."""
        n = len(key)
        return cls(
            decks=tuple(decks),
            deck=_ints(deck),
            key=tuple(key),
            path=tuple(path) if path is not None else ("",) * n,
            line=_ints(line) if line is not None else np.zeros(n, dtype=np.int64),
            new=np.asarray(new, dtype=np.bool_),
            repetitions=_ints(repetitions),
            interval=_ints(interval),
            measure=np.asarray(measure, dtype=np.float64),
            lapses=_ints(lapses),
            due=_ints(due),
            suspended=np.asarray(suspended, dtype=np.bool_),
            deck_titles=tuple(deck_titles),
            deck_paths=tuple(deck_paths),
            removed=np.asarray(removed, dtype=np.bool_) if removed is not None else None,
        )

    @classmethod
    def empty(cls) -> CardTable:
        """No deck, no card: the table of a store where nothing was studied yet."""
        none: list[int] = []
        return cls.build(
            decks=[],
            deck=none,
            key=[],
            new=none,
            repetitions=none,
            interval=none,
            measure=none,
            lapses=none,
            due=none,
            suspended=none,
        )

    def __len__(self) -> int:
        return len(self.deck)

    def select(self, mask: BoolArray) -> CardTable:
        """The cards where `mask` is true (decks keep their indexes)."""
        picked = np.flatnonzero(mask)
        return replace(
            self,
            deck=self.deck[mask],
            key=tuple(self.key[i] for i in picked),
            path=tuple(self.path[i] for i in picked),
            line=self.line[mask],
            new=self.new[mask],
            repetitions=self.repetitions[mask],
            interval=self.interval[mask],
            measure=self.measure[mask],
            lapses=self.lapses[mask],
            due=self.due[mask],
            suspended=self.suspended[mask],
            removed=self.removed[mask] if self.removed is not None else None,
        )

    def present(self) -> BoolArray:
        """True for the cards still in their deck files."""
        if self.removed is None:
            return np.ones(len(self), dtype=np.bool_)
        return ~self.removed


def restrict(
    log: ReviewLog, cards: CardTable, card_mask: BoolArray, *, since_day: int | None = None
) -> tuple[ReviewLog, CardTable]:
    """Keep the cards where `card_mask` is true, their answers, and answers from `since_day` on.

    The kept answers' `card` indexes are renumbered to point into the smaller card table.
    """
    card_mask = np.asarray(card_mask, dtype=np.bool_)
    renumber = np.cumsum(card_mask, dtype=np.int64) - 1
    keep = card_mask[log.card] if len(log) else np.zeros(0, dtype=np.bool_)
    if since_day is not None:
        keep &= log.day >= since_day
    kept = log.select(keep)
    kept = replace(kept, card=renumber[kept.card])
    return kept, cards.select(card_mask)

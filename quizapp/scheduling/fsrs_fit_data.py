"""A review log as the FSRS fit sees it: each card's reviews in order, as numpy arrays, with the
days between them, and the training set built from them the way fsrs-rs builds its own.

A review log is an iterable of (card id, aware datetime, rating 1-4). Days are study days: the
calendar day in the learner's zone, starting at the rollover hour (UTC midnight by default), so
two reviews on one study day are 0 days apart and use FSRS-6's short-term stability.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import cast

import numpy as np
from numpy.typing import NDArray

from quizapp.scheduling.days import StudyCalendar

#: A review: (card id, when, rating 1 Again .. 4 Easy).
Review = tuple[str, datetime, int]

#: fsrs-rs drops the reviews of a card past its 256th (TrainingConfig.max_seq_len).
MAX_REVIEWS_PER_CARD = 256
#: fsrs-rs's outlier rule for the first long-term review: drop 5 % (at least 20) of each first
#: rating's reviews, the rarest delays first, and delays seen fewer than 6 times or longer than
#: 100 days (365 after Easy).
_OUTLIER_SHARE = 20
_OUTLIER_MINIMUM = 20
_OUTLIER_GROUP_MINIMUM = 6
_OUTLIER_LONGEST = {1: 100, 2: 100, 3: 100, 4: 365}


class ReviewLogError(ValueError):
    """A review the fit cannot use: the message says which one (0-based) and why."""


@dataclass(frozen=True, slots=True)
class ReviewHistory:
    """Every card's reviews, oldest first, in flat arrays; card `c` has positions
    `starts[c]:starts[c + 1]`.

    `day` is the study day (a day number), `delta_t` the days since the card's previous review
    (0 for its first), `rating` 1-4, `timestamp` POSIX seconds and `source` the review's index
    in the log it was read from.
    """

    card_ids: tuple[str, ...]
    starts: NDArray[np.int64]
    timestamp: NDArray[np.float64]
    day: NDArray[np.int64]
    delta_t: NDArray[np.int64]
    rating: NDArray[np.int64]
    source: NDArray[np.int64]

    @property
    def size(self) -> int:
        return int(self.rating.size)

    @property
    def position(self) -> NDArray[np.int64]:
        """Each review's index within its card's reviews (0 for the first)."""
        lengths = np.diff(self.starts)
        return np.arange(self.size, dtype=np.int64) - np.repeat(self.starts[:-1], lengths)

    def before(self, cutoff: float) -> ReviewHistory:
        """The history of the reviews before `cutoff` (POSIX seconds) only."""
        keep = self.timestamp < cutoff
        counts: NDArray[np.int64] = (
            np.add.reduceat(keep.astype(np.int64), self.starts[:-1])
            if self.size
            else np.zeros(0, dtype=np.int64)
        )
        kept_cards = np.flatnonzero(counts > 0)
        starts = np.concatenate(([0], np.cumsum(counts[kept_cards]))).astype(np.int64)
        return ReviewHistory(
            card_ids=tuple(self.card_ids[c] for c in kept_cards),
            starts=starts,
            timestamp=self.timestamp[keep],
            day=self.day[keep],
            delta_t=self.delta_t[keep],
            rating=self.rating[keep],
            source=self.source[keep],
        )


def _checked(index: int, review: object) -> tuple[str, datetime, int]:
    try:
        card_id, reviewed_at, rating = cast("tuple[object, object, object]", review)
    except (TypeError, ValueError):
        raise ReviewLogError(
            f"review {index}: expected (card id, aware datetime, rating 1-4), not {review!r}"
        ) from None
    if not isinstance(card_id, str):
        raise ReviewLogError(f"review {index}: the card id must be a string, not {card_id!r}")
    if not isinstance(reviewed_at, datetime):
        raise ReviewLogError(f"review {index}: the time must be a datetime, not {reviewed_at!r}")
    if reviewed_at.tzinfo is None or reviewed_at.utcoffset() is None:
        raise ReviewLogError(
            f"review {index} (card {card_id!r}): {reviewed_at.isoformat()} is a naive datetime; "
            "give it a time zone (e.g. datetime(..., tzinfo=UTC))"
        )
    if isinstance(rating, bool) or not isinstance(rating, int | np.integer) or not 1 <= rating <= 4:
        raise ReviewLogError(
            f"review {index} (card {card_id!r}): the rating must be 1 (Again), 2 (Hard), "
            f"3 (Good) or 4 (Easy), not {rating!r}"
        )
    return card_id, reviewed_at, int(rating)


def _fast_checked(index: int, review: object) -> tuple[str, datetime, int]:
    """`_checked`, quicker for the common well-formed review (the whole log goes through it)."""
    if type(review) is tuple and len(review) == 3:
        card_id, reviewed_at, rating = review
        if (
            type(card_id) is str
            and type(reviewed_at) is datetime
            and type(rating) is int
            and 1 <= rating <= 4
            and reviewed_at.utcoffset() is not None
        ):
            return review
    return _checked(index, review)


def history_from_reviews(
    reviews: Iterable[Review], *, zone: tzinfo | None = UTC, rollover_hour: int = 0
) -> ReviewHistory:
    """Check every review and arrange them by card, then time (`ReviewLogError` names a bad one).

    Days are counted in `zone` (None: the machine's own, with its daylight-saving rules) from
    `rollover_hour`.

    The order of `reviews` does not matter: cards are taken in the order of their first review
    (then by id), a card's reviews by time (then rating, for two at the same instant).
    """
    calendar = StudyCalendar(rollover_hour=rollover_hour, zone=zone)
    rows = [_fast_checked(index, review) for index, review in enumerate(reviews)]
    ids = sorted({card_id for card_id, _, _ in rows})
    number = {card_id: n for n, card_id in enumerate(ids)}
    card = np.fromiter((number[r[0]] for r in rows), dtype=np.int64, count=len(rows))
    timestamp = np.fromiter((r[1].timestamp() for r in rows), dtype=np.float64, count=len(rows))
    rating = np.fromiter((r[2] for r in rows), dtype=np.int64, count=len(rows))
    day = _study_days(rows, timestamp, calendar)
    # Cards in the order they were first reviewed (then by id): the fit's sums then run in an
    # order that does not depend on what the cards are called.
    first = np.full(len(ids), np.inf)
    np.minimum.at(first, card, timestamp)
    by_first = np.lexsort((np.arange(len(ids)), first))
    renumber = np.empty(len(ids), dtype=np.int64)
    renumber[by_first] = np.arange(len(ids))
    card = renumber[card]
    ids = [ids[int(c)] for c in by_first]
    order = np.lexsort((rating, timestamp, card))
    card, timestamp, rating, day = card[order], timestamp[order], rating[order], day[order]
    starts = np.searchsorted(card, np.arange(len(ids) + 1)).astype(np.int64)
    delta_t = np.diff(day, prepend=day[:1]) if day.size else day.copy()
    delta_t[starts[:-1]] = 0
    return ReviewHistory(
        tuple(ids), starts, timestamp, day, np.maximum(delta_t, 0), rating, order.astype(np.int64)
    )


def _study_days(
    rows: Sequence[tuple[str, datetime, int]],
    timestamp: NDArray[np.float64],
    calendar: StudyCalendar,
) -> NDArray[np.int64]:
    """Each review's study day as a day number (days since 1970-01-01)."""
    zone = calendar.zone
    offset = zone.utcoffset(None) if zone is not None else None
    if offset is not None:
        # A fixed zone (UTC, or a fixed offset): one vectorised floor for the whole log.
        shift = offset - timedelta(hours=calendar.rollover_hour)
        return np.floor((timestamp + shift.total_seconds()) / 86_400).astype(np.int64)
    epoch = datetime(1970, 1, 1, tzinfo=UTC).date().toordinal()
    return np.fromiter(
        (calendar.day_of(r[1]).toordinal() - epoch for r in rows), dtype=np.int64, count=len(rows)
    )


@dataclass(frozen=True, slots=True)
class Batch:
    """A batch of scored reviews, one column each holding its card's reviews up to it, the
    longest first: at review k only the first `active[k]` columns still have a review.
    `weight` is 0 where nothing is scored (everywhere but each column's last review)."""

    delta_t: NDArray[np.float64]  # (reviews, cards)
    rating: NDArray[np.int64]
    label: NDArray[np.float64]
    weight: NDArray[np.float64]
    active: NDArray[np.int64]  # (reviews,)
    predictions: int
    #: What the gradient asks of the ratings at every step, worked out once: G - 3, the
    #: review's kind (same day, a lapse, a recall a day or more on), passed, Hard, Easy, and
    #: the weight with the sign of d(-log likelihood)/dR's numerator.
    offset: NDArray[np.float64] = field(init=False, repr=False)
    same_day: NDArray[np.bool_] = field(init=False, repr=False)
    lapse: NDArray[np.bool_] = field(init=False, repr=False)
    recall: NDArray[np.bool_] = field(init=False, repr=False)
    passed: NDArray[np.bool_] = field(init=False, repr=False)
    hard: NDArray[np.float64] = field(init=False, repr=False)
    easy: NDArray[np.float64] = field(init=False, repr=False)
    recalled: NDArray[np.bool_] = field(init=False, repr=False)
    signed_weight: NDArray[np.float64] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        long_term = self.delta_t > 0
        derived = {
            "offset": (self.rating - 3).astype(np.float64),
            "same_day": ~long_term,
            "lapse": long_term & (self.rating == 1),
            "recall": long_term & (self.rating > 1),
            "passed": self.rating >= 2,
            "hard": (self.rating == 2).astype(np.float64),
            "easy": (self.rating == 4).astype(np.float64),
            "recalled": self.label > 0.5,
            "signed_weight": self.weight * (1.0 - 2.0 * self.label),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)


@dataclass(frozen=True, slots=True)
class TrainingSet:
    """What the fit trains on: the batches, the pretraining's first-review outcomes and counts.

    `first_rating`, `first_delta_t` and `first_label` are each kept card's first long-term review
    (the delay since its first day, and whether it was recalled), as fsrs-rs's pretraining uses.
    """

    batches: tuple[Batch, ...]
    size: int
    average_recall: float
    first_rating: NDArray[np.int64]
    first_delta_t: NDArray[np.int64]
    first_label: NDArray[np.float64]


def _removed_delays(rating: NDArray[np.int64], delta_t: NDArray[np.int64]) -> set[tuple[int, int]]:
    """fsrs-rs's outlier rule: the (first rating, first delay) pairs to leave out."""
    removed: set[tuple[int, int]] = set()
    for first in range(1, 5):
        delays, counts = np.unique(delta_t[rating == first], return_counts=True)
        if not delays.size:
            continue
        total = int(counts.sum())
        # Largest groups first, the longer delay first among equals; removal starts at the end.
        order = sorted(zip(counts.tolist(), delays.tolist(), strict=True), reverse=True)
        removed_so_far = 0
        for count, delay in reversed(order):
            if removed_so_far + count >= max(_OUTLIER_MINIMUM, total // _OUTLIER_SHARE):
                if count < _OUTLIER_GROUP_MINIMUM or delay > _OUTLIER_LONGEST[first]:
                    removed.add((first, delay))
            else:
                removed_so_far += count
                removed.add((first, delay))
    return removed


def training_set(history: ReviewHistory, *, batch_size: int = 512) -> TrainingSet:
    """The scored reviews (those a day or more after the card's previous one), each weighted by
    how recent it is (0.25 for the oldest to 1 for the newest, cubically, as fsrs-rs does), in
    batches of `batch_size` reviews with histories of like length (`_batches`)."""
    position = history.position
    kept = position < MAX_REVIEWS_PER_CARD
    scored = kept & (history.delta_t > 0)
    card_of = np.repeat(np.arange(len(history.card_ids)), np.diff(history.starts))
    # Each card's first scored review (if any): the pretraining's data and the outlier rule.
    scored_index = np.flatnonzero(scored)
    first_cards, first_at = np.unique(card_of[scored_index], return_index=True)
    first_index = scored_index[first_at]
    first_rating = history.rating[history.starts[first_cards]]
    first_delta_t = history.delta_t[first_index]
    removed = _removed_delays(first_rating, first_delta_t)
    keep_card = np.zeros(len(history.card_ids), dtype=bool)
    pair_kept = np.array(
        [(int(r), int(t)) not in removed for r, t in zip(first_rating, first_delta_t, strict=True)],
        dtype=bool,
    )
    keep_card[first_cards[pair_kept]] = True
    scored &= keep_card[card_of]
    labels = (history.rating > 1).astype(np.float64)
    weight = np.zeros(history.size)
    scored_index = np.flatnonzero(scored)
    size = int(scored_index.size)
    if size:
        # Rank by time (ties by card and position): the recency weights.
        rank = np.empty(size, dtype=np.float64)
        rank[np.lexsort((scored_index, history.timestamp[scored_index]))] = np.arange(size)
        weight[scored_index] = 0.25 + 0.75 * (rank / max(size - 1, 1)) ** 3
    batches = _batches(history, scored_index, card_of, labels, weight, batch_size)
    return TrainingSet(
        batches=tuple(batches),
        size=size,
        average_recall=float(labels[scored_index].mean()) if size else 0.0,
        first_rating=first_rating[pair_kept],
        first_delta_t=first_delta_t[pair_kept],
        first_label=labels[first_index[pair_kept]],
    )


def _batches(
    history: ReviewHistory,
    scored_index: NDArray[np.int64],
    card_of: NDArray[np.int64],
    labels: NDArray[np.float64],
    weight: NDArray[np.float64],
    batch_size: int,
) -> list[Batch]:
    """fsrs-rs's batches: the scored reviews ordered by the length of their card's history
    (then by time), `batch_size` at a time, each a column holding its card's reviews up to it
    and scored at its own review only."""
    position = history.position
    order = np.lexsort((weight[scored_index], position[scored_index]))
    items = scored_index[order]
    batches = []
    for begin in range(0, items.size, batch_size):
        chunk = items[begin : begin + batch_size]
        # The longest history first: at review k, the columns still going are a prefix.
        chunk = chunk[np.argsort(-position[chunk], kind="stable")]
        lengths = position[chunk] + 1
        rows = np.arange(int(lengths[0]))[:, None]
        inside = rows < lengths[None, :]
        flat = np.where(inside, history.starts[card_of[chunk]][None, :] + rows, 0)
        last = rows == position[chunk][None, :]
        batches.append(
            Batch(
                delta_t=np.where(inside, history.delta_t[flat], 0).astype(np.float64),
                rating=np.where(inside, history.rating[flat], 3),
                label=np.where(last, labels[flat], 0.0),
                weight=np.where(last, weight[flat], 0.0),
                active=inside.sum(axis=1),
                predictions=int(chunk.size),
            )
        )
    return batches

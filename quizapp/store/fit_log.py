"""The review log as the FSRS fit and its calibration read it: every answer (same-session
repeats left out, as they change no state) with its rating on FSRS's scale, and SM-2's
interval where SM-2 took it.

Answers other schedulers took are carried over through the `Mark` their rating stands for, the
same way switching a deck to FSRS replays them (`scheduler_states`): SM-2's grades 0-2 are
Again, 3 Hard, 4 Good, 5 Easy. `read_recall_predictions` gives what FSRS predicted at each of
its answers, for the stats screen's calibration plot. Each takes a `Session`, never commits.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.store.models import CardRow, ReviewRow

if TYPE_CHECKING:
    from quizapp.scheduling.base import Scheduler


@dataclass(frozen=True, slots=True)
class FitLog:
    """The answers, oldest first per card; `interval` is the interval (days) the answer's
    scheduler set, where it sets whole days (SM-2), else None."""

    card: list[str] = field(default_factory=list)
    deck: list[str] = field(default_factory=list)
    reviewed_at: list[datetime] = field(default_factory=list)
    rating: list[int] = field(default_factory=list)
    scheduler: list[str] = field(default_factory=list)
    interval: list[int | None] = field(default_factory=list)

    def reviews(self) -> list[tuple[str, datetime, int]]:
        """(card, time, FSRS rating): what `fit_parameters` takes."""
        return list(zip(self.card, self.reviewed_at, self.rating, strict=True))


def read_fit_log(db: Session, deck_ids: Collection[str] | None = None) -> FitLog:
    """The answers of the decks `deck_ids` (None: every deck), FSRS ratings and all."""
    from quizapp.scheduling import registry

    fsrs = registry.scheduler_named("fsrs", max_interval_days=1)
    marks: dict[str, Any] = {
        name: registry.scheduler_named(name, max_interval_days=1).mark_of
        for name in registry.names()
    }
    query = (
        select(
            ReviewRow.card_id,
            CardRow.deck_id,
            ReviewRow.reviewed_at,
            ReviewRow.scheduler,
            ReviewRow.grade,
            ReviewRow.state_after,
        )
        .join(CardRow, CardRow.id == ReviewRow.card_id)
        .where(~ReviewRow.repeat)
        .order_by(ReviewRow.card_id, ReviewRow.reviewed_at, ReviewRow.id)
    )
    if deck_ids is not None:
        query = query.where(CardRow.deck_id.in_(list(deck_ids)))
    log = FitLog()
    for card_id, deck_id, reviewed_at, scheduler, grade, state_after in db.execute(query):
        mark_of = marks.get(scheduler)
        if mark_of is None:
            continue  # a scheduler this quizapp does not know
        try:
            rating = fsrs.suggested(mark_of(grade))
        except ValueError:
            continue
        interval = None
        if scheduler == "sm2" and isinstance(state_after, dict):
            value = state_after.get("interval")
            interval = int(value) if isinstance(value, int | float) else None
        log.card.append(str(card_id))
        log.deck.append(deck_id)
        log.reviewed_at.append(reviewed_at)
        log.rating.append(rating)
        log.scheduler.append(scheduler)
        log.interval.append(interval)
    return log


def read_recall_predictions(
    db: Session, deck_ids: Collection[str] | None, schedulers: Callable[[str], Scheduler]
) -> tuple[list[float], list[bool]]:
    """What the deck's scheduler predicted for each answer it took a day or more after the
    card's previous one (from the state the answer found: FSRS's retrievability), and whether
    the card was recalled; only schedulers that predict recall (`predicts_recall`) count."""
    from quizapp.scheduling import registry

    predicting = [
        name
        for name in registry.names()
        if registry.scheduler_named(name, max_interval_days=1).predicts_recall
    ]
    query = (
        select(CardRow.deck_id, ReviewRow.reviewed_at, ReviewRow.scheduler, ReviewRow.grade)
        .add_columns(ReviewRow.state_before)
        .join(CardRow, CardRow.id == ReviewRow.card_id)
        .where(~ReviewRow.repeat, ReviewRow.scheduler.in_(predicting))
    )
    if deck_ids is not None:
        query = query.where(CardRow.deck_id.in_(list(deck_ids)))
    predicted: list[float] = []
    recalled: list[bool] = []
    for deck_id, reviewed_at, name, grade, state_before in db.execute(query):
        scheduler = schedulers(deck_id)
        if scheduler.name != name or not isinstance(state_before, dict):
            continue  # the deck has changed scheduler since: its settings no longer apply
        try:
            value = scheduler.recall(scheduler.state_from_dict(state_before), reviewed_at)
            passed = scheduler.rating(grade).passed
        except ValueError:
            continue
        # Within a day of the previous answer FSRS predicts 1: a learning step, not a review.
        if value is not None and value < 1.0:
            predicted.append(value)
            recalled.append(passed)
    return predicted, recalled

"""The review log as the FSRS fit reads it: every answer (same-session repeats left out, as they
change no state) with its rating on FSRS's scale, and SM-2's interval where SM-2 took it.

Answers other schedulers took are carried over through the `Mark` their rating stands for, the
same way switching a deck to FSRS replays them (`scheduler_states`): SM-2's grades 0-2 are
Again, 3 Hard, 4 Good, 5 Easy. Takes a `Session` and never commits.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.store.models import CardRow, ReviewRow


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

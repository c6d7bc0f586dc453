"""One prompt's history, as the browser's card pane shows it: when it was added and every
answer in the review log, oldest first (one indexed read of `reviews.card_id`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from quizapp.store.models import CardRow, ReviewRow

_cards = cast(Table, CardRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)


@dataclass(frozen=True, slots=True)
class LoggedReview:
    """One answer of the review log."""

    reviewed_at: datetime
    grade: int
    response_ms: int
    scheduler: str
    #: The scheduler's state after the answer (its interval, ease or stability/difficulty).
    state_after: dict[str, Any]
    #: An SM-2 same-day repeat: the state was left as it was.
    repeat: bool


@dataclass(frozen=True, slots=True)
class CardHistory:
    #: When the card was first synced from its deck file.
    added: datetime | None
    reviews: tuple[LoggedReview, ...]


def card_history(db: Session, card_id: int) -> CardHistory:
    """The prompt's added instant and its answers, oldest first."""
    added = db.execute(select(_cards.c.created).where(_cards.c.id == card_id)).scalar()
    rows = db.execute(
        select(
            _reviews.c.reviewed_at,
            _reviews.c.grade,
            _reviews.c.response_ms,
            _reviews.c.scheduler,
            _reviews.c.state_after,
            _reviews.c.repeat,
        )
        .where(_reviews.c.card_id == card_id)
        .order_by(_reviews.c.reviewed_at, _reviews.c.id)
    )
    reviews = tuple(
        LoggedReview(at, grade, ms, scheduler, dict(after or {}), bool(repeat))
        for at, grade, ms, scheduler, after, repeat in rows
    )
    return CardHistory(added, reviews)

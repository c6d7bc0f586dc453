"""What the browser's card pane shows of one prompt: its row, when it was added, every answer
in its history, its scheduler state now, and for a scheduler that predicts one (FSRS) the
chance of recalling it now."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.session.browse import SearchRow
    from quizapp.session.collection import Collection
    from quizapp.store.card_history import LoggedReview
    from quizapp.store.records import StateRecord


@dataclass(frozen=True, slots=True)
class CardInfo:
    row: SearchRow
    #: When the card was first read from its deck file.
    added: datetime | None
    #: Every answer, oldest first.
    reviews: tuple[LoggedReview, ...]
    #: The scheduler's state row now.
    state: StateRecord
    #: The scheduler as the learner reads it ("SM-2", "FSRS").
    scheduler_title: str
    #: The predicted chance of recall now (None: new, or a scheduler without one).
    recall_now: float | None
    #: The labels of the deck's scheduler's ratings, by (scheduler name, value).
    labels: Mapping[tuple[str, int], str]

    @property
    def first_review(self) -> datetime | None:
        return self.reviews[0].reviewed_at if self.reviews else None

    @property
    def last_review(self) -> datetime | None:
        return self.reviews[-1].reviewed_at if self.reviews else None


def card_info(collection: Collection, row: SearchRow) -> CardInfo:
    """The card pane's figures of `row`, read now."""
    history = collection.store.card_history(row.card_id)
    state = collection.store.state(row.card_id)
    scheduler = collection.schedulers(row.deck_id)
    recall = None
    if scheduler.predicts_recall and scheduler.name == state.scheduler and state.due_at:
        recall = scheduler.recall(scheduler.state_from_dict(state.state), collection.clock.now())
    title = scheduler.title if scheduler.name == state.scheduler else state.scheduler
    labels = {(scheduler.name, rating.value): rating.label for rating in scheduler.ratings}
    return CardInfo(row, history.added, history.reviews, state, title, recall, labels)

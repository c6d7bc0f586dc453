"""The prompts a search selects, one row each (a reverse card's two directions are two rows),
with the scheduling columns the card list shows, read in one statement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from quizapp.search import ast as q
from quizapp.store.card_texts import LEECH_TAG
from quizapp.store.models import CardRow, CardStateRow, CardTagRow, CardTextRow, ReviewRow
from quizapp.store.search_sql import SearchContext, condition, searched

_cards = cast(Table, CardRow.__table__)
_states = cast(Table, CardStateRow.__table__)
_texts = cast(Table, CardTextRow.__table__)
_tags = cast(Table, CardTagRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)


@dataclass(frozen=True, slots=True)
class ListedCard:
    """One prompt as the store knows it (its text and tags are the deck's: see the session)."""

    card_id: int
    deck_id: str
    key: str
    kind: str
    path: str
    line: int
    #: None while new.
    due_at: datetime | None
    interval: int
    lapses: int
    suspended: bool
    buried_until: date | None
    #: Answers in the review log (repeats and cram answers included).
    reviews: int
    leech: bool


def list_cards(db: Session, node: q.Node, context: SearchContext) -> list[ListedCard]:
    """The prompts matching `node`, by deck, then file line, then key."""
    reviews = (
        select(func.count())
        .select_from(_reviews)
        .where(_reviews.c.card_id == _cards.c.id)
        .scalar_subquery()
    )
    leech = (
        select(_tags.c.card_id)
        .where(_tags.c.card_id == _cards.c.id, _tags.c.tag == LEECH_TAG)
        .exists()
    )
    statement = (
        select(
            _cards.c.id,
            _cards.c.deck_id,
            _cards.c.key,
            _cards.c.kind,
            _cards.c.path,
            _cards.c.line,
            _states.c.due_at,
            _states.c.interval,
            _states.c.lapses,
            _states.c.suspended,
            _states.c.buried_until,
            reviews,
            leech,
        )
        .select_from(
            _cards.join(_states, _states.c.card_id == _cards.c.id).outerjoin(
                _texts, _texts.c.card_id == _cards.c.id
            )
        )
        .where(searched(context.deck_ids), condition(node, context))
        .order_by(_cards.c.deck_id, _cards.c.line, _cards.c.key)
    )
    return [
        ListedCard(
            card_id=row[0],
            deck_id=row[1],
            key=row[2],
            kind=row[3],
            path=row[4],
            line=row[5],
            due_at=row[6],
            interval=row[7],
            lapses=row[8],
            suspended=bool(row[9]),
            buried_until=row[10],
            reviews=int(row[11]),
            leech=bool(row[12]),
        )
        for row in db.execute(statement)
    ]

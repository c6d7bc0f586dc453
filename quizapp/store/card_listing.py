"""The prompts a search selects, one row each (a reverse card's two directions are two rows):
first their ids, in the list's order, from one statement; then the scheduling columns of the
rows the caller shows, a page at a time (as Anki's browser reads its table).

On SQLite the due instants and burial days are read as the driver gives them and converted
once per distinct value (measured, `benchmarks/bench_search.py`: SQLAlchemy's per-row result
processing took most of a 30,000-row listing's time; due instants are few distinct values, the
starts of study days). Any other database runs the same statement through SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import String, Table, func, select, type_coerce
from sqlalchemy.orm import Session

from quizapp.search import ast as q
from quizapp.store.card_texts import LEECH_TAG
from quizapp.store.models import CardRow, CardStateRow, CardTagRow, CardTextRow, ReviewRow
from quizapp.store.search_sql import SearchContext, condition, searched

if TYPE_CHECKING:
    from sqlalchemy.engine import Dialect
    from sqlalchemy.sql import Select

_cards = cast(Table, CardRow.__table__)
_states = cast(Table, CardStateRow.__table__)
_texts = cast(Table, CardTextRow.__table__)
_tags = cast(Table, CardTagRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)


#: One prompt as the store knows it (its text, kind, tags and place come from the deck):
#: (card id, deck id, key, due instant or None while new, interval, lapses, suspended,
#:  buried until (a study day) or None, answers in the review log, has the leech tag).
ListedCard = tuple[int, str, str, datetime | None, int, int, bool, date | None, int, bool]

#: KiB of page cache for the connection a search runs on (SQLite's default is 2,000): the
#: pages of 100,000 prompts' states and texts stay in memory from one search to the next.
SEARCH_CACHE_KIB = 40_960


def matching(node: q.Node, context: SearchContext) -> Select[Any]:
    """The ids of the prompts matching `node`, by deck, then file line, then key."""
    joined = _cards.join(_states, _states.c.card_id == _cards.c.id)
    return (
        select(_cards.c.id)
        .select_from(joined)
        .where(searched(context.deck_ids), condition(node, context))
        .order_by(_cards.c.deck_id, _cards.c.line, _cards.c.key)
    )


def search_ids(db: Session, node: q.Node, context: SearchContext) -> list[int]:
    """The store ids of the prompts matching `node`, in the order the list shows them."""
    connection = db.connection()
    if connection.dialect.name != "sqlite":
        return list(db.execute(matching(node, context)).scalars())
    connection.exec_driver_sql(f"PRAGMA cache_size = -{SEARCH_CACHE_KIB}")
    # The statement's parameters go through SQLAlchemy; its integer ids are read from the
    # driver's cursor in one call (SQLAlchemy's per-row fetch was 3/4 of the time at 100,000).
    result = connection.execute(matching(node, context))
    try:
        return [row[0] for row in result.cursor.fetchall()]
    finally:
        result.close()


def listing(card_ids: Sequence[int], *, raw_times: bool = False) -> Select[Any]:
    """The statement reading these prompts' rows (in no particular order). `raw_times`: the due
    instant and the burial day as the driver gives them (converted by the caller)."""
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
    due_at: Any = _states.c.due_at
    buried_until: Any = _states.c.buried_until
    if raw_times:
        due_at, buried_until = type_coerce(due_at, String), type_coerce(buried_until, String)
    return (
        select(
            _cards.c.id,
            _cards.c.deck_id,
            _cards.c.key,
            due_at,
            _states.c.interval,
            _states.c.lapses,
            _states.c.suspended,
            buried_until,
            reviews,
            leech,
        )
        .select_from(_cards.join(_states, _states.c.card_id == _cards.c.id))
        .where(_cards.c.id.in_(list(card_ids)))
    )


def list_cards(db: Session, card_ids: Sequence[int]) -> list[ListedCard]:
    """The rows of these prompts, in the order given (an id without a state row is left out;
    at most a few thousand ids a call: they are bound parameters)."""
    connection = db.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite":
        return _in_order(card_ids, [_listed(row) for row in db.execute(listing(card_ids))])
    rows = db.execute(listing(card_ids, raw_times=True)).all()
    to_instant = _result_processor(_states.c.due_at.type, dialect)
    to_day = _result_processor(_states.c.buried_until.type, dialect)
    instants = {value: to_instant(value) for value in {row[3] for row in rows} - {None}}
    listed: list[ListedCard] = []
    for card_id, deck_id, key, due, interval, lapses, suspended, buried, reviews, leech in rows:
        day = None if buried is None else to_day(buried)
        listed.append(
            (card_id, deck_id, key, instants.get(due), interval, lapses, bool(suspended), day,
             reviews, bool(leech))
        )  # fmt: skip
    return _in_order(card_ids, listed)


def _in_order(card_ids: Sequence[int], rows: list[ListedCard]) -> list[ListedCard]:
    by_id = {row[0]: row for row in rows}
    return [by_id[card_id] for card_id in card_ids if card_id in by_id]


def _listed(row: Any) -> ListedCard:
    return (
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        bool(row[6]),
        row[7],
        int(row[8]),
        bool(row[9]),
    )


def _result_processor(kind: Any, dialect: Dialect) -> Callable[[Any], Any]:
    process = kind.dialect_impl(dialect).result_processor(dialect, None)
    return cast(Callable[[Any], Any], process or (lambda value: value))

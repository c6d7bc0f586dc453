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


def matching(node: q.Node, context: SearchContext, limit: int | None = None) -> Select[Any]:
    """The ids of the prompts matching `node`, by deck, then file line, then key (the order of
    the index `ix_cards_listed`: the first `limit` of them are read without the others)."""
    joined = _cards.join(_states, _states.c.card_id == _cards.c.id)
    return (
        select(_cards.c.id)
        .select_from(joined)
        .where(searched(context.deck_ids), condition(node, context))
        .order_by(_cards.c.deck_id, _cards.c.line, _cards.c.key)
        .limit(limit)
    )


def search_ids(
    db: Session, node: q.Node, context: SearchContext, limit: int | None = None
) -> list[int]:
    """The store ids of the prompts matching `node`, in the order the list shows them (only
    the first `limit` if given)."""
    connection = db.connection()
    if connection.dialect.name != "sqlite":
        return list(db.execute(matching(node, context, limit)).scalars())
    connection.exec_driver_sql(f"PRAGMA cache_size = -{SEARCH_CACHE_KIB}")
    # The statement's parameters go through SQLAlchemy; its integer ids are read from the
    # driver's cursor in one call (SQLAlchemy's per-row fetch was 3/4 of the time at 100,000).
    result = connection.execute(matching(node, context, limit))
    try:
        return [row[0] for row in result.cursor.fetchall()]
    finally:
        result.close()


def listing(card_ids: Sequence[int], *, raw_times: bool = False) -> Select[Any]:
    """The statement reading these prompts' rows (in no particular order). `raw_times`: the due
    instant and the burial day as the driver gives them (converted by the caller)."""
    reviews, leech = _reviews_count(), _has_leech()
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


def _reviews_count() -> Any:
    """A prompt's answers in the review log (a subquery on the log's card index)."""
    return (
        select(func.count())
        .select_from(_reviews)
        .where(_reviews.c.card_id == _cards.c.id)
        .scalar_subquery()
    )


def _has_leech() -> Any:
    """Whether a prompt has the stored leech tag."""
    return (
        select(_tags.c.card_id)
        .where(_tags.c.card_id == _cards.c.id, _tags.c.tag == LEECH_TAG)
        .exists()
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


#: What `sort_columns` reads beside each prompt's (id, deck id, key), by the name a sort asks:
#: "place" nothing more; "schedule" (due instant, interval, lapses, suspended, buried until);
#: "reviews" the answers in the review log; "leech" whether it has the leech tag.
SORT_READS = ("place", "schedule", "reviews", "leech")

#: Ids up to this many are looked up by a list of them; more, by reading the decks' prompts
#: (one scan, its rows not asked for left out; a list of 100,000 bound parameters is not).
_LISTED_IDS = 900


def sort_columns(
    db: Session, deck_ids: Sequence[str], card_ids: Sequence[int], reads: str
) -> list[tuple[Any, ...]]:
    """(id, deck id, key, *what `reads` names of `SORT_READS`) of these prompts, in no
    particular order: what a sort by one column needs of 100,000 prompts, not their rows."""
    if reads not in SORT_READS:
        raise ValueError(f"no sort read {reads!r} (reads: {', '.join(SORT_READS)})")
    raw = db.connection().dialect.name == "sqlite"
    due_at: Any = _states.c.due_at
    buried_until: Any = _states.c.buried_until
    if raw:
        due_at, buried_until = type_coerce(due_at, String), type_coerce(buried_until, String)
    extra: tuple[Any, ...] = {
        "place": (),
        "schedule": (due_at, _states.c.interval, _states.c.lapses, _states.c.suspended,
                     buried_until),
        "reviews": (_reviews_count(),),
        "leech": (_has_leech(),),
    }[reads]  # fmt: skip
    statement = select(_cards.c.id, _cards.c.deck_id, _cards.c.key, *extra).select_from(
        _cards.join(_states, _states.c.card_id == _cards.c.id)
    )
    wanted = set(card_ids)
    if len(wanted) <= _LISTED_IDS:
        statement = statement.where(_cards.c.id.in_(sorted(wanted)))
    else:
        statement = statement.where(searched(deck_ids))
    if not raw:
        return [tuple(row) for row in db.execute(statement) if row[0] in wanted]
    result = db.connection().execute(statement)
    try:
        rows = [row for row in result.cursor.fetchall() if row[0] in wanted]
    finally:
        result.close()
    if reads != "schedule":
        return rows
    dialect = db.connection().dialect
    to_instant = _result_processor(_states.c.due_at.type, dialect)
    to_day = _result_processor(_states.c.buried_until.type, dialect)
    instants = {value: to_instant(value) for value in {row[3] for row in rows} - {None}}
    days = {value: to_day(value) for value in {row[7] for row in rows} - {None}}
    return [
        (card_id, deck_id, key, instants.get(due), interval, lapses, bool(suspended),
         days.get(buried))
        for card_id, deck_id, key, due, interval, lapses, suspended, buried in rows
    ]  # fmt: skip

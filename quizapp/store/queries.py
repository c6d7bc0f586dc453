"""The store's queries: plain values in and out; they take a Session and never commit.

The session service owns the transactions (one per learner action). The answer path itself
goes through `quizapp.store.study` (and, on SQLite, `quizapp.store.fast`); the rows it writes are
those of `write_state` and `add_review` here, built from the one mapping in
`quizapp.store.records`.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Table,
    and_,
    bindparam,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from quizapp.scheduling.days import StudyCalendar
from quizapp.store import home_reads
from quizapp.store.home_reads import TodayAnswer
from quizapp.store.home_statements import CoreReader
from quizapp.store.models import CardRow, CardStateRow, ReviewRow
from quizapp.store.records import (
    INSERT_REVIEW,
    UNDO_FIELDS,
    WRITE_STATE,
    QueueRow,
    review_params,
    state_params,
)
from quizapp.store.records import ReviewRecord as ReviewRecord
from quizapp.store.records import StateRecord as StateRecord
from quizapp.store.types import UTCDateTime

# The tables themselves (typed as Table) for Core statements.
_cards = cast(Table, CardRow.__table__)
_states = cast(Table, CardStateRow.__table__)


def _available(today: date) -> ColumnElement[bool]:
    """Cards that may be shown today: in their file, not suspended, not buried."""
    return and_(
        _cards.c.removed == False,  # noqa: E712 (SQL, not Python)
        _states.c.suspended == False,  # noqa: E712
        or_(_states.c.buried_until.is_(None), _states.c.buried_until <= today),
    )


def _joined() -> Any:
    return _states.join(_cards, _cards.c.id == _states.c.card_id)


def card_ids(db: Session, deck_ids: Collection[str]) -> dict[tuple[str, str], int]:
    """(deck id, key) -> card id, for the cards now in their files."""
    rows = db.execute(
        select(_cards.c.deck_id, _cards.c.key, _cards.c.id).where(
            _cards.c.deck_id.in_(list(deck_ids)),
            _cards.c.removed == False,  # noqa: E712
        )
    )
    return {(row.deck_id, row.key): row.id for row in rows}


#: The earliest due instant there is: what a new card (no due instant yet) counts as below.
_NEW = datetime(1970, 1, 1, tzinfo=UTC)

#: One row per card a queue may take today, as (card id, deck id, key, due, buried until):
#: cards in their file, not suspended, new or due before `:day_end` (the end of the study day).
#: One scan of the states (the `coalesce` keeps SQLite from walking the due index twice and
#: looking each row up, which measured three times slower), joined to the cards by primary key;
#: the session filters by deck and limits in memory (`scheduling.queue.build_queue`).
QUEUE_ROWS = (
    select(
        _states.c.card_id,
        _cards.c.deck_id,
        _cards.c.key,
        _states.c.due_at,
        _states.c.buried_until,
        _states.c.interval,
    )
    .select_from(_joined())
    .where(
        _cards.c.removed == False,  # noqa: E712 (SQL, not Python)
        _states.c.suspended == False,  # noqa: E712
        func.coalesce(_states.c.due_at, bindparam("new", _NEW, type_=UTCDateTime()))
        < bindparam("day_end", type_=UTCDateTime()),
    )
)


#: The cards that may be asked (any deck) due in [b_start, b_end): a study day's load, as
#: FSRS's load balancing counts it, one indexed range a day (no rows read back).
DUE_COUNT = (
    select(func.count())
    .select_from(_joined())
    .where(
        _states.c.due_at >= bindparam("b_start", type_=UTCDateTime()),
        _states.c.due_at < bindparam("b_end", type_=UTCDateTime()),
        _cards.c.removed == False,  # noqa: E712
        _states.c.suspended == False,  # noqa: E712
    )
)


def queue_rows_of(db: Session | Connection, card_ids: Collection[int]) -> list[QueueRow]:
    """The `QUEUE_ROWS` shape for these cards whatever their due time (owed step-7 repeats)."""
    if not card_ids:
        return []
    rows = db.execute(
        select(*QUEUE_ROWS.selected_columns)
        .select_from(_joined())
        .where(
            _states.c.card_id.in_(list(card_ids)),
            _cards.c.removed == False,  # noqa: E712
            _states.c.suspended == False,  # noqa: E712
        )
    )
    return [
        (card_id, deck_id, key, due, buried, interval)
        for card_id, deck_id, key, due, buried, interval in rows
    ]


def card_id_of(db: Session, deck_id: str, key: str) -> int | None:
    """The store's id of one card (removed from its file or not), or None if it has none."""
    value = db.execute(
        select(_cards.c.id).where(_cards.c.deck_id == deck_id, _cards.c.key == key)
    ).scalar()
    return None if value is None else int(value)


def review_count(db: Session, card_id: int) -> int:
    """How many answers the review log holds for a card (undone ones are gone from it)."""
    count = db.scalar(select(func.count()).where(ReviewRow.card_id == card_id))
    return int(count or 0)


def suspended_cards(db: Session, deck_ids: Collection[str]) -> list[tuple[str, str]]:
    """(deck id, key) of the suspended cards of these decks that are in their files."""
    rows = db.execute(
        select(_cards.c.deck_id, _cards.c.key)
        .select_from(_joined())
        .where(
            _cards.c.deck_id.in_(list(deck_ids)),
            _cards.c.removed == False,  # noqa: E712
            _states.c.suspended == True,  # noqa: E712
        )
    )
    return [(deck_id, key) for deck_id, key in rows]


def answers_on(db: Session, day: date) -> list[TodayAnswer]:
    """Every answer of study day `day`, in the order they were given."""
    return home_reads.answers_on(CoreReader(db), day)


def introduced_on(db: Session, day: date) -> dict[str, int]:
    """deck id -> cards first answered on study day `day` (the daily new-card limit)."""
    return home_reads.introduced_on(CoreReader(db), day)


def next_due(db: Session, deck_ids: Collection[str], after: datetime) -> datetime | None:
    """The first due instant from `after` on (e.g. the end of today) of a card of these decks."""
    value = db.execute(
        select(func.min(_states.c.due_at))
        .select_from(_joined())
        .where(
            _cards.c.deck_id.in_(list(deck_ids)),
            _states.c.due_at >= after,
            _cards.c.removed == False,  # noqa: E712
            _states.c.suspended == False,  # noqa: E712
        )
    ).scalar()
    # min() keeps the column's type: the value comes back as an aware UTC datetime.
    return value if isinstance(value, datetime) else None


def due_between(db: Session, start: datetime, end: datetime) -> list[datetime]:
    """The due instants in [start, end) of every card that may be asked (any deck): what FSRS's
    load balancing counts per day."""
    rows = db.execute(
        select(_states.c.due_at)
        .select_from(_joined())
        .where(
            _states.c.due_at >= start,
            _states.c.due_at < end,
            _cards.c.removed == False,  # noqa: E712
            _states.c.suspended == False,  # noqa: E712
        )
    ).scalars()
    return [value for value in rows if isinstance(value, datetime)]


def due_by(db: Session, deck_ids: Collection[str], day: date, calendar: StudyCalendar) -> int:
    """Cards of these decks that will be due on study day `day` (overdue ones included)."""
    value = db.execute(
        select(func.count())
        .select_from(_joined())
        .where(
            _cards.c.deck_id.in_(list(deck_ids)),
            _states.c.due_at.is_not(None),
            _states.c.due_at < calendar.end_of(day),
            _available(day),
        )
    ).scalar()
    return int(value or 0)


def write_state(db: Session | Connection, record: StateRecord) -> None:
    """Replace a card's whole state row with `record` (what undo does)."""
    db.execute(WRITE_STATE, state_params(record, UNDO_FIELDS))


def add_review(db: Session | Connection, review: ReviewRecord) -> None:
    """Write one row of the review log."""
    db.execute(INSERT_REVIEW, review_params(review))

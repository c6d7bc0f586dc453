"""The store's queries: plain values in and out; they take a Session and never commit.

The session service owns the transactions (one per learner action). The statements on the
answer path are built once, as Core statements over the mapped tables, and also accept a bare
`Connection`: answering a card then costs two cached statements and a commit, without the ORM
session's bookkeeping (measured: about 0.1 ms of a 0.3 ms answer, before the disk's fsync).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Date,
    Table,
    and_,
    bindparam,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from quizapp.store import home_reads
from quizapp.store.home_reads import TodayAnswer
from quizapp.store.home_statements import CoreReader
from quizapp.store.models import CardRow, CardStateRow, ReviewRow

# The tables themselves (typed as Table) for Core statements.
_cards = cast(Table, CardRow.__table__)
_states = cast(Table, CardStateRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)


@dataclass(frozen=True, slots=True)
class StateRecord:
    """A copy of one `card_states` row: what undo puts back, exactly."""

    card_id: int
    scheduler: str
    state: Mapping[str, Any]
    due: date | None
    interval: int
    easiness: float
    repetitions: int
    lapses: int
    suspended: bool
    buried_until: date | None
    introduced: date | None


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One row of the review log, as written."""

    id: str
    card_id: int
    reviewed_at: datetime
    study_day: date
    grade: int
    response_ms: int
    scheduler: str
    state_before: Mapping[str, Any]
    state_after: Mapping[str, Any]
    seed: int | None
    given: Any
    repeat: bool


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


#: One row per card a queue may take today, as (card id, deck id, key, due, buried until):
#: cards in their file, not suspended, new or due by `:today`. One scan of the states (the
#: `coalesce` keeps SQLite from walking the due index twice and looking each row up, which
#: measured three times slower), joined to the cards by primary key; the session filters by
#: deck and limits in memory (`scheduling.queue.build_queue`).
QUEUE_ROWS = (
    select(
        _states.c.card_id,
        _cards.c.deck_id,
        _cards.c.key,
        _states.c.due,
        _states.c.buried_until,
    )
    .select_from(_joined())
    .where(
        _cards.c.removed == False,  # noqa: E712 (SQL, not Python)
        _states.c.suspended == False,  # noqa: E712
        func.coalesce(_states.c.due, bindparam("today", type_=Date)) <= bindparam("today"),
    )
)


def queue_rows_of(
    db: Session | Connection, card_ids: Collection[int]
) -> list[tuple[int, str, str, date | None, date | None]]:
    """The `QUEUE_ROWS` shape for these cards whatever their due day (owed step-7 repeats)."""
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
    return [(card_id, deck_id, key, due, buried) for card_id, deck_id, key, due, buried in rows]


def card_id_of(db: Session, deck_id: str, key: str) -> int | None:
    """The store's id of one card (removed from its file or not), or None if it has none."""
    value = db.execute(
        select(_cards.c.id).where(_cards.c.deck_id == deck_id, _cards.c.key == key)
    ).scalar()
    return None if value is None else int(value)


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


def next_due(db: Session, deck_ids: Collection[str], after: date) -> date | None:
    """The first day after `after` on which a card of these decks falls due."""
    value = db.execute(
        select(func.min(_states.c.due))
        .select_from(_joined())
        .where(
            _cards.c.deck_id.in_(list(deck_ids)),
            _states.c.due > after,
            _cards.c.removed == False,  # noqa: E712
            _states.c.suspended == False,  # noqa: E712
        )
    ).scalar()
    return value if isinstance(value, date) else None


def due_by(db: Session, deck_ids: Collection[str], day: date) -> int:
    """Cards of these decks that will be due on `day` (overdue ones included)."""
    value = db.execute(
        select(func.count())
        .select_from(_joined())
        .where(
            _cards.c.deck_id.in_(list(deck_ids)),
            _states.c.due.is_not(None),
            _states.c.due <= day,
            _available(day),
        )
    ).scalar()
    return int(value or 0)


# The answer path: statements built once (SQLAlchemy caches their compiled form).
_WRITE_STATE = (
    update(_states)
    .where(_states.c.card_id == bindparam("b_card_id"))
    .values(
        scheduler=bindparam("scheduler"),
        state=bindparam("state"),
        due=bindparam("due"),
        interval=bindparam("interval"),
        easiness=bindparam("easiness"),
        repetitions=bindparam("repetitions"),
        lapses=bindparam("lapses"),
        suspended=bindparam("suspended"),
        buried_until=bindparam("buried_until"),
        introduced=bindparam("introduced"),
    )
)
_INSERT_REVIEW = insert(_reviews)


def write_state(db: Session | Connection, record: StateRecord) -> None:
    """Replace a card's whole state row with `record`."""
    db.execute(
        _WRITE_STATE,
        {
            "b_card_id": record.card_id,
            "scheduler": record.scheduler,
            "state": dict(record.state),
            "due": record.due,
            "interval": record.interval,
            "easiness": record.easiness,
            "repetitions": record.repetitions,
            "lapses": record.lapses,
            "suspended": record.suspended,
            "buried_until": record.buried_until,
            "introduced": record.introduced,
        },
    )


def add_review(db: Session | Connection, review: ReviewRecord) -> None:
    db.execute(_INSERT_REVIEW, review_params(review))


def review_params(review: ReviewRecord) -> dict[str, Any]:
    """The review row's column values, by column name."""
    return {
        "id": review.id,
        "card_id": review.card_id,
        "reviewed_at": review.reviewed_at,
        "study_day": review.study_day,
        "grade": review.grade,
        "response_ms": review.response_ms,
        "scheduler": review.scheduler,
        "state_before": dict(review.state_before),
        "state_after": dict(review.state_after),
        "seed": review.seed,
        "given": review.given,
        "repeat": review.repeat,
    }

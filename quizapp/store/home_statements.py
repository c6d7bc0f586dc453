"""The home screen's statements as SQLAlchemy Core, and `CoreReader`, which runs them.

`STATEMENTS` holds one Core statement per name of `home_reads.STATEMENT_NAMES`; `CoreReader`
runs them through SQLAlchemy on any database. For the TUI's start-up, the same statements
compiled for SQLite are kept in `quizapp/store/fast/home_sql.json`: after changing a statement
here, run ``python -m quizapp.store.fast.home_sql`` (a test fails while the file is stale).
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Any, cast

from sqlalchemy import (
    Connection,
    Date,
    Integer,
    Table,
    and_,
    bindparam,
    case,
    false,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import Select

from quizapp.store.home_reads import STATEMENT_NAMES
from quizapp.store.models import CardRow, CardStateRow, ReviewRow
from quizapp.store.types import UTCDateTime

_cards = cast(Table, CardRow.__table__)
_states = cast(Table, CardStateRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)

_TODAY = bindparam("today", type_=Date)
_DAY = bindparam("day", type_=Date)
_LAST = bindparam("last", type_=Date)
#: The longest time one answer counts for (`Config.max_answer_seconds`), in milliseconds.
_CAP_MS = bindparam("cap_ms", type_=Integer)
#: The end of the study day asked about (the instant the next one begins): a card is due on
#: that day when its due instant comes before it.
_DAY_END = bindparam("day_end", type_=UTCDateTime())


#: The scheduler's phase before an answer (FSRS's; None for SM-2's states).
_PHASE = _reviews.c.state_before["phase"].as_string()


def _joined() -> Any:
    return _states.join(_cards, _cards.c.id == _states.c.card_id)


def _due_before_answered() -> Select[Any]:
    earlier = aliased(_reviews)
    previous = (
        select(func.max(earlier.c.study_day))
        .where(earlier.c.card_id == _reviews.c.card_id, earlier.c.study_day < _DAY)
        .scalar_subquery()
    )
    return (
        select(
            _reviews.c.card_id,
            _reviews.c.study_day,
            func.coalesce(_reviews.c.state_before["interval"].as_integer(), 0),
            previous,
        )
        .where(_reviews.c.study_day >= _DAY, _reviews.c.study_day <= _LAST)
        .order_by(_reviews.c.study_day, _reviews.c.reviewed_at)
    )


#: name -> statement; each selects exactly what `home_reads` unpacks from its rows.
STATEMENTS: dict[str, Select[Any]] = {
    # Cards that may be shown today (in their file, not suspended, not buried), per deck:
    # how many are new (no due time yet), how many are due by the end of today for review, and
    # how many are in learning steps (of minutes: an interval of 0 days) due by then.
    "new_or_due": select(
        _cards.c.deck_id,
        func.count().filter(_states.c.due_at.is_(None)),
        func.count().filter(_states.c.due_at < _DAY_END, _states.c.interval > 0),
        func.count().filter(_states.c.due_at < _DAY_END, _states.c.interval == 0),
    )
    .select_from(_joined())
    .where(
        _cards.c.removed == false(),
        _states.c.suspended == false(),
        or_(_states.c.buried_until.is_(None), _states.c.buried_until <= _TODAY),
    )
    .group_by(_cards.c.deck_id),
    "totals": select(_cards.c.deck_id, func.count())
    .where(_cards.c.removed == false())
    .group_by(_cards.c.deck_id),
    # Only cards answered that day can have been introduced then: the review log's day index
    # finds them, instead of a scan of every card's state (no index on `introduced`).
    "introduced": select(_cards.c.deck_id, func.count())
    .select_from(_joined())
    .where(
        _states.c.card_id.in_(select(_reviews.c.card_id).where(_reviews.c.study_day == _DAY)),
        _states.c.introduced == _DAY,
    )
    .group_by(_cards.c.deck_id),
    # `stepped`: the card was in FSRS's (re)learning steps when answered (not a review).
    "answers": select(
        _reviews.c.card_id,
        _cards.c.deck_id,
        _cards.c.key,
        _reviews.c.grade,
        _reviews.c.repeat,
        case((or_(_PHASE == "learning", _PHASE == "relearning"), True), else_=False),
    )
    .select_from(_reviews.join(_cards, _cards.c.id == _reviews.c.card_id))
    .where(_reviews.c.study_day == _DAY)
    .order_by(_reviews.c.reviewed_at),
    # Each answer's time capped, as the session summary and the statistics count it.
    "day_answers": select(
        func.count(),
        func.coalesce(
            func.sum(
                case((_reviews.c.response_ms > _CAP_MS, _CAP_MS), else_=_reviews.c.response_ms)
            ),
            0,
        ),
    ).where(_reviews.c.study_day == _DAY),
    "answers_per_day": select(_reviews.c.study_day, func.count()).group_by(_reviews.c.study_day),
    # A studied card whose last answer left it due on or before the day.
    "due_by_state": select(_states.c.card_id)
    .select_from(_joined())
    .where(
        and_(
            _states.c.due_at.is_not(None),
            _states.c.due_at < _DAY_END,
            _cards.c.removed == false(),
            _states.c.suspended == false(),
        )
    )
    .limit(1),
    "due_before_answered": _due_before_answered(),
}

assert STATEMENTS.keys() == STATEMENT_NAMES.keys()


class CoreReader:
    """Runs the home statements through SQLAlchemy (a `home_reads.Reader`), on any database."""

    def __init__(self, db: Session | Connection) -> None:
        self._db = db

    def rows(self, name: str, **params: Any) -> Generator[Sequence[Any]]:
        result = self._db.execute(STATEMENTS[name], params)
        try:
            for row in result:
                yield tuple(row)
        finally:
            result.close()

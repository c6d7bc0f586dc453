"""A card's state row and a review row as plain values, and the one mapping to their tables.

`StateRecord` and `ReviewRecord` name the columns of `card_states` and `reviews`, in table order
(a test checks them against the models): every statement that reads or writes those rows, on
the ORM session, on Core or on the raw driver (`quizapp.store.fast`), is built here from the
records' fields, so a column is added in one place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    Integer,
    Table,
    bindparam,
    delete,
    insert,
    literal_column,
    select,
    update,
)

from quizapp.store.models import CardStateRow, ReviewRow

_states = cast(Table, CardStateRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)


@dataclass(frozen=True, slots=True)
class StateRecord:
    """A copy of one `card_states` row: what undo puts back, exactly."""

    card_id: int
    scheduler: str
    state: Mapping[str, Any]
    #: The instant (UTC) the card is next due; None while new.
    due_at: datetime | None
    interval: int
    easiness: float
    repetitions: int
    lapses: int
    suspended: bool
    buried_until: date | None
    introduced: date | None
    #: The row's version when read; a state written by an answer carries the next one.
    version: int = 0


class StateConflict(Exception):
    """An answer's state was computed from a version of the card's row that is no longer the
    stored one (another session answered the card since): nothing was written. `current` is
    the row as it is now, to answer again from."""

    def __init__(self, current: StateRecord) -> None:
        super().__init__(f"card {current.card_id}: its state changed since it was read")
        self.current = current


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


#: The columns of a state row, in `StateRecord`'s order (the table's order).
STATE_FIELDS: tuple[str, ...] = tuple(field.name for field in fields(StateRecord))
#: The columns of a review row, in `ReviewRecord`'s order (the table's order).
REVIEW_FIELDS: tuple[str, ...] = tuple(field.name for field in fields(ReviewRecord))
#: What an answer changes: the scheduling columns only, so a state read before a suspension or
#: a burial cannot undo it (and the version, which `WRITE_SCHEDULE` sets apart).
SCHEDULE_FIELDS: tuple[str, ...] = tuple(
    name for name in STATE_FIELDS if name not in ("card_id", "suspended", "buried_until", "version")
)
#: What undo puts back: every column but the key and the version.
UNDO_FIELDS: tuple[str, ...] = tuple(name for name in STATE_FIELDS[1:] if name != "version")
#: Where the scheduler's JSON and the suspended flag sit in a row read with `READ_STATE`.
STATE_INDEX = STATE_FIELDS.index("state")
SUSPENDED_INDEX = STATE_FIELDS.index("suspended")

#: (card id, deck id, key, due instant or None while new, buried until (a study day) or None,
#:  interval in days: 0 while new or in learning steps of minutes)
QueueRow = tuple[int, str, str, datetime | None, date | None, int]

READ_STATE = select(*(_states.c[name] for name in STATE_FIELDS)).where(
    _states.c.card_id == bindparam("b_card_id")
)
#: States read ahead with an answer: the cards the session will ask next.
READ_AHEAD = 16
#: One statement of a fixed size (`READ_AHEAD` ids, padded by repeating one: IN ignores repeats).
READ_STATES = select(*(_states.c[name] for name in STATE_FIELDS)).where(
    _states.c.card_id.in_([bindparam(f"k{i}") for i in range(READ_AHEAD)])
)
#: 1 written into the SQL (not a bound parameter: `Prepared` reads parameters from records).
_ONE = literal_column("1", Integer)
#: An answer's new state, a compare-and-swap: written only where the row still has the version
#: the state was computed from (the new state's `version` less one), and bumping it. 0 rows
#: changed: another session answered the card since (`StateConflict`).
WRITE_SCHEDULE = (
    update(_states)
    .where(
        _states.c.card_id == bindparam("b_card_id"),
        _states.c.version == bindparam("b_version", type_=Integer) - _ONE,
    )
    .values({name: bindparam(name) for name in (*SCHEDULE_FIELDS, "version")})
)
#: Undo puts the row's state back as it was, under a new version (never an old one again: a
#: session still holding that version must not take it for the current state).
WRITE_STATE = (
    update(_states)
    .where(_states.c.card_id == bindparam("b_card_id"))
    .values({name: bindparam(name) for name in UNDO_FIELDS} | {"version": _states.c.version + _ONE})
)
#: Changes only a card that is not already so: the row count says whether anything changed.
SET_SUSPENDED = (
    update(_states)
    .where(
        _states.c.card_id == bindparam("b_card_id"),
        _states.c.suspended != bindparam("suspended"),
    )
    .values(suspended=bindparam("suspended"))
)
SET_BURIED = (
    update(_states)
    .where(_states.c.card_id == bindparam("b_card_id"))
    .values(buried_until=bindparam("buried_until"))
)
INSERT_REVIEW = insert(_reviews).values({name: bindparam(name) for name in REVIEW_FIELDS})
DELETE_REVIEW = delete(_reviews).where(_reviews.c.id == bindparam("b_id"))


def padded(ahead: Sequence[int]) -> list[int]:
    """The ids of `READ_STATES`: the first `READ_AHEAD` of `ahead`, padded with the first one."""
    wanted = list(ahead[:READ_AHEAD])
    return wanted + [wanted[0]] * (READ_AHEAD - len(wanted))


def state_record(values: list[Any]) -> StateRecord:
    """A state row's values, in `STATE_FIELDS` order, as a record (`values` is changed)."""
    values[SUSPENDED_INDEX] = bool(values[SUSPENDED_INDEX])
    return StateRecord(*values)


def state_params(record: StateRecord, names: Sequence[str]) -> dict[str, Any]:
    """`record`'s values of the columns `names` (and its card id) as bound parameters."""
    values: dict[str, Any] = {"b_card_id": record.card_id}
    for name in names:
        value = getattr(record, name)
        values[name] = dict(value) if name == "state" else value
    return values


def review_params(review: ReviewRecord) -> dict[str, Any]:
    """The review row's column values, by column name."""
    values = {name: getattr(review, name) for name in REVIEW_FIELDS}
    values["state_before"] = dict(review.state_before)
    values["state_after"] = dict(review.state_after)
    return values


def schedule_params(record: StateRecord) -> dict[str, Any]:
    """`WRITE_SCHEDULE`'s parameters for the new state `record` (its version the next one)."""
    values = state_params(record, (*SCHEDULE_FIELDS, "version"))
    values["b_version"] = record.version
    return values

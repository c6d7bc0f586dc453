"""The study session's own connection: card states read, answers written, fast and durably.

Answering a card is the one action the learner waits on, many times a session, so its writes go
through a connection kept open for the whole run, in one transaction each (``BEGIN IMMEDIATE``,
UPDATE of the card's state, INSERT of the review row, ``COMMIT``), committed before it returns.

On SQLite the statements run on the driver's own connection
(`quizapp.store.fast.sqlite_study`, the measured reason is there); any other database takes the
same statements (`quizapp.store.records`) through SQLAlchemy (`_CorePath`), so nothing is
SQLite-only except the transaction commands SQLite needs.

This module is where the session finds the answer path: `open_study_connection`,
`StudyConnection`, `READ_AHEAD` and the rows it reads and writes, `StateRecord` and
`ReviewRecord`.

Checkpoints stay SQLite's own (the commit that takes the log past 1,000 pages copies it back,
about one answer in 125, some milliseconds). Two alternatives were measured and dropped: a
background thread's checkpoints never catch up with answers given back to back, so the log
never starts again from its beginning; and a larger threshold (4,000 pages) makes the log grow
for longer before it is reused. Either way more commits extend the log file, and an fsync that
extends a file is about 40 % slower than one that overwrites (it must also write the size).

Writes set only the columns they are about: an answer writes the scheduling columns and leaves
`suspended` and `buried_until` alone, so a state read before a suspension cannot undo it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.exc import SQLAlchemyError

from quizapp.store.errors import StoreError
from quizapp.store.queries import DUE_COUNT, QUEUE_ROWS, add_review, write_state
from quizapp.store.records import (
    DELETE_REVIEW,
    READ_STATE,
    READ_STATES,
    SET_BURIED,
    SET_SUSPENDED,
    WRITE_SCHEDULE,
    StateConflict,
    padded,
    schedule_params,
    state_record,
)
from quizapp.store.records import READ_AHEAD as READ_AHEAD
from quizapp.store.records import QueueRow as QueueRow
from quizapp.store.records import ReviewRecord as ReviewRecord
from quizapp.store.records import StateRecord as StateRecord

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from quizapp.store.database import Database


class StudyConnection(Protocol):
    """What the study session asks of the store; every write is its own committed transaction."""

    def state(self, card_id: int) -> StateRecord | None:
        """The card's state row as committed now (None if the card has none)."""
        ...

    def record(
        self, review: ReviewRecord, schedule: StateRecord | None, ahead: Sequence[int] = ()
    ) -> dict[int, StateRecord]:
        """Write an answer: its review row and (unless None, for a repeat) the card's new state.

        The new state is written only over the version it was computed from (`schedule`'s
        version less one): if another session has changed the card since, nothing is written
        and `StateConflict` says what the row is now.

        Also reads the states of the cards `ahead` (at most `READ_AHEAD`), the ones the session
        asks next, in the same transaction: cheaper than a read of its own for each card.
        """
        ...

    def queue_rows(self, day_end: datetime) -> list[QueueRow]:
        """Every card a queue may take on the study day ending at `day_end` (new or due before
        it; see `queries.QUEUE_ROWS`)."""
        ...

    def due_count(self, start: datetime, end: datetime) -> int:
        """The cards that may be asked (any deck) due in [start, end) (see `queries.DUE_COUNT`)."""
        ...

    def take_back(self, review_id: str, before: StateRecord | None) -> None:
        """Undo an answer: delete its review row and (unless None) put the state row back."""
        ...

    def set_suspended(self, card_id: int, suspended: bool) -> bool:
        """Suspend or unsuspend a card; False if it was so already (or has no state row)."""
        ...

    def bury(self, card_id: int, until: date | None) -> None:
        """Hide a card until the study day `until` (None: not buried)."""
        ...

    def close(self) -> None: ...


def open_study_connection(
    database: Database, *, driver_level: bool | None = None
) -> StudyConnection:
    """The study connection for `database`: on the driver's connection for SQLite, else Core.

    `driver_level` forces one path (tests run both on SQLite and compare the rows they write).
    """
    database.check_writable()
    if driver_level is None:
        driver_level = database.engine.dialect.name == "sqlite"
    if driver_level:
        from quizapp.store.fast.sqlite_study import SQLiteStudyConnection

        return SQLiteStudyConnection(database)
    return _CorePath(database)


class _CorePath:
    """The study connection on any database SQLAlchemy speaks to: the same statements, Core."""

    def __init__(self, database: Database) -> None:
        self._url = database.url
        self._engine = database.engine
        self._connection = database.connect_writer()

    def state(self, card_id: int) -> StateRecord | None:
        try:
            # Not on the writer: its transactions take the write lock, which a read never needs.
            with self._engine.connect() as reader:
                row = reader.execute(READ_STATE, {"b_card_id": card_id}).first()
        except SQLAlchemyError as exc:
            raise StoreError(f"{self._url}: cannot read the review database: {exc}") from exc
        return None if row is None else state_record(list(row))

    def record(
        self, review: ReviewRecord, schedule: StateRecord | None, ahead: Sequence[int] = ()
    ) -> dict[int, StateRecord]:
        with self._transaction() as db:
            if schedule is not None:
                self._write_schedule(db, schedule)
            add_review(db, review)
            rows = []
            if ahead:
                wanted = {f"k{i}": k for i, k in enumerate(padded(ahead))}
                rows = [list(row) for row in db.execute(READ_STATES, wanted)]
        return {record.card_id: record for record in map(state_record, rows)}

    def _write_schedule(self, db: Connection, schedule: StateRecord) -> None:
        if db.execute(WRITE_SCHEDULE, schedule_params(schedule)).rowcount:
            return
        # Another session's answer came first: nothing of this one is written.
        row = db.execute(READ_STATE, {"b_card_id": schedule.card_id}).first()
        if row is None:
            raise StoreError(
                f"{self._url}: card {schedule.card_id} has no scheduling state; "
                "the database may have been changed by hand"
            )
        raise StateConflict(state_record(list(row)))

    def queue_rows(self, day_end: datetime) -> list[QueueRow]:
        try:
            with self._engine.connect() as reader:
                rows = reader.execute(QUEUE_ROWS, {"day_end": day_end}).all()
        except SQLAlchemyError as exc:
            raise StoreError(f"{self._url}: cannot read the review database: {exc}") from exc
        return [
            (card_id, deck_id, key, due, buried, interval)
            for card_id, deck_id, key, due, buried, interval in rows
        ]

    def due_count(self, start: datetime, end: datetime) -> int:
        try:
            with self._engine.connect() as reader:
                value = reader.execute(DUE_COUNT, {"b_start": start, "b_end": end}).scalar()
        except SQLAlchemyError as exc:
            raise StoreError(f"{self._url}: cannot read the review database: {exc}") from exc
        return int(value or 0)

    def take_back(self, review_id: str, before: StateRecord | None) -> None:
        with self._transaction() as db:
            db.execute(DELETE_REVIEW, {"b_id": review_id})
            if before is not None:
                write_state(db, before)

    def set_suspended(self, card_id: int, suspended: bool) -> bool:
        with self._transaction() as db:
            result = db.execute(SET_SUSPENDED, {"b_card_id": card_id, "suspended": suspended})
            return bool(result.rowcount)

    def bury(self, card_id: int, until: date | None) -> None:
        with self._transaction() as db:
            db.execute(SET_BURIED, {"b_card_id": card_id, "buried_until": until})

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        try:
            with self._connection.begin():
                yield self._connection
        except SQLAlchemyError as exc:
            raise StoreError(
                f"{self._url}: the change could not be saved ({exc}); "
                "it was not recorded, try again"
            ) from exc

    def close(self) -> None:
        self._connection.close()

"""The study session's own connection: card states read, answers written, fast and durably.

Answering a card is the one action the learner waits on, many times a session, so its writes go
through a connection kept open for the whole run, in one transaction each (``BEGIN IMMEDIATE``,
UPDATE of the card's state, INSERT of the review row, ``COMMIT``), committed before it returns.

On SQLite the statements run on the driver's own connection: the Core statements of
`quizapp.store.queries` are compiled once for the dialect, and their parameters converted with
the column types' own bind processors, so the rows are exactly those SQLAlchemy would write
(dates, UTC times and JSON alike) while an answer no longer pays SQLAlchemy's per-execution
work (measured: about half of an answer's time outside the disk's fsync). Any other database
takes the same statements through SQLAlchemy (`_CorePath`), so nothing here is SQLite-only
except the transaction commands SQLite needs.

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

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from quizapp.store.errors import StoreError
from quizapp.store.models import CardStateRow, ReviewRow
from quizapp.store.prepared import JsonTexts, Prepared
from quizapp.store.queries import QUEUE_ROWS, ReviewRecord, StateRecord, review_params

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from quizapp.store.database import Database

#: KiB of page cache for the study connection (SQLite's default is 2,000).
STUDY_CACHE_KIB = 40_960

#: (card id, deck id, key, due day or None while new, buried until or None)
QueueRow = tuple[int, str, str, date | None, date | None]

_states = cast(Table, CardStateRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)

#: The columns of a state row, in `StateRecord`'s order.
_STATE_FIELDS = (
    "card_id",
    "scheduler",
    "state",
    "due",
    "interval",
    "easiness",
    "repetitions",
    "lapses",
    "suspended",
    "buried_until",
    "introduced",
)
_STATE_INDEX = _STATE_FIELDS.index("state")
_READ_STATE = select(*(_states.c[name] for name in _STATE_FIELDS)).where(
    _states.c.card_id == bindparam("b_card_id")
)
#: States read ahead with an answer: the cards the session will ask next (see `record`).
READ_AHEAD = 16
_READ_STATES = select(*(_states.c[name] for name in _STATE_FIELDS)).where(
    _states.c.card_id.in_([bindparam(f"k{i}") for i in range(READ_AHEAD)])
)
#: What an answer changes: the scheduling columns only.
_SCHEDULE_FIELDS = (
    "scheduler",
    "state",
    "due",
    "interval",
    "easiness",
    "repetitions",
    "lapses",
    "introduced",
)
_WRITE_SCHEDULE = (
    update(_states)
    .where(_states.c.card_id == bindparam("b_card_id"))
    .values({name: bindparam(name) for name in _SCHEDULE_FIELDS})
)
#: Undo puts the whole row back as it was.
_WRITE_STATE = (
    update(_states)
    .where(_states.c.card_id == bindparam("b_card_id"))
    .values({name: bindparam(name) for name in _STATE_FIELDS[1:]})
)
#: Changes only a card that is not already so: the row count says whether anything changed.
_SET_SUSPENDED = (
    update(_states)
    .where(
        _states.c.card_id == bindparam("b_card_id"),
        _states.c.suspended != bindparam("suspended"),
    )
    .values(suspended=bindparam("suspended"))
)
_SET_BURIED = (
    update(_states)
    .where(_states.c.card_id == bindparam("b_card_id"))
    .values(buried_until=bindparam("buried_until"))
)
_INSERT_REVIEW = insert(_reviews).values({c.name: bindparam(c.name) for c in _reviews.c})
_DELETE_REVIEW = delete(_reviews).where(_reviews.c.id == bindparam("b_id"))


def _state_params(record: StateRecord, fields: Sequence[str]) -> dict[str, Any]:
    values: dict[str, Any] = {"b_card_id": record.card_id}
    for name in fields:
        value = getattr(record, name)
        values[name] = dict(value) if name == "state" else value
    return values


def _record(values: Sequence[Any]) -> StateRecord:
    (card_id, scheduler, state, due, interval, easiness, repetitions, lapses) = values[:8]
    suspended, buried_until, introduced = values[8:]
    return StateRecord(
        card_id=card_id,
        scheduler=scheduler,
        state=state,
        due=due,
        interval=interval,
        easiness=easiness,
        repetitions=repetitions,
        lapses=lapses,
        suspended=bool(suspended),
        buried_until=buried_until,
        introduced=introduced,
    )


class StudyConnection(Protocol):
    """What the study session asks of the store; every write is its own committed transaction."""

    def state(self, card_id: int) -> StateRecord | None:
        """The card's state row as committed now (None if the card has none)."""
        ...

    def record(
        self, review: ReviewRecord, schedule: StateRecord | None, ahead: Sequence[int] = ()
    ) -> dict[int, StateRecord]:
        """Write an answer: its review row and (unless None, for a repeat) the card's new state.

        Also reads the states of the cards `ahead` (at most `READ_AHEAD`), the ones the session
        asks next, in the same transaction: cheaper than a read of its own for each card.
        """
        ...

    def queue_rows(self, today: date) -> list[QueueRow]:
        """Every card a queue may take on study day `today` (see `queries.QUEUE_ROWS`)."""
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
    if driver_level is None:
        driver_level = database.engine.dialect.name == "sqlite"
    if driver_level:
        return _SQLitePath(database)
    return _CorePath(database)


class _SQLitePath:
    """The study connection on SQLite: the driver's connection, statements compiled once."""

    def __init__(self, database: Database) -> None:
        self._url = database.url
        dialect = database.engine.dialect
        # A pooled connection: it went through the engine's connect hook (WAL, synchronous=FULL,
        # busy timeout, foreign keys, and the driver's own transaction handling switched off).
        self._pooled = database.engine.raw_connection()
        driver = self._pooled.driver_connection
        if not isinstance(driver, sqlite3.Connection):
            self._pooled.close()
            raise TypeError(f"{self._url}: not a sqlite3 connection")
        self._connection = driver
        self._cursor = driver.cursor()
        # A page cache of its own big enough for the pages a session keeps coming back to
        # (index interiors, the due-day and review-log tails): pages are only allocated when
        # used, so a small collection costs no more. Anki's own connection uses 40 MB.
        self._cursor.execute(f"PRAGMA cache_size = -{STUDY_CACHE_KIB}")
        self._read_state = Prepared(_READ_STATE, dialect)
        self._read_states = Prepared(_READ_STATES, dialect).sql
        self._queue_rows = Prepared(QUEUE_ROWS, dialect)
        to_date = _states.c.due.type.dialect_impl(dialect).result_processor(dialect, None)
        self._to_date: Callable[[Any], Any] = to_date or (lambda value: value)
        conversions = []
        for index, name in enumerate(_STATE_FIELDS):
            process = _states.c[name].type.dialect_impl(dialect).result_processor(dialect, None)
            if process is not None:
                conversions.append((index, process))
        #: The columns read back through a conversion (JSON, dates, booleans), by position.
        self._read_conversions: tuple[tuple[int, Callable[[Any], Any]], ...] = tuple(conversions)
        # An answer's states are turned into JSON once (see `JsonTexts`).
        self._json_texts = JsonTexts()
        self._write_schedule = Prepared(_WRITE_SCHEDULE, dialect, json_texts=self._json_texts)
        self._write_state = Prepared(_WRITE_STATE, dialect)
        self._set_suspended = Prepared(_SET_SUSPENDED, dialect)
        self._set_buried = Prepared(_SET_BURIED, dialect)
        self._insert_review = Prepared(_INSERT_REVIEW, dialect, json_texts=self._json_texts)
        self._delete_review = Prepared(_DELETE_REVIEW, dialect)

    def state(self, card_id: int) -> StateRecord | None:
        try:
            row = self._cursor.execute(self._read_state.sql, (card_id,)).fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"{self._url}: cannot read the review database: {exc}") from exc
        return None if row is None else self._state_record(row)

    def record(
        self, review: ReviewRecord, schedule: StateRecord | None, ahead: Sequence[int] = ()
    ) -> dict[int, StateRecord]:
        with self._transaction() as cursor:
            if schedule is not None:
                write = self._write_schedule
                cursor.execute(write.sql, write.params_of(schedule))
            insert_review = self._insert_review
            cursor.execute(insert_review.sql, insert_review.params_of(review))
            rows = self._read_ahead(cursor, ahead)
        return {record.card_id: record for record in map(self._state_record, rows)}

    def _read_ahead(self, cursor: sqlite3.Cursor, ahead: Sequence[int]) -> list[Any]:
        if not ahead:
            return []
        wanted = list(ahead[:READ_AHEAD])
        # One statement of a fixed size, padded by repeating an id (IN ignores the repeats).
        wanted += [wanted[0]] * (READ_AHEAD - len(wanted))
        return cursor.execute(self._read_states, wanted).fetchall()

    def _state_record(self, row: Sequence[Any]) -> StateRecord:
        values = list(row)
        for index, process in self._read_conversions:
            values[index] = process(values[index])
        if isinstance(row[_STATE_INDEX], str):
            # The text as stored is the text of the review's "state before", when answered.
            self._json_texts.put(values[_STATE_INDEX], row[_STATE_INDEX])
        return _record(values)

    def queue_rows(self, today: date) -> list[QueueRow]:
        query = self._queue_rows
        try:
            rows = self._cursor.execute(query.sql, query.params({"today": today})).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"{self._url}: cannot read the review database: {exc}") from exc
        # Plain tuples, dates converted only where there is one (new cards have none).
        to_date = self._to_date
        return [
            (
                card_id,
                deck_id,
                key,
                None if due is None else to_date(due),
                None if buried is None else to_date(buried),
            )
            for card_id, deck_id, key, due, buried in rows
        ]

    def take_back(self, review_id: str, before: StateRecord | None) -> None:
        with self._transaction() as cursor:
            remove = self._delete_review
            cursor.execute(remove.sql, remove.params({"b_id": review_id}))
            if before is not None:
                write = self._write_state
                cursor.execute(write.sql, write.params_of(before))

    def set_suspended(self, card_id: int, suspended: bool) -> bool:
        with self._transaction() as cursor:
            write = self._set_suspended
            cursor.execute(write.sql, write.params({"b_card_id": card_id, "suspended": suspended}))
            return cursor.rowcount > 0

    def bury(self, card_id: int, until: date | None) -> None:
        with self._transaction() as cursor:
            write = self._set_buried
            cursor.execute(write.sql, write.params({"b_card_id": card_id, "buried_until": until}))

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        cursor = self._cursor
        try:
            # IMMEDIATE: take the write lock now (waiting out another process's writer for up to
            # the busy timeout) rather than fail half-way on a stale snapshot.
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield cursor
                cursor.execute("COMMIT")
            except BaseException:
                if self._connection.in_transaction:
                    self._connection.rollback()
                raise
        except sqlite3.Error as exc:
            raise StoreError(
                f"{self._url}: the change could not be saved ({exc}); "
                "it was not recorded, try again"
            ) from exc

    def close(self) -> None:
        # The connection goes back to the engine's pool: leave it as the pool made it.
        self._cursor.execute("PRAGMA cache_size = -2000")
        self._cursor.close()
        self._pooled.close()


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
                row = reader.execute(_READ_STATE, {"b_card_id": card_id}).first()
        except SQLAlchemyError as exc:
            raise StoreError(f"{self._url}: cannot read the review database: {exc}") from exc
        return None if row is None else _record(tuple(row))

    def record(
        self, review: ReviewRecord, schedule: StateRecord | None, ahead: Sequence[int] = ()
    ) -> dict[int, StateRecord]:
        with self._transaction() as db:
            if schedule is not None:
                db.execute(_WRITE_SCHEDULE, _state_params(schedule, _SCHEDULE_FIELDS))
            db.execute(_INSERT_REVIEW, review_params(review))
            rows = []
            if ahead:
                wanted = list(ahead[:READ_AHEAD])
                wanted += [wanted[0]] * (READ_AHEAD - len(wanted))
                rows = list(db.execute(_READ_STATES, {f"k{i}": k for i, k in enumerate(wanted)}))
        return {record.card_id: record for record in map(_record, rows)}

    def queue_rows(self, today: date) -> list[QueueRow]:
        try:
            with self._engine.connect() as reader:
                rows = reader.execute(QUEUE_ROWS, {"today": today}).all()
        except SQLAlchemyError as exc:
            raise StoreError(f"{self._url}: cannot read the review database: {exc}") from exc
        return [(card_id, deck_id, key, due, buried) for card_id, deck_id, key, due, buried in rows]

    def take_back(self, review_id: str, before: StateRecord | None) -> None:
        with self._transaction() as db:
            db.execute(_DELETE_REVIEW, {"b_id": review_id})
            if before is not None:
                db.execute(_WRITE_STATE, _state_params(before, _STATE_FIELDS[1:]))

    def set_suspended(self, card_id: int, suspended: bool) -> bool:
        with self._transaction() as db:
            result = db.execute(_SET_SUSPENDED, {"b_card_id": card_id, "suspended": suspended})
            return bool(result.rowcount)

    def bury(self, card_id: int, until: date | None) -> None:
        with self._transaction() as db:
            db.execute(_SET_BURIED, {"b_card_id": card_id, "buried_until": until})

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

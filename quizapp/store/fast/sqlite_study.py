"""The study connection on SQLite: the answer path's statements on the driver's own connection.

The statements are those of `quizapp.store.records` (the same the Core path runs), compiled once
for the dialect by `Prepared`, their parameters and results converted with the column types' own
processors, so the rows are exactly those SQLAlchemy would write (dates, UTC times and JSON
alike) while an answer no longer pays SQLAlchemy's per-execution work (measured: about half of
an answer's time outside the disk's fsync). See `quizapp.store.study` for the connection's
contract and its transactions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Column, Table

from quizapp.store.errors import StoreError
from quizapp.store.fast.prepared import JsonTexts, Prepared
from quizapp.store.models import CardStateRow
from quizapp.store.queries import DUE_COUNT, QUEUE_ROWS
from quizapp.store.records import (
    DELETE_REVIEW,
    INSERT_REVIEW,
    READ_STATE,
    READ_STATES,
    SET_BURIED,
    SET_SUSPENDED,
    STATE_FIELDS,
    STATE_INDEX,
    WRITE_SCHEDULE,
    WRITE_STATE,
    QueueRow,
    ReviewRecord,
    StateConflict,
    StateRecord,
    padded,
    state_record,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Dialect

    from quizapp.store.database import Database

#: KiB of page cache for the study connection (SQLite's default is 2,000).
STUDY_CACHE_KIB = 40_960

_states = cast(Table, CardStateRow.__table__)


class SQLiteStudyConnection:
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
        self._read_state = Prepared(READ_STATE, dialect)
        self._read_states = Prepared(READ_STATES, dialect).sql
        self._queue_rows = Prepared(QUEUE_ROWS, dialect)
        self._due_count = Prepared(DUE_COUNT, dialect)
        self._to_instant = _result_processor(_states.c.due_at, dialect)
        self._to_date = _result_processor(_states.c.buried_until, dialect)
        conversions = []
        for index, name in enumerate(STATE_FIELDS):
            process = _states.c[name].type.dialect_impl(dialect).result_processor(dialect, None)
            if process is not None:
                conversions.append((index, process))
        #: The columns read back through a conversion (JSON, dates, booleans), by position.
        self._read_conversions: tuple[tuple[int, Callable[[Any], Any]], ...] = tuple(conversions)
        # An answer's states are turned into JSON once (see `JsonTexts`).
        self._json_texts = JsonTexts()
        self._write_schedule = Prepared(WRITE_SCHEDULE, dialect, json_texts=self._json_texts)
        self._write_state = Prepared(WRITE_STATE, dialect)
        self._set_suspended = Prepared(SET_SUSPENDED, dialect)
        self._set_buried = Prepared(SET_BURIED, dialect)
        self._insert_review = Prepared(INSERT_REVIEW, dialect, json_texts=self._json_texts)
        self._delete_review = Prepared(DELETE_REVIEW, dialect)

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
                if cursor.rowcount == 0:
                    # Another session's answer came first: nothing of this one is written.
                    raise StateConflict(self._current(cursor, schedule.card_id))
            insert_review = self._insert_review
            cursor.execute(insert_review.sql, insert_review.params_of(review))
            rows = cursor.execute(self._read_states, padded(ahead)).fetchall() if ahead else []
        return {record.card_id: record for record in map(self._state_record, rows)}

    def _current(self, cursor: sqlite3.Cursor, card_id: int) -> StateRecord:
        """The card's state row, read in the open transaction (which holds the write lock)."""
        row = cursor.execute(self._read_state.sql, (card_id,)).fetchone()
        if row is None:
            raise StoreError(
                f"{self._url}: card {card_id} has no scheduling state; "
                "the database may have been changed by hand"
            )
        return self._state_record(row)

    def _state_record(self, row: Sequence[Any]) -> StateRecord:
        values = list(row)
        for index, process in self._read_conversions:
            values[index] = process(values[index])
        if isinstance(row[STATE_INDEX], str):
            # The text as stored is the text of the review's "state before", when answered.
            self._json_texts.put(values[STATE_INDEX], row[STATE_INDEX])
        return state_record(values)

    def queue_rows(self, day_end: datetime) -> list[QueueRow]:
        query = self._queue_rows
        try:
            rows = self._cursor.execute(query.sql, query.params({"day_end": day_end})).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"{self._url}: cannot read the review database: {exc}") from exc
        # Plain tuples, values converted only where there is one (new cards have none). A day
        # scheduler's due instants are few distinct values (starts of study days): each is
        # converted once, and a new card's None finds nothing.
        to_date = self._to_date
        instants = {due: self._to_instant(due) for due in {row[3] for row in rows} - {None}}
        return [
            (
                card_id,
                deck_id,
                key,
                instants.get(due),
                None if buried is None else to_date(buried),
                interval,
            )
            for card_id, deck_id, key, due, buried, interval in rows
        ]

    def due_count(self, start: datetime, end: datetime) -> int:
        query = self._due_count
        try:
            row = self._cursor.execute(
                query.sql, query.params({"b_start": start, "b_end": end})
            ).fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"{self._url}: cannot read the review database: {exc}") from exc
        return int(row[0])

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


def _result_processor(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any]:
    """The column type's own conversion of a value read from the driver."""
    process = column.type.dialect_impl(dialect).result_processor(dialect, None)
    return process or (lambda value: value)

"""The study connection: answers, undo, suspend and bury on the driver's connection and via Core.

The driver-level path (SQLite) must write exactly the rows SQLAlchemy's own Core path writes:
every test runs on both, reads the file back with plain sqlite3, and compares with values
worked out by hand (times as naive UTC text, dates as ISO text, JSON as json.dumps writes it).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from quizapp.store.database import Database, open_database
from quizapp.store.deck_sync import sync_decks
from quizapp.store.queries import ReviewRecord, StateRecord, card_ids
from quizapp.store.records import StateConflict
from quizapp.store.study import READ_AHEAD, StudyConnection, open_study_connection
from tests.store.factory import deck
from tests.sync_helpers import CALENDAR_UTC, SM2_EVERYWHERE

NOW = datetime(2026, 3, 10, 11, 0, tzinfo=UTC)
INITIAL = {"easiness": 2.5, "repetitions": 0, "interval": 0}
#: 12:30 at UTC+01:00 is 11:30 UTC: stored as naive UTC text.
ANSWERED = datetime(2026, 3, 10, 12, 30, 15, 250000, tzinfo=timezone(timedelta(hours=1)))
#: Study day 03-11 begins at 04:00 at UTC+01:00 (rollover 04:00), 03:00 UTC.
DUE_03_11 = datetime(2026, 3, 11, 3, 0, tzinfo=UTC)


@pytest.fixture(params=["driver", "core"])
def study(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Database, Any]]:
    database = open_database(f"sqlite:///{tmp_path / 'q.sqlite3'}")
    with database.writing() as db:
        sync_decks(db, [deck("d", 20)], now=NOW, schedulers=SM2_EVERYWHERE, calendar=CALENDAR_UTC)
    connection = open_study_connection(database, driver_level=request.param == "driver")
    yield database, connection
    connection.close()
    database.close()


def ids(database: Database) -> dict[str, int]:
    with database.reading() as db:
        return {key: card_id for (_, key), card_id in card_ids(db, ["d"]).items()}


def query(database: Database, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    path = database.engine.url.database
    assert path is not None
    with closing(sqlite3.connect(path)) as connection:
        return list(connection.execute(sql, args))


def learnt(card_id: int) -> StateRecord:
    return StateRecord(
        card_id=card_id,
        scheduler="sm2",
        state={"easiness": 2.6, "repetitions": 1, "interval": 1},
        due_at=DUE_03_11,
        interval=1,
        easiness=2.6,
        repetitions=1,
        lapses=0,
        suspended=False,
        buried_until=None,
        introduced=date(2026, 3, 10),
        version=1,  # the state answered from version 0, the row's first
    )


def review(card_id: int, review_id: str = "0195d6a0-0000-7000-8000-000000000001") -> ReviewRecord:
    return ReviewRecord(
        id=review_id,
        card_id=card_id,
        reviewed_at=ANSWERED,
        study_day=date(2026, 3, 10),
        grade=5,
        response_ms=1234,
        scheduler="sm2",
        state_before=INITIAL,
        state_after={"easiness": 2.6, "repetitions": 1, "interval": 1},
        seed=None,
        given={"m": "0.1"},
        repeat=False,
    )


def test_an_answer_writes_the_state_and_the_review_row(study: tuple[Database, Any]) -> None:
    database, connection = study
    card = ids(database)["c3"]
    connection.record(review(card), learnt(card))
    assert query(
        database,
        "SELECT state, due_at, interval, easiness, repetitions, lapses, suspended, buried_until,"
        " introduced FROM card_states WHERE card_id = ?",
        card,
    ) == [
        (
            '{"easiness": 2.6, "repetitions": 1, "interval": 1}',
            "2026-03-11 03:00:00.000000",
            1,
            2.6,
            1,
            0,
            0,
            None,
            "2026-03-10",
        )
    ]
    assert query(database, "SELECT * FROM reviews") == [
        (
            "0195d6a0-0000-7000-8000-000000000001",
            card,
            "2026-03-10 11:30:15.250000",
            "2026-03-10",
            5,
            1234,
            "sm2",
            '{"easiness": 2.5, "repetitions": 0, "interval": 0}',
            '{"easiness": 2.6, "repetitions": 1, "interval": 1}',
            None,
            '{"m": "0.1"}',
            0,
        )
    ]


def test_a_repeat_writes_only_its_review_row(study: tuple[Database, Any]) -> None:
    database, connection = study
    card = ids(database)["c0"]
    connection.record(review(card), None)
    assert query(
        database, "SELECT due_at, repetitions FROM card_states WHERE card_id = ?", card
    ) == [(None, 0)]
    assert query(database, "SELECT count(*) FROM reviews") == [(1,)]


def test_state_reads_back_what_was_written(study: tuple[Database, Any]) -> None:
    database, connection = study
    card = ids(database)["c1"]
    assert connection.state(card) == StateRecord(
        card, "sm2", INITIAL, None, 0, 2.5, 0, 0, False, None, None
    )
    connection.record(review(card), learnt(card))
    assert connection.state(card) == learnt(card)
    assert connection.state(10_000) is None


def test_an_answer_reads_the_next_cards_states_with_it(study: tuple[Database, Any]) -> None:
    database, connection = study
    by_key = ids(database)
    ahead = [by_key[f"c{i}"] for i in range(1, READ_AHEAD + 3)]  # more than one batch
    read = connection.record(review(by_key["c0"]), learnt(by_key["c0"]), ahead)
    assert sorted(read) == sorted(ahead[:READ_AHEAD])
    assert read[by_key["c1"]].state == INITIAL
    c5 = by_key["c5"]
    assert connection.record(review(by_key["c0"], "r2"), None, [c5]) == {
        c5: StateRecord(c5, "sm2", INITIAL, None, 0, 2.5, 0, 0, False, None, None)
    }


def test_take_back_removes_the_review_and_puts_the_whole_row_back(
    study: tuple[Database, Any],
) -> None:
    database, connection = study
    card = ids(database)["c2"]
    before = connection.state(card)
    connection.record(review(card), learnt(card))
    connection.take_back("0195d6a0-0000-7000-8000-000000000001", before)
    assert query(database, "SELECT count(*) FROM reviews") == [(0,)]
    # The row as it was, under a version it never had: a session holding version 0 or 1
    # cannot take it for the state it read.
    assert connection.state(card) == replace(before, version=2)


def test_an_answer_leaves_a_suspension_alone(study: tuple[Database, Any]) -> None:
    # A state read before the card was suspended (another session's) must not unsuspend it.
    database, connection = study
    card = ids(database)["c4"]
    assert connection.set_suspended(card, True) is True
    connection.record(review(card), learnt(card))
    assert query(database, "SELECT suspended, due_at FROM card_states WHERE card_id = ?", card) == [
        (1, "2026-03-11 03:00:00.000000")
    ]


def test_set_suspended_says_whether_anything_changed(study: tuple[Database, Any]) -> None:
    database, connection = study
    card = ids(database)["c5"]
    assert connection.set_suspended(card, False) is False  # was not suspended
    assert connection.set_suspended(card, True) is True
    assert connection.set_suspended(card, True) is False
    assert connection.set_suspended(card, False) is True
    assert connection.set_suspended(10_000, True) is False


def test_bury_sets_the_day(study: tuple[Database, Any]) -> None:
    database, connection = study
    card = ids(database)["c6"]
    connection.bury(card, date(2026, 3, 11))
    assert query(database, "SELECT buried_until FROM card_states WHERE card_id = ?", card) == [
        ("2026-03-11",)
    ]


def test_queue_rows_are_the_new_and_due_cards_in_their_files(
    study: tuple[Database, Any],
) -> None:
    database, connection = study
    by_key = ids(database)
    path = database.engine.url.database
    assert path is not None
    with closing(sqlite3.connect(path)) as raw, raw:
        # c0 due yesterday, c1 due tomorrow (at the very end of today), c2 suspended, c3
        # removed from its file, c4 due today and buried until tomorrow; c5..c19 new. Study
        # days begin at 03:00 UTC (04:00 at UTC+01:00).
        due = "UPDATE card_states SET due_at = ? WHERE card_id = ?"
        raw.execute(due, ("2026-03-09 03:00:00.000000", by_key["c0"]))
        raw.execute(due, ("2026-03-11 03:00:00.000000", by_key["c1"]))
        raw.execute("UPDATE card_states SET suspended = 1 WHERE card_id = ?", (by_key["c2"],))
        raw.execute("UPDATE cards SET removed = 1 WHERE id = ?", (by_key["c3"],))
        raw.execute(
            "UPDATE card_states SET due_at = '2026-03-10 03:00:00.000000',"
            " buried_until = '2026-03-11'"
            " WHERE card_id = ?",
            (by_key["c4"],),
        )
    rows = {row[2]: row for row in connection.queue_rows(DUE_03_11)}  # the end of 03-10
    assert set(rows) == {"c0", "c4", *(f"c{i}" for i in range(5, 20))}
    # The interval column is as the raw updates left it (0): only the due times moved.
    assert rows["c0"] == (by_key["c0"], "d", "c0", datetime(2026, 3, 9, 3, tzinfo=UTC), None, 0)
    assert rows["c4"] == (
        by_key["c4"],
        "d",
        "c4",
        datetime(2026, 3, 10, 3, tzinfo=UTC),
        date(2026, 3, 11),
        0,
    )
    assert rows["c7"] == (by_key["c7"], "d", "c7", None, None, 0)


def test_a_state_read_back_is_logged_as_stored(study: tuple[Database, Any]) -> None:
    # The review's "state before" is the state as the database held it, text and all.
    database, connection = study
    card = ids(database)["c7"]
    path = database.engine.url.database
    assert path is not None
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute(
            'UPDATE card_states SET state = \'{"easiness":2.5,"repetitions":0,'
            '"interval":0}\' WHERE card_id = ?',
            (card,),
        )
    before = connection.state(card)
    assert before is not None and before.state == INITIAL
    connection.record(replace(review(card), state_before=before.state), learnt(card))
    (stored,) = query(database, "SELECT state_before FROM reviews")
    assert json.loads(stored[0]) == INITIAL


def test_driver_and_core_paths_write_the_same_bytes(tmp_path: Path) -> None:
    files = []
    for path in ("driver", "core"):
        database = open_database(f"sqlite:///{tmp_path / path}.sqlite3")
        with database.writing() as db:
            sync_decks(
                db, [deck("d", 3)], now=NOW, schedulers=SM2_EVERYWHERE, calendar=CALENDAR_UTC
            )
        connection: StudyConnection = open_study_connection(database, driver_level=path == "driver")
        card = ids(database)["c1"]
        connection.record(review(card), learnt(card))
        connection.record(replace(review(card, "r2"), given=None, seed=7, repeat=True), None)
        connection.bury(card, date(2026, 3, 12))
        connection.set_suspended(ids(database)["c2"], True)
        connection.close()
        files.append(
            (
                query(database, "SELECT * FROM card_states ORDER BY card_id"),
                query(database, "SELECT * FROM reviews ORDER BY id"),
            )
        )
        database.close()
    assert files[0] == files[1]


def test_a_stale_state_is_not_written_and_the_current_one_is_reported(
    study: tuple[Database, Any],
) -> None:
    database, connection = study
    card = ids(database)["c7"]
    connection.record(review(card), learnt(card))  # another session's answer: version 1
    stale = learnt(card)  # computed from version 0 as well
    try:
        connection.record(review(card, "0195d6a0-0000-7000-8000-000000000002"), stale)
    except StateConflict as conflict:
        assert conflict.current == connection.state(card)
        assert conflict.current.version == 1
    else:
        raise AssertionError("a state computed from version 0 was written over version 1")
    # Nothing of the refused answer was written: one review row, the first answer's.
    assert query(database, "SELECT count(*), min(id) FROM reviews WHERE card_id = ?", card) == [
        (1, "0195d6a0-0000-7000-8000-000000000001")
    ]
    assert query(database, "SELECT version FROM card_states WHERE card_id = ?", card) == [(1,)]
    # From the current version, the same answer goes in.
    connection.record(
        review(card, "0195d6a0-0000-7000-8000-000000000002"), replace(stale, version=2)
    )
    assert query(database, "SELECT version FROM card_states WHERE card_id = ?", card) == [(2,)]


def test_due_count_counts_the_cards_that_may_be_asked_in_the_range(
    study: tuple[Database, Any],
) -> None:
    database, connection = study
    by_key = ids(database)
    for n, key in enumerate(("c1", "c2", "c3")):
        answer = review(by_key[key], f"0195d6a0-0000-7000-8000-00000000001{n}")
        connection.record(answer, learnt(by_key[key]))  # due 03-11 03:00 UTC
    connection.set_suspended(by_key["c3"], True)
    day_end = DUE_03_11 + timedelta(days=1)
    # Counted independently: the stored due instants, suspended cards left out.
    (expected,) = query(
        database,
        "SELECT count(*) FROM card_states WHERE NOT suspended AND due_at >= ? AND due_at < ?",
        "2026-03-11 03:00:00.000000",
        "2026-03-12 03:00:00.000000",
    )
    assert connection.due_count(DUE_03_11, day_end) == expected[0] == 2
    # [start, end): a card due at the end instant is the next day's.
    assert connection.due_count(DUE_03_11 - timedelta(days=1), DUE_03_11) == 0
    assert connection.due_count(DUE_03_11 + timedelta(seconds=1), day_end) == 0

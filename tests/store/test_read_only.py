"""Opening the review database to read only: nothing created, migrated or written, ever."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import OperationalError

from quizapp.store import StoreError
from quizapp.store.database import open_database
from quizapp.store.deck_sync import sync_decks
from quizapp.store.models import CardRow, DeckRow
from quizapp.store.read_only import open_read_only
from quizapp.store.revision import HEAD_REVISION
from quizapp.store.study import open_study_connection
from tests.store.factory import deck
from tests.sync_helpers import CALENDAR_UTC, SM2_EVERYWHERE

NEW = {"easiness": 2.5, "repetitions": 0, "interval": 0}
NOW = datetime(2026, 3, 10, 11, 0, tzinfo=UTC)


@pytest.fixture
def synced(tmp_path: Path) -> Path:
    """A database at the head revision holding one deck of three cards (closed again)."""
    path = tmp_path / "reviews.sqlite3"
    database = open_database(f"sqlite:///{path}")
    with database.writing() as db:
        sync_decks(db, [deck("d", 3)], now=NOW, schedulers=SM2_EVERYWHERE, calendar=CALENDAR_UTC)
    database.close()
    return path


def test_an_old_database_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "reviews.sqlite3"
    open_database(f"sqlite:///{path}", target="0001").close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="run quizapp once to upgrade it") as refused:
        open_read_only(f"sqlite:///{path}")
    assert str(path) in str(refused.value) and "schema 0001" in str(refused.value)
    assert path.read_bytes() == before
    # SQLite's read-only reader of a WAL file may leave an empty log beside it, never a change.
    log = path.with_name(path.name + "-wal")
    assert not log.exists() or log.read_bytes() == b""
    with closing(sqlite3.connect(path)) as probe:
        assert probe.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]


def test_a_missing_file_is_refused_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "reviews.sqlite3"
    with pytest.raises(StoreError, match="no review database here"):
        open_read_only(f"sqlite:///{path}")
    assert not path.parent.exists()


def test_an_empty_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(StoreError, match="no quizapp schema"):
        open_read_only(f"sqlite:///{path}")
    assert path.read_bytes() == b""


def test_a_database_at_head_is_read_and_its_file_left_as_it_was(synced: Path) -> None:
    before = synced.read_bytes()
    database = open_read_only(f"sqlite:///{synced}")
    try:
        with database.reading() as db:
            assert db.execute(select(func.count()).select_from(CardRow)).scalar() == 3
            version = db.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert version == HEAD_REVISION
    finally:
        database.close()
    assert synced.read_bytes() == before


def test_nothing_can_be_written_through_it(synced: Path) -> None:
    before = synced.read_bytes()
    database = open_read_only(f"sqlite:///{synced}")
    try:
        with pytest.raises(StoreError, match="opened to read only"), database.writing():
            pass
        with pytest.raises(StoreError, match="opened to read only"):
            open_study_connection(database)
        # Even SQL written by hand on a reading session: SQLite itself refuses.
        with database.reading() as db, pytest.raises(OperationalError, match="readonly"):
            db.execute(delete(DeckRow))
        with database.engine.connect() as connection, pytest.raises(OperationalError):
            connection.exec_driver_sql("PRAGMA query_only = OFF")
            connection.exec_driver_sql("DELETE FROM decks")
    finally:
        database.close()
    assert synced.read_bytes() == before
    with closing(sqlite3.connect(synced)) as probe:
        assert probe.execute("SELECT count(*) FROM decks").fetchone() == (1,)


def test_it_reads_while_another_connection_writes(synced: Path) -> None:
    writer = open_database(f"sqlite:///{synced}")
    try:
        with writer.writing() as db:
            # The writer holds the write lock, with a deck not yet committed.
            sync_decks(
                db, [deck("e", 2)], now=NOW, schedulers=SM2_EVERYWHERE, calendar=CALENDAR_UTC
            )
            reader = open_read_only(f"sqlite:///{synced}")
            try:
                with reader.reading() as read:
                    ids = read.execute(select(DeckRow.id).order_by(DeckRow.id)).scalars().all()
                    cards = read.execute(select(func.count()).select_from(CardRow)).scalar()
            finally:
                reader.close()
            assert (list(ids), cards) == (["d"], 3)
        reader = open_read_only(f"sqlite:///{synced}")
        try:
            with reader.reading() as read:
                assert read.execute(select(func.count()).select_from(CardRow)).scalar() == 5
        finally:
            reader.close()
    finally:
        writer.close()


def test_sqlite_in_memory_cannot_be_read_only() -> None:
    with pytest.raises(StoreError, match="only a SQLite file"):
        open_read_only("sqlite://")

"""Opening the database: pragmas, the schema at the newest revision, refusing what it cannot use."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text

from quizapp.store import StoreError
from quizapp.store.database import HEAD_REVISION, _known_revisions, open_database


def url(path: Path) -> str:
    return f"sqlite:///{path}"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sqlite_is_set_up_for_durability_and_concurrency(tmp_path: Path) -> None:
    database = open_database(url(tmp_path / "q.sqlite3"))
    try:
        with database.engine.connect() as connection:
            pragmas = {
                name: connection.execute(text(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            }
    finally:
        database.close()
    # synchronous 2 is FULL; the busy timeout is in milliseconds.
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 30000,
    }


def test_a_new_database_is_at_the_newest_revision(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dir" / "q.sqlite3"
    open_database(url(path)).close()
    with closing(sqlite3.connect(path)) as connection, connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert {"meta", "decks", "cards", "card_states", "reviews", "card_edits"} <= tables
    # No backup for a database that did not exist before.
    assert sorted(p.name for p in path.parent.iterdir() if "backup" in p.name) == []


def test_head_revision_constant_matches_the_migrations() -> None:
    known = _known_revisions()
    heads = set(known) - {down for down in known.values() if down is not None}
    assert heads == {HEAD_REVISION}


def test_the_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from quizapp.store.models import Base

    database = open_database(url(tmp_path / "q.sqlite3"))
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection)
            differences = compare_metadata(context, Base.metadata)
    finally:
        database.close()
    assert differences == []


def test_reopening_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    open_database(url(path)).close()
    before = digest(path)
    open_database(url(path)).close()
    assert digest(path) == before
    assert [p.name for p in tmp_path.iterdir() if "backup" in p.name] == []


def test_a_database_from_a_newer_program_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    open_database(url(path)).close()
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00d'")
    before = digest(path)
    with pytest.raises(StoreError) as raised:
        open_database(url(path))
    message = str(raised.value)
    assert str(path) in message and "newer quizapp" in message and "f00d" in message
    assert digest(path) == before
    # No backup, no migration: only SQLite's own -wal/-shm companions may appear beside it.
    assert {p.name for p in tmp_path.iterdir()} <= {"q.sqlite3", "q.sqlite3-wal", "q.sqlite3-shm"}
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("f00d",)


def test_a_file_that_is_not_a_database_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    path.write_bytes(b"these are not the bytes of a database" * 200)
    with pytest.raises(StoreError, match=r"cannot read the review database .* backup"):
        open_database(url(path))
    assert path.read_bytes().startswith(b"these are not")


def test_a_sqlite_file_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    with pytest.raises(StoreError, match="not a quizapp one"):
        open_database(url(path))


def test_an_unusable_url_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="not a usable database URL"):
        open_database("nosuchdialect://somewhere/db")


def test_writes_take_the_write_lock_when_they_begin(tmp_path: Path) -> None:
    """A second writer waits (busy timeout) instead of failing on a stale snapshot."""
    path = tmp_path / "q.sqlite3"
    database = open_database(url(path))
    try:
        with database.writing() as db:
            # Even a first statement that only reads starts the transaction with the write lock.
            db.execute(text("SELECT count(*) FROM reviews"))
            other = sqlite3.connect(path, timeout=0, isolation_level=None)
            try:
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("BEGIN IMMEDIATE")
            finally:
                other.close()
    finally:
        database.close()

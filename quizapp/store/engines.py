"""The engine's set-up per dialect: URL spellings fixed, SQLite's pragmas, and the write lock
each write transaction takes when it begins (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock).

`quizapp.store.database` (a migrated database to write) and `quizapp.store.read_only` (one read
as it is) build their engines with these.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import URL, make_url

#: Milliseconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_MS = 30_000

#: The key of PostgreSQL's advisory lock that serialises quizapp's writers. Advisory locks are
#: per database, so two quizapp databases on one server never wait for each other.
PG_WRITE_LOCK = 0x7175_697A_6170_70  # "quizapp" in ASCII


def normalised_url(url: str) -> URL:
    """`url` parsed, with the PostgreSQL spellings SQLAlchemy would refuse or fail on fixed.

    ``postgres://`` (as many hosting services write it) is not a name SQLAlchemy knows, and a
    bare ``postgresql://`` means psycopg2 on SQLAlchemy 2.0: quizapp's `postgres` extra installs
    psycopg 3, so a URL without a driver uses it when psycopg2 is not there.
    """
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql") and (
        importlib.util.find_spec("psycopg2") is None
        and importlib.util.find_spec("psycopg") is not None
    ):
        return parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername.startswith("postgres+"):
        return parsed.set(drivername="postgresql+" + parsed.drivername.partition("+")[2])
    if parsed.drivername == "postgres":
        return parsed.set(drivername="postgresql")
    return parsed


def configure_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # A server or database set to another DateStyle ('SQL, DMY'...) would turn dates cast to
        # text, which the statistics read, into something else than YYYY-MM-DD.
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("SET DateStyle = 'ISO, YMD'")
        finally:
            cursor.close()
        # Committed: the driver opened a transaction for the SET, and a rollback would undo it.
        dbapi_connection.commit()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # As SQLite's BEGIN IMMEDIATE: a writer waits for another process's writer to finish
        # before it reads anything. Without it, two processes syncing the same new deck both see
        # it missing and the second fails on the unique key; two first opens both migrate.
        if connection.get_execution_options().get("quizapp_write"):
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")


def configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A deferred transaction that reads and then writes fails at once (SQLITE_BUSY, no wait)
        # if another process wrote in between; taking the write lock up front waits instead.
        if connection.get_execution_options().get("quizapp_write"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

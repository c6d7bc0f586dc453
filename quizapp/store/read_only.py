"""Opening the review database to read it only: no migration, no sync, no write, ever.

For readers such as ``quizapp stats``. A SQLite file is opened read-only by SQLite itself (URI
``mode=ro``, and ``PRAGMA query_only`` on every connection); a missing file, or one not at the
schema this program knows, is refused with a `StoreError` saying what to do, instead of being
created or migrated. Another database is not migrated either, and on PostgreSQL every
transaction is read-only (the driver's read-only mode). Whatever the database, the `Database`
returned refuses to hand out a writer.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.pool import QueuePool

from quizapp.store.database import (
    Database,
    _current_revision,
    _read_only_revision,
    _refuse_if_newer,
    shown_url,
    sqlite_file,
)
from quizapp.store.engines import BUSY_TIMEOUT_MS, configure_postgresql, normalised_url
from quizapp.store.errors import StoreError
from quizapp.store.health import read_only_uri
from quizapp.store.revision import HEAD_REVISION


def open_read_only(url: str) -> Database:
    """The database at `url`, opened to read only; it must exist and be at the head revision."""
    try:
        path = sqlite_file(url)
    except ArgumentError as exc:
        raise StoreError(f"{url}: not a database URL") from exc
    if path is not None:
        return _open_sqlite(path, url)
    shown = shown_url(url)
    try:
        engine = create_engine(normalised_url(url))
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"{shown}: not a usable database URL: {exc}") from exc
    if engine.dialect.name == "sqlite":
        engine.dispose()
        raise StoreError(
            f"{shown}: only a SQLite file can be opened to read (not one in memory or "
            "given as a file: URI); write the URL as sqlite:////path/to/file.sqlite3"
        )
    if engine.dialect.name == "postgresql":
        configure_postgresql(engine)
        engine = engine.execution_options(postgresql_readonly=True)
    try:
        with engine.connect() as connection:
            _refuse_unless_head(_current_revision(connection), shown)
    except StoreError:
        engine.dispose()
        raise
    except (DBAPIError, SQLAlchemyError) as exc:
        engine.dispose()
        reason = exc.orig if isinstance(exc, DBAPIError) else exc
        raise StoreError(f"{shown}: cannot open the review database: {reason}") from exc
    return Database(engine, url, read_only=True)


def _refuse_unless_head(revision: str | None, where: str) -> None:
    _refuse_if_newer(revision, where)
    if revision == HEAD_REVISION:
        return
    found = "no quizapp schema" if revision is None else f"schema {revision}"
    raise StoreError(
        f"{where}: the review database has {found}, and this quizapp reads only schema "
        f"{HEAD_REVISION}; run quizapp once to upgrade it, then read it again. "
        "The database was not changed."
    )


def _open_sqlite(path: Path, url: str) -> Database:
    if not path.is_file():
        raise StoreError(
            f"{path}: there is no review database here to read; run quizapp once to create "
            "it, or give the file with --db"
        )
    # Checked before SQLAlchemy opens it, on a connection that cannot write either.
    _refuse_unless_head(_read_only_revision(path), str(path))
    uri = read_only_uri(path)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    # A pool as for any SQLite file (the URL alone would make SQLAlchemy treat it as memory).
    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)
    _configure_read_only_sqlite(engine)
    return Database(engine, url, read_only=True)


def _configure_read_only_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # As `engines.configure_sqlite`, minus what writes (journal mode) or needs a writer.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA query_only = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # One snapshot per transaction, as `Database.reading` expects.
        connection.exec_driver_sql("BEGIN")

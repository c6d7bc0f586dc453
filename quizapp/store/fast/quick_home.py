"""The home screen's counts read with the standard library's `sqlite3`, before SQLAlchemy loads.

Importing SQLAlchemy and opening the store through it takes a few hundred milliseconds, most of
the TUI's start-up. When the store is a SQLite file that needs nothing done before it is read,
the home screen's counts can be read without it, while the full `Collection` opens behind them:

- the file exists and its schema is at `revision.HEAD_REVISION` (no migration to run);
- every deck loaded has the content hash stored at its last sync (the sync would change nothing
  these counts read).

Anything else (another database, an older or newer schema, a deck edited since, a file that
cannot be read) gives None, and the caller waits for the full open. The statements are those of
`quizapp.store.home_statements`, as SQLAlchemy compiles them for SQLite (`home_sql.json`, made
by `home_sql`); the connection is read-only and every read runs in one transaction, as
`Collection` reads them. Nothing here imports SQLAlchemy.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Generator, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from quizapp.scheduling.days import StudyCalendar
from quizapp.store.home_reads import HomeReads, read_home
from quizapp.store.revision import HEAD_REVISION, VERSION_TABLE

_SQLITE_PREFIX = "sqlite:///"

#: How SQLAlchemy's SQLite dialect writes a datetime (`UTCDateTime` gives it naive UTC).
_SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"

#: From a value of a named parameter to what SQLite is given (as SQLAlchemy's types convert it:
#: instants as naive UTC text, dates as ISO text, flags as 0 or 1).
_TO_SQLITE: dict[str, Callable[[Any], Any]] = {
    "instant": lambda value: value.astimezone(UTC).strftime(_SQLITE_DATETIME),
    "date": lambda value: value.isoformat(),
    "bool": lambda value: int(bool(value)),
    "int": int,
}

#: From a value SQLite returns to what SQLAlchemy's result processors give.
_FROM_SQLITE: dict[str, Callable[[Any], Any]] = {
    "instant": lambda value: (
        None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)
    ),
    "date": lambda value: None if value is None else date.fromisoformat(value),
    "bool": lambda value: None if value is None else bool(value),
    "int": lambda value: value,
    "text": lambda value: value,
}


def sqlite_path(url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL (as `paths.default_db_url` makes), else None.

    URLs with a query, escapes, or in memory are left to SQLAlchemy's own parser, on the full
    open.
    """
    if not url.startswith(_SQLITE_PREFIX):
        return None
    database = url[len(_SQLITE_PREFIX) :]
    if not database or database == ":memory:" or any(c in database for c in "?%#"):
        return None
    return Path(database)


@cache
def _statements() -> Mapping[str, Mapping[str, Any]]:
    text = Path(__file__).with_name("home_sql.json").read_text(encoding="utf-8")
    statements: dict[str, dict[str, Any]] = json.loads(text)
    return statements


class SqliteReader:
    """Runs the home statements on a `sqlite3` connection (a `home_reads.Reader`)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def rows(self, name: str, **params: Any) -> Generator[Sequence[Any]]:
        spec = _statements()[name]
        arguments = [
            _TO_SQLITE[entry[2]](params[entry[1]]) if entry[0] == "name" else entry[1]
            for entry in spec["params"]
        ]
        convert = [_FROM_SQLITE[kind] for kind in spec["columns"]]
        cursor = self._connection.execute(spec["sql"], arguments)
        try:
            for row in cursor:
                yield tuple(f(value) for f, value in zip(convert, row, strict=True))
        finally:
            cursor.close()


def read_home_quickly(
    url: str,
    deck_hashes: Mapping[str, str],
    *,
    today: date,
    calendar: StudyCalendar,
    min_reviews: int,
    max_interval_days: int,
    deck_schedulers: Mapping[str, str] | None = None,
    max_answer_seconds: int = 60,
) -> HomeReads | None:
    """The home screen's reads, if the store at `url` can vouch for them as it is (see above).

    `deck_hashes` maps each loaded deck's id to the content hash of its file, `deck_schedulers`
    to the name of its scheduler now (a deck whose scheduler changed needs the full open, which
    switches its cards). Never raises for a database it cannot read: it gives None, and the
    full open reports what is wrong.
    """
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return None
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0, isolation_level=None
        )
    except sqlite3.Error:
        return None
    try:
        connection.execute("BEGIN")
        if not _current(connection, deck_hashes, deck_schedulers or {}):
            return None
        return read_home(
            SqliteReader(connection),
            today=today,
            calendar=calendar,
            min_reviews=min_reviews,
            max_interval_days=max_interval_days,
            max_answer_seconds=max_answer_seconds,
        )
    except (sqlite3.Error, OSError, KeyError, TypeError, ValueError):
        # Not a quizapp store as this program knows it (or its statements could not be read):
        # the full open says what is wrong, if anything.
        return None
    finally:
        connection.close()


def _current(
    connection: sqlite3.Connection,
    deck_hashes: Mapping[str, str],
    deck_schedulers: Mapping[str, str],
) -> bool:
    """Whether the schema is at head and every deck is as at its last sync."""
    revisions = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
    if revisions != [(HEAD_REVISION,)]:
        return False
    stored: Sequence[tuple[str, str, str | None]] = connection.execute(
        "SELECT id, content_hash, scheduler FROM decks"
    ).fetchall()
    synced = {deck_id: (content_hash, scheduler) for deck_id, content_hash, scheduler in stored}
    for deck_id, content_hash in deck_hashes.items():
        found = synced.get(deck_id)
        if not content_hash or found is None or found[0] != content_hash:
            return False
        scheduler = deck_schedulers.get(deck_id)
        if scheduler is not None and found[1] != scheduler:
            return False
    return True

"""Why the review database refused something, in the learner's words, and what to do about it.

A database error reaches the learner as one line: which database, what was not done, why (the
disk is full, the file is read-only, another program holds the lock, the file is damaged) and
what to do next. `kind_of` reads the reason from the driver's own error codes (SQLite's primary
result codes, PostgreSQL's SQLSTATE, the operating system's errno), falling back on the
driver's message only where no code is given; `store_error` turns any of them into the
`StoreError` the front ends show, with its `kind` set so they can offer to retry.
"""

from __future__ import annotations

import errno
import sqlite3
from enum import StrEnum
from pathlib import Path

from quizapp.store.errors import StoreError


class Failure(StrEnum):
    """What kind of trouble the database is in: each has its own advice."""

    FULL = "full"
    READ_ONLY = "read_only"
    LOCKED = "locked"
    DAMAGED = "damaged"
    OTHER = "other"


#: SQLite's primary result codes (the low byte of an extended code), as sqlite3.h numbers them.
_SQLITE_CODES = {
    3: Failure.READ_ONLY,  # SQLITE_PERM
    5: Failure.LOCKED,  # SQLITE_BUSY
    6: Failure.LOCKED,  # SQLITE_LOCKED
    8: Failure.READ_ONLY,  # SQLITE_READONLY
    11: Failure.DAMAGED,  # SQLITE_CORRUPT
    13: Failure.FULL,  # SQLITE_FULL
    26: Failure.DAMAGED,  # SQLITE_NOTADB
}

#: PostgreSQL's SQLSTATEs (the server's own codes, whatever the driver).
_SQLSTATES = {
    "53100": Failure.FULL,  # disk_full
    "53200": Failure.FULL,  # out_of_memory
    "25006": Failure.READ_ONLY,  # read_only_sql_transaction
    "42501": Failure.READ_ONLY,  # insufficient_privilege
    "55P03": Failure.LOCKED,  # lock_not_available
    "40P01": Failure.LOCKED,  # deadlock_detected
    "57014": Failure.LOCKED,  # query_canceled (a statement or lock timeout)
    "XX001": Failure.DAMAGED,  # data_corrupted
    "XX002": Failure.DAMAGED,  # index_corrupted
}

_ERRNOS = {
    errno.ENOSPC: Failure.FULL,
    errno.EDQUOT: Failure.FULL,
    errno.EROFS: Failure.READ_ONLY,
    errno.EACCES: Failure.READ_ONLY,
    errno.EPERM: Failure.READ_ONLY,
}

#: For errors that carry no code (older drivers, other databases): words of SQLite's and
#: PostgreSQL's own messages.
_WORDS = (
    ("disk is full", Failure.FULL),
    ("no space left", Failure.FULL),
    ("readonly database", Failure.READ_ONLY),
    ("read-only", Failure.READ_ONLY),
    ("database is locked", Failure.LOCKED),
    ("database table is locked", Failure.LOCKED),
    ("lock timeout", Failure.LOCKED),
    ("malformed", Failure.DAMAGED),
    ("file is not a database", Failure.DAMAGED),
)


def driver_error(exc: BaseException) -> BaseException:
    """The driver's own exception behind a SQLAlchemy one (or `exc` itself)."""
    seen = exc
    for _ in range(5):
        inner = getattr(seen, "orig", None)
        if not isinstance(inner, BaseException):
            break
        seen = inner
    return seen


def kind_of(exc: BaseException) -> Failure:
    """The kind of a database or file-system error (`Failure.OTHER` if it is none of them)."""
    if isinstance(exc, StoreError):
        return Failure(exc.kind)
    error = driver_error(exc)
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _SQLITE_CODES:
        return _SQLITE_CODES[code & 0xFF]
    state = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
    if isinstance(state, str) and state in _SQLSTATES:
        return _SQLSTATES[state]
    if isinstance(error, OSError) and error.errno in _ERRNOS:
        return _ERRNOS[error.errno]
    text = reason(error).lower()
    for words, kind in _WORDS:
        if words in text:
            return kind
    return Failure.OTHER


def reason(exc: BaseException) -> str:
    """The driver's message alone: no SQL statement, no parameters, no SQLAlchemy link."""
    error = driver_error(exc)
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def backups_hint(path: Path | None) -> str:
    """Where this database's backups are, for a message (empty for a database not in a file)."""
    if path is None:
        return ""
    from quizapp.store.backups import backup_folder, newest_backup

    newest = newest_backup(path)
    if newest is None:
        return f" (no backup was found in {backup_folder(path)})"
    return f"; the newest backup is {newest}: with quizapp closed, copy it over {path}"


def advice(kind: Failure, *, path: Path | None = None) -> str:
    """What the learner can do about a failure of this kind."""
    if kind is Failure.FULL:
        return "free some disk space, then retry"
    if kind is Failure.READ_ONLY:
        return "make the file and its folder writable (or use another file with --db), then retry"
    if kind is Failure.LOCKED:
        return "close that program (another quizapp?), then retry"
    if kind is Failure.DAMAGED:
        return (
            "quizapp writes nothing more to it: restore a backup, or move the file away to start "
            "afresh" + backups_hint(path)
        )
    return "retry; if it keeps failing, check the disk and the file"


_WHY = {
    Failure.FULL: "the disk is full",
    Failure.READ_ONLY: "the database is read-only",
    Failure.LOCKED: "the database stayed locked by another program",
    Failure.DAMAGED: "the file is damaged",
}


def store_error(
    exc: BaseException, where: str, doing: str, *, path: Path | None = None
) -> StoreError:
    """One line for `exc`: `where` (the file or URL), what was not done (`doing`, e.g. "your
    answer was not saved"), why and what to do; the `StoreError`'s `kind` says which."""
    kind = kind_of(exc)
    if kind is Failure.OTHER and path is not None:
        from quizapp.store.health import nearly_full, writable

        if not writable(path):
            # SQLite says only "unable to open database file" when it cannot create its log
            # beside a database in a read-only folder.
            kind = Failure.READ_ONLY
        elif nearly_full(path):
            # Nor does it say ENOSPC when its shared-memory index cannot grow: "disk I/O error".
            kind = Failure.FULL
    why = _WHY.get(kind)
    detail = reason(exc)
    because = f"{why} ({detail})" if why else detail
    message = f"{where}: {doing}: {because}; {advice(kind, path=path)}"
    return StoreError(message, kind=kind.value)


def is_sqlite_error(exc: BaseException) -> bool:
    """Whether `exc` is (or wraps) an error of the standard library's sqlite3 driver."""
    return isinstance(driver_error(exc), sqlite3.Error)

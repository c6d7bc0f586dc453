"""Whether a SQLite review database is intact, checked when it may not be, before any write.

A clean close leaves a small note beside the database (``quizapp.sqlite3.clean``: the file's
size and modification time then). At the next open, a file that still matches its note (and has
no write-ahead log left over) is the one quizapp closed cleanly and is trusted as it is; any
other (a crash, a kill, another program, a disk fault) gets SQLite's ``PRAGMA quick_check``
first, on a read-only connection, so a damaged file is refused before anything writes to it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import suppress
from pathlib import Path

from quizapp.store.errors import StoreError


def read_only_uri(path: Path) -> str:
    """The URI that opens `path` to read only, with SQLite's ``mode=ro``.

    In a folder quizapp cannot write (a read-only disk or mount), SQLite could not create the
    shared-memory file a WAL database's readers need, so the file is opened ``immutable``: with
    nobody able to write there, nothing can change under the reader.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return uri if os.access(path.parent, os.W_OK) else uri + "&immutable=1"


def writable(path: Path) -> bool:
    """Whether quizapp may write the database `path` and its folder (its log lives there)."""
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


#: Free bytes below which an I/O error beside the database is taken for a full disk (SQLite's
#: shared-memory index grows by 32 KiB, its log by a page and a header at a time).
NEARLY_FULL_BYTES = 256 * 1024


def nearly_full(path: Path) -> bool:
    """Whether the file system holding `path`'s folder has (next to) no room left for it."""
    try:
        stat = os.statvfs(path.parent)
    except (OSError, AttributeError):  # no statvfs (Windows), or the folder is gone
        return False
    return stat.f_bavail * stat.f_frsize < NEARLY_FULL_BYTES


def note_path(path: Path) -> Path:
    """The clean-close note of the database `path`."""
    return path.with_name(path.name + ".clean")


def _stamp(path: Path) -> dict[str, int]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def closed_cleanly(path: Path) -> bool:
    """Whether `path` is as quizapp's last clean close left it."""
    log = path.with_name(path.name + "-wal")
    try:
        if log.exists() and log.stat().st_size > 0:
            return False
        note = json.loads(note_path(path).read_text(encoding="utf-8"))
        return bool(note == _stamp(path))
    except (OSError, ValueError):
        return False


def forget_clean_close(path: Path) -> None:
    """Remove the note: the file is about to change (or is damaged)."""
    with suppress(OSError):
        note_path(path).unlink()


def note_clean_close(path: Path) -> None:
    """Record `path` as it is now, after the last connection closed (written atomically; a
    failure only means a check at the next open)."""
    note = note_path(path)
    temporary = note.with_name(f".{note.name}.{os.getpid()}")
    try:
        temporary.write_text(json.dumps(_stamp(path)), encoding="utf-8")
        os.replace(temporary, note)
    except OSError:
        with suppress(OSError):
            temporary.unlink()


def check_intact(probe: sqlite3.Connection, path: Path) -> None:
    """Run ``PRAGMA quick_check`` on a read-only connection to `path`; `StoreError` (kind
    "damaged") if the file is damaged."""
    from quizapp.store.failures import Failure, advice

    try:
        rows = probe.execute("PRAGMA quick_check(1)").fetchall()
        problem = None if rows == [("ok",)] else " ".join(str(rows[0][0]).split()) if rows else "?"
    except sqlite3.DatabaseError as exc:
        from quizapp.store.failures import kind_of

        if kind_of(exc) is not Failure.DAMAGED:
            raise
        problem = str(exc)
    if problem is None:
        return
    forget_clean_close(path)
    raise StoreError(
        f"{path}: cannot read the review database: the file is damaged ({problem}); "
        + advice(Failure.DAMAGED, path=path),
        kind=Failure.DAMAGED.value,
    )

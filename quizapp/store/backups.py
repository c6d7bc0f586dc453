"""Backups of a SQLite review database: before each schema upgrade and once a day at open.

They go to a ``backups`` folder beside the database, named after it:
``quizapp-2026-12-03.sqlite3`` (the day's first open by the study app) and
``quizapp-before-0004.sqlite3`` (the file as it was before its upgrade from schema 0003; one per
upgrade, so a database that fails to upgrade is not copied again at every start). A backup is
written through SQLite's backup API (a consistent copy even while the WAL holds changes) into a
temporary name, flushed to disk, then renamed into place, so a backup folder never holds half a
file under a backup's name; a failed copy is removed. The newest `KEEP_DAILY` daily backups and
`KEEP_UPGRADES` upgrade backups are kept.
"""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import closing, suppress
from datetime import date
from pathlib import Path

from quizapp.store.errors import StoreError
from quizapp.store.failures import Failure, store_error
from quizapp.store.health import check_intact, read_only_uri

#: Daily backups kept (the oldest goes when a new one is made).
KEEP_DAILY = 7
#: Backups made before an upgrade kept.
KEEP_UPGRADES = 3

_DAILY = re.compile(r"-(\d{4}-\d{2}-\d{2})\.sqlite3$")
_UPGRADE = re.compile(r"-before-([0-9A-Za-z_]+)\.sqlite3$")


def backup_folder(path: Path) -> Path:
    """The folder of `path`'s backups."""
    return path.parent / "backups"


def _backups(path: Path, pattern: re.Pattern[str]) -> list[Path]:
    folder = backup_folder(path)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    stem = path.stem
    found = []
    for name in names:
        match = pattern.search(name)
        if match and name[: match.start()] == stem:
            found.append(folder / name)
    return found


def daily_backups(path: Path) -> list[Path]:
    """`path`'s daily backups, oldest first."""
    return _backups(path, _DAILY)


def upgrade_backups(path: Path) -> list[Path]:
    """`path`'s backups from before an upgrade, oldest first (by the time they were made)."""
    return sorted(_backups(path, _UPGRADE), key=lambda p: p.stat().st_mtime_ns)


def newest_backup(path: Path) -> Path | None:
    """The most recently made backup of `path`, of either kind (None: there is none)."""
    every = [*daily_backups(path), *upgrade_backups(path)]
    existing = []
    for backup in every:
        with suppress(OSError):
            existing.append((backup.stat().st_mtime_ns, backup))
    return max(existing)[1] if existing else None


def copy_database(path: Path, target: Path) -> Path:
    """Copy the SQLite database `path` to `target` atomically (temporary name, fsync, rename).

    The copy is checked (``PRAGMA quick_check``) before it takes its name: a damaged `path` is
    `StoreError` of kind "damaged" and no backup. Raises `StoreError` (its kind "full" for a
    full disk, "read_only" for a folder quizapp cannot write) and leaves no partial file behind.
    """
    temporary = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(read_only_uri(path), uri=True)
        with closing(source), closing(sqlite3.connect(temporary)) as copy:
            source.backup(copy)
            # The copy is the file's pages as they are: damage the clean-close note could not
            # see is found here, before a damaged copy takes a good backup's place.
            check_intact(copy, path)
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
        _sync_folder(target.parent)
    except StoreError:
        with suppress(OSError):
            temporary.unlink()
        raise
    except (sqlite3.Error, OSError) as exc:
        with suppress(OSError):
            temporary.unlink()
        raise store_error(exc, str(path), f"could not back up to {target}") from exc
    return target


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (where the platform lets a folder be opened)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def before_upgrade(path: Path, revision: str) -> Path:
    """Back `path` up before its upgrade from `revision`, once per revision; `StoreError` if
    the copy fails (the upgrade must not go ahead then)."""
    target = backup_folder(path) / f"{path.stem}-before-{revision}.sqlite3"
    if target.exists():
        return target
    copy_database(path, target)
    for old in upgrade_backups(path)[:-KEEP_UPGRADES]:
        with suppress(OSError):
            old.unlink()
    return target


def daily(path: Path, today: date) -> Path | None:
    """Back `path` up if no backup was made on `today` yet; the path written, or None.

    A failure here (a full disk, a read-only folder) does not stop the learner from studying:
    it is left to the answers themselves to report, and None is returned. A damaged file does:
    its `StoreError` (kind "damaged") is raised, and the older backups are all kept.
    """
    target = backup_folder(path) / f"{path.stem}-{today.isoformat()}.sqlite3"
    if target.exists():
        return None
    try:
        copy_database(path, target)
    except StoreError as error:
        if error.kind == Failure.DAMAGED:
            raise
        return None
    for old in daily_backups(path)[:-KEEP_DAILY]:
        with suppress(OSError):
            old.unlink()
    return target

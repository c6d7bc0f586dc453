"""Failing disks and damaged files: each error's kind read from the driver's own codes, a damaged
file refused before anything writes to it, backups beside the database, a full disk for real."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import psycopg.errors
import pytest
from sqlalchemy.exc import OperationalError

from quizapp.config import Config
from quizapp.session import Collection
from quizapp.store import StoreError
from quizapp.store import backups as backups_module
from quizapp.store.backups import KEEP_DAILY, backup_folder, copy_database, daily, daily_backups
from quizapp.store.database import open_database
from quizapp.store.failures import Failure, kind_of, reason, store_error
from quizapp.store.health import closed_cleanly, note_path
from quizapp.store.read_only import open_read_only
from tests.store.factory import clock_at, deck

PAGE = 4096


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def studied(path: Path, answers: int = 12) -> None:
    """A database with a deck of 60 cards and some answers, closed cleanly."""
    collection = Collection.from_decks(
        [deck("d", 60)], db_url=f"sqlite:///{path}", clock=clock_at(2026, 3, 10), config=Config()
    )
    session = collection.start()
    for _ in range(answers):
        session.answer(4, 1000)
    collection.close()


def damage(path: Path) -> None:
    """Overwrite a page in the middle of the file, as a failing disk might."""
    pages = path.stat().st_size // PAGE
    with open(path, "r+b") as file:
        file.seek(pages // 2 * PAGE)
        file.write(b"\xa5" * PAGE)


def _error_of(statement: str, connection: sqlite3.Connection) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as raised:
        connection.execute(statement)
    return raised.value


def test_sqlite_errors_are_told_apart_by_their_result_codes(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    with closing(sqlite3.connect(path)) as writer:
        writer.execute("CREATE TABLE t (x BLOB)")
        writer.commit()
    # Read-only: SQLite's own read-only open (chmod would not stop root).
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as reader:
        read_only = _error_of("INSERT INTO t VALUES (1)", reader)
    # Locked: another connection holds the write lock, and this one waits no time.
    with closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("BEGIN IMMEDIATE")
        with closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as waiter:
            locked = _error_of("BEGIN IMMEDIATE", waiter)
        holder.execute("ROLLBACK")
    # Full: the file may not grow past its current pages (SQLite's own SQLITE_FULL).
    with closing(sqlite3.connect(path)) as writer:
        writer.execute("PRAGMA max_page_count = 2")
        full = _error_of("INSERT INTO t VALUES (zeroblob(100000))", writer)
    # Damaged: a file that is not a database at all.
    garbage = tmp_path / "g.sqlite3"
    garbage.write_bytes(b"\x13" * 8192)
    with closing(sqlite3.connect(garbage)) as reader:
        damaged = _error_of("SELECT * FROM sqlite_master", reader)
    found = {kind_of(e): e.sqlite_errorname for e in (read_only, locked, full, damaged)}
    assert found == {
        Failure.READ_ONLY: "SQLITE_READONLY",
        Failure.LOCKED: "SQLITE_BUSY",
        Failure.FULL: "SQLITE_FULL",
        Failure.DAMAGED: "SQLITE_NOTADB",
    }
    # Through SQLAlchemy, the same kind, and the message without the statement.
    wrapped = OperationalError("INSERT INTO t VALUES (?)", (1,), full)
    assert kind_of(wrapped) is Failure.FULL
    assert reason(wrapped) == "database or disk is full"
    error = store_error(wrapped, str(path), "the answer was not saved")
    assert error.kind == "full" and "INSERT" not in str(error) and "\n" not in str(error)
    assert str(error).startswith(f"{path}: the answer was not saved: the disk is full")


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (psycopg.errors.DiskFull("could not extend file"), Failure.FULL),
        (psycopg.errors.ReadOnlySqlTransaction("read-only transaction"), Failure.READ_ONLY),
        (psycopg.errors.LockNotAvailable("could not obtain lock"), Failure.LOCKED),
        (psycopg.errors.DataCorrupted("invalid page in block 7"), Failure.DAMAGED),
        (psycopg.errors.UniqueViolation("duplicate key"), Failure.OTHER),
        (OSError(errno.ENOSPC, "No space left on device"), Failure.FULL),
        (OSError(errno.EROFS, "Read-only file system"), Failure.READ_ONLY),
        (OSError(errno.EIO, "Input/output error"), Failure.OTHER),
    ],
    ids=["pg-full", "pg-read-only", "pg-lock", "pg-corrupt", "pg-other", "enospc", "erofs", "eio"],
)
def test_other_drivers_errors_by_their_codes(error: Exception, kind: Failure) -> None:
    assert kind_of(error) is kind
    assert kind_of(OperationalError("SELECT 1", {}, error)) is kind


def test_a_damaged_file_is_refused_on_open_and_not_written(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    studied(path)
    damage(path)
    before = digest(path)
    for opening in (open_database, open_read_only):
        with pytest.raises(StoreError) as refused:
            opening(f"sqlite:///{path}")
        message = str(refused.value)
        assert refused.value.kind == "damaged"
        assert message.startswith(f"{path}: ") and "damaged" in message and "\n" not in message
        assert "move the file away" in message and str(backup_folder(path)) in message
        assert digest(path) == before
    # SQLite's read-only reader of a WAL file may leave an empty log beside it, never a change.
    log = path.with_name(path.name + "-wal")
    assert not log.exists() or log.read_bytes() == b""


def test_a_damaged_file_names_its_newest_backup(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    studied(path)
    open_database(f"sqlite:///{path}", daily_backup=True).close()
    (backup,) = daily_backups(path)
    damage(path)
    with pytest.raises(StoreError, match="damaged") as refused:
        open_database(f"sqlite:///{path}")
    assert f"the newest backup is {backup}: with quizapp closed, copy it over {path}" in str(
        refused.value
    )
    # Restoring as told gives a database that opens, with every answer.
    os.replace(backup, path)
    database = open_database(f"sqlite:///{path}")
    database.close()
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT count(*) FROM reviews").fetchone() == (12,)


def test_a_clean_close_is_noted_and_spares_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "q.sqlite3"
    studied(path)
    assert closed_cleanly(path) and note_path(path).exists()
    checked: list[Path] = []
    monkeypatch.setattr("quizapp.store.health.check_intact", lambda _c, p: checked.append(p))
    open_database(f"sqlite:///{path}").close()
    assert checked == []
    # Changed behind quizapp's back: checked at the next open.
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE cards SET line = line + 1")
    assert not closed_cleanly(path)
    open_database(f"sqlite:///{path}").close()
    assert checked == [path]


def test_damage_found_while_studying_stops_every_write(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    collection = Collection.from_decks(
        [deck("d", 5)], db_url=f"sqlite:///{path}", clock=clock_at(2026, 3, 10), config=Config()
    )
    session = collection.start()
    session.answer(4, 1000)
    # The driver reports damage on the next answer's insert.
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            "CREATE TRIGGER damaged BEFORE INSERT ON reviews"
            " BEGIN SELECT RAISE(ABORT, 'database disk image is malformed'); END"
        )
    with pytest.raises(StoreError) as raised:
        session.answer(4, 1000)
    assert raised.value.kind == "damaged" and "move the file away" in str(raised.value)
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("DROP TRIGGER damaged")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(path)
    for action in (lambda: session.answer(4, 1000), session.bury, session.suspend, session.undo):
        with pytest.raises(StoreError, match="damaged"):
            action()
    collection.close()
    assert digest(path) == before
    assert not note_path(path).exists()  # never noted as closed cleanly


def test_a_daily_backup_once_a_day_keeping_the_last_few(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    studied(path)
    folder = backup_folder(path)
    for day in range(1, KEEP_DAILY + 2):
        (folder / f"q-2020-01-{day:02}.sqlite3").parent.mkdir(exist_ok=True)
        (folder / f"q-2020-01-{day:02}.sqlite3").write_bytes(b"old")
    (folder / "other-2020-01-01.sqlite3").write_bytes(b"another database's")
    open_database(f"sqlite:///{path}", daily_backup=True).close()
    names = [p.name for p in daily_backups(path)]
    assert len(names) == KEEP_DAILY and names[:-1] == [
        f"q-2020-01-{day:02}.sqlite3" for day in range(3, KEEP_DAILY + 2)
    ]
    assert (folder / "other-2020-01-01.sqlite3").exists()
    newest = daily_backups(path)[-1]
    with closing(sqlite3.connect(newest)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM reviews").fetchone() == (12,)
    stamp = newest.stat().st_mtime_ns
    open_database(f"sqlite:///{path}", daily_backup=True).close()
    assert [p.name for p in daily_backups(path)] == names and newest.stat().st_mtime_ns == stamp
    # The study app's open makes them; a plain open (and any reader) does not.
    fresh = tmp_path / "fresh" / "q.sqlite3"
    studied(fresh)
    open_database(f"sqlite:///{fresh}").close()
    assert not backup_folder(fresh).exists()


def test_a_backup_that_fails_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "q.sqlite3"
    studied(path)

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("quizapp.store.backups.os.fsync", no_space)
    target = backup_folder(path) / "q-before-0003.sqlite3"
    with pytest.raises(StoreError) as raised:
        copy_database(path, target)
    assert raised.value.kind == "full" and "free some disk space" in str(raised.value)
    assert list(backup_folder(path).iterdir()) == []
    # A daily backup that fails does not stop the study app from opening.
    assert daily(path, clock_at(2026, 3, 11).now().date()) is None
    assert list(backup_folder(path).iterdir()) == []


def test_an_upgrade_is_backed_up_once(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    open_database(f"sqlite:///{path}", target="0001").close()
    target = backups_module.before_upgrade(path, "0001")
    stamp = target.stat().st_mtime_ns
    open_database(f"sqlite:///{path}").close()
    assert backups_module.upgrade_backups(path) == [target]
    assert target.stat().st_mtime_ns == stamp


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB file system of its own (tmpfs; skipped where mounting is not allowed)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> Path:
    """Fill the file system of `folder` to the last byte."""
    filler = folder / "filler"
    handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    os.write(handle, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(handle)
    return filler


def test_a_full_disk_loses_no_answer_and_the_retry_saves_it(small_disk: Path) -> None:
    path = small_disk / "q.sqlite3"
    collection = Collection.from_decks(
        [deck("d", 30)], db_url=f"sqlite:///{path}", clock=clock_at(2026, 3, 10), config=Config()
    )
    session = collection.start()
    session.answer(4, 1000)
    filler = fill(small_disk)
    current = session.current()
    with pytest.raises(StoreError) as raised:
        # A few answers may still fit in pages the log already has; the disk fills soon after.
        for _ in range(25):
            session.answer(4, 1000)
            current = session.current()
    assert raised.value.kind == "full" and "free some disk space" in str(raised.value)
    done = session.progress().done
    assert session.current() is current  # the session did not move on
    filler.unlink()
    session.answer(4, 1000)
    assert session.progress().done == done + 1
    collection.close()
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT count(*) FROM reviews").fetchone() == (done + 1,)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_damage_a_clean_close_hides_makes_no_backup_and_keeps_the_old_ones(
    tmp_path: Path,
) -> None:
    # A disk fault changes bytes, not the size or modification time: the note still says
    # "closed cleanly", so only the day's backup reads every page, and its check refuses.
    path = tmp_path / "q.sqlite3"
    studied(path)
    folder = backup_folder(path)
    folder.mkdir()
    older = [folder / f"q-2020-01-{day:02}.sqlite3" for day in range(1, KEEP_DAILY + 1)]
    for backup in older:
        copy_database(path, backup)
    stat = path.stat()
    damage(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert closed_cleanly(path)
    before = digest(path)
    with pytest.raises(StoreError) as refused:
        open_database(f"sqlite:///{path}", daily_backup=True)
    assert refused.value.kind == "damaged" and str(refused.value).startswith(f"{path}: ")
    assert f"the newest backup is {older[-1]}" in str(refused.value)
    assert sorted(folder.iterdir()) == older  # no damaged copy, no good one pushed out
    assert digest(path) == before and not closed_cleanly(path)


@pytest.mark.parametrize("backed_up", [False, True], ids=["backup fails", "upgrade fails"])
def test_a_full_disk_at_an_upgrade_is_a_full_disk(small_disk: Path, backed_up: bool) -> None:
    # Either the backup before the upgrade or (that backup made earlier) the upgrade itself
    # meets the full disk: both say so, in place of SQLite's "no such table: _alembic_tmp_...".
    path = small_disk / "q.sqlite3"
    open_database(f"sqlite:///{path}", target="0001").close()
    if backed_up:
        backups_module.before_upgrade(path, "0001")
    kept = sorted(backup_folder(path).iterdir()) if backed_up else []
    filler = fill(small_disk)
    before = digest(path)
    with pytest.raises(StoreError) as raised:
        open_database(f"sqlite:///{path}")
    message = str(raised.value)
    assert raised.value.kind == "full", message
    assert message.startswith(f"{path}: ") and "free some disk space" in message
    assert "_alembic_tmp" not in message and "\n" not in message
    assert digest(path) == before
    assert (sorted(backup_folder(path).iterdir()) if backup_folder(path).exists() else []) == kept
    # With room again the same open upgrades it.
    filler.unlink()
    open_database(f"sqlite:///{path}").close()
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)

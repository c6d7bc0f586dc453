"""Failing disks and damaged databases, through the commands as a learner runs them.

Each case builds its trouble in the test (a page overwritten, a read-only mount, an old schema, a
refused write) and checks the same contract: one line on stderr naming the file and what to do,
a non-zero exit status, no traceback, and the database byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from quizapp.store.backups import backup_folder, daily_backups
from quizapp.store.database import open_database
from tests.store.test_failures import PAGE, damage, studied

QUIZAPP = [sys.executable, "-m", "quizapp"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def quizapp(home: Path, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QUIZAPP_HOME": str(home), "TZ": "UTC"}
    env.pop("QUIZAPP_DB", None)
    return subprocess.run(
        [*QUIZAPP, "--db", f"sqlite:///{db}", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one line a failed command printed (checked: non-zero exit, no traceback)."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "q.sqlite3"
    path.parent.mkdir()
    studied(path)
    return path


def test_stats_on_a_damaged_database(tmp_path: Path, db: Path) -> None:
    damage(db)
    before = digest(db)
    line = one_line(quizapp(tmp_path / "home", db, "stats"))
    assert line.startswith(f"quizapp stats: {db}: ") and "damaged" in line
    assert str(backup_folder(db)) in line and "move the file away" in line
    assert digest(db) == before


def test_stats_on_damage_the_clean_close_note_cannot_see(tmp_path: Path, db: Path) -> None:
    # A disk fault changes bytes, not the modification time: the first read that meets the
    # damage says so, without the SQL behind it.
    stat = db.stat()
    with closing(sqlite3.connect(db)) as connection:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'reviews'"
        ).fetchone()
    with open(db, "r+b") as file:
        file.seek((root - 1) * PAGE)
        file.write(b"\xa5" * PAGE)
    os.utime(db, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    before = digest(db)
    for command in (("stats",), ("stats", "--json")):
        line = one_line(quizapp(tmp_path / "home", db, *command))
        assert "damaged" in line and "SELECT" not in line and "[SQL" not in line
    assert digest(db) == before


def test_stats_does_not_upgrade_an_old_database(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    open_database(f"sqlite:///{path}", target="0001").close()
    before = digest(path)
    line = one_line(quizapp(tmp_path / "home", path, "stats"))
    assert f"{path}: the review database has schema 0001" in line
    assert "run quizapp once to upgrade it" in line and "not changed" in line
    assert digest(path) == before
    assert not backup_folder(path).exists()


def test_a_refused_unsuspend_is_one_line(tmp_path: Path) -> None:
    home, db = tmp_path / "home", tmp_path / "q.sqlite3"
    decks = tmp_path / "decks.yaml"
    decks.write_text(
        "deck: d\ntitle: D\ncards:\n  - {id: one, front: A, back: B}\n", encoding="utf-8"
    )
    assert quizapp(home, db, "suspended", str(decks)).returncode == 0
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("UPDATE card_states SET suspended = 1")
        connection.execute(
            "CREATE TRIGGER full BEFORE UPDATE OF suspended ON card_states"
            " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )
    # The day's backup is made by the first open; the run below must change nothing.
    assert quizapp(home, db, "suspended", str(decks)).returncode == 0
    assert len(daily_backups(db)) == 1
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(db)
    line = one_line(quizapp(home, db, "suspended", str(decks), "--unsuspend", "d/one"))
    assert line.startswith(f"quizapp suspended: {db}: ") and "the disk is full" in line
    assert "free some disk space" in line
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert set(connection.execute("SELECT suspended FROM card_states")) == {(1,)}
    assert digest(db) == before


@pytest.fixture
def read_only_mount(db: Path, tmp_path: Path) -> Iterator[Path]:
    """`db`'s folder seen through a read-only bind mount (skipped where mounting is not
    allowed); chmod would not stop root."""
    view = tmp_path / "read-only"
    view.mkdir()
    bind = subprocess.run(
        ["mount", "--bind", str(db.parent), str(view)], capture_output=True, check=False
    )
    if bind.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {bind.stderr.decode().strip()}")
    try:
        remount = subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(view)], capture_output=True, check=False
        )
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only: {remount.stderr.decode().strip()}")
        yield view / db.name
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def test_a_read_only_folder_is_reported_as_read_only(tmp_path: Path, read_only_mount: Path) -> None:
    before = digest(read_only_mount)
    home = tmp_path / "home"
    line = one_line(quizapp(home, read_only_mount, "suspended"))
    assert f"{read_only_mount}: " in line and "read-only" in line and "damaged" not in line
    assert "writable" in line
    # Reading needs no write: the statistics come out of the read-only folder.
    shown = quizapp(home, read_only_mount, "stats", "--json")
    assert shown.returncode == 0, shown.stderr
    assert '"reviews": 12' in shown.stdout or '"reviews":12' in shown.stdout
    assert digest(read_only_mount) == before

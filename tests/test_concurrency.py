"""Two quizapp processes answering from the same database at once: no answer lost, no lock error."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ANSWERS_EACH = 300


@pytest.mark.slow
def test_two_processes_answer_from_one_database(tmp_path: Path) -> None:
    # A fresh database: the two also race to create, migrate and sync it.
    db_path = tmp_path / "q.sqlite3"
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.store.child",
                str(db_path),
                "500",
                str(seed),
                str(ANSWERS_EACH),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in (1, 2)
    ]
    printed: list[str] = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        lines = out.split()
        assert lines[-1] == "done"
        assert len(lines) == ANSWERS_EACH + 1
        printed.extend(lines[:-1])

    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = [row[0] for row in connection.execute("SELECT id FROM reviews")]
        cards = connection.execute("SELECT count(*) FROM cards").fetchone()
    assert sorted(stored) == sorted(printed)
    assert len(set(printed)) == 2 * ANSWERS_EACH
    assert cards == (500,)  # both synced the same deck; it is there once

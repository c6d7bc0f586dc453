"""An answer that `answer()` accepted survives the process being killed at any moment.

A child process answers cards and prints each review id once `answer()` has returned; the parent
kills it with SIGKILL at random moments, many times over, and after each kill checks that the
database is sound and holds every id the child printed.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Time spent killing children (the test's running time is about this on an idle machine).
BUDGET_SECONDS = 18.0
#: Rounds run whatever the time: a loaded machine starts children slowly, and a budget alone
#: then ends the test after too few kills to mean anything.
MIN_ROUNDS, MIN_KILLED_WHILE_ANSWERING = 12, 9


def start_child(db_path: Path, seed: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.child", str(db_path), "2000", str(seed)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )


@pytest.mark.slow
def test_every_printed_answer_survives_sigkill(tmp_path: Path) -> None:
    db_path = tmp_path / "q.sqlite3"
    rng = random.Random(20260310)
    printed: set[str] = set()
    rounds = 0
    killed_while_answering = 0
    deadline = time.monotonic() + BUDGET_SECONDS
    while (
        time.monotonic() < deadline
        or rounds < MIN_ROUNDS
        or killed_while_answering < MIN_KILLED_WHILE_ANSWERING
    ):
        rounds += 1
        child = start_child(db_path, rounds)
        assert child.stdout is not None
        if rounds % 4 == 0:
            # Now and then, kill it while it starts up (opening, migrating, syncing).
            time.sleep(rng.uniform(0.0, 0.6))
        else:
            first = child.stdout.readline()
            assert first.strip(), child.stderr.read() if child.stderr else ""
            printed.add(first.strip())
            time.sleep(rng.uniform(0.0, 0.25))
            killed_while_answering += 1
        child.send_signal(signal.SIGKILL)
        # Read through the same buffered file as readline() above (communicate() would read
        # the pipe underneath it and miss lines readline() had already buffered).
        out = child.stdout.read()
        err = child.stderr.read() if child.stderr else ""
        child.wait()
        child.stdout.close()
        if child.stderr:
            child.stderr.close()
        assert child.returncode == -signal.SIGKILL, err
        printed.update(line for line in out.split() if line != "done")

        with closing(sqlite3.connect(db_path)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            stored = {row[0] for row in connection.execute("SELECT id FROM reviews")}
        missing = printed - stored
        assert not missing, f"round {rounds}: {len(missing)} printed answers lost"
        # At most the one answer being committed when the child died is stored but unprinted.
        assert len(stored) - len(printed) <= rounds

    print(
        f"{rounds} rounds, {killed_while_answering} killed while answering, {len(printed)} answers"
    )
    assert len(printed) >= 100

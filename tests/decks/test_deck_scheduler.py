"""A deck file's `scheduler:` key: read, cached, and checked by `quizapp check` with line:col."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from quizapp.decks import load_decks

DECK = """deck: sched
title: Scheduled
scheduler: {scheduler}
cards:
  - id: a
    front: one
    back: two
"""


def test_the_key_is_read_and_survives_the_cache(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(DECK.format(scheduler="fsrs"), encoding="utf-8")
    cache = tmp_path / "cache"
    for _ in range(2):  # parsed, then from the cache
        deck_set = load_decks([tmp_path / "d.yaml"], cache_dir=cache)
        assert not deck_set.problems
        assert deck_set.decks[0].scheduler == "fsrs"
    (tmp_path / "e.yaml").write_text(
        DECK.replace("scheduler: {scheduler}\n", "").replace("sched", "other"), encoding="utf-8"
    )
    other = load_decks([tmp_path / "e.yaml"], cache_dir=cache).decks[0]
    assert other.scheduler is None


def test_check_refuses_an_unknown_scheduler_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(DECK.format(scheduler="fsrs7"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "quizapp", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert f"{path}:3:12: error: unknown scheduler 'fsrs7'" in done.stdout + done.stderr
    assert "use one of: sm2, fsrs" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr

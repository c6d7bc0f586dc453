"""`quizapp suspended`: the way back for cards suspended in the study app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from quizapp.session import Collection

DECK = """\
deck: s
title: S
cards:
  - {id: a, front: "A?", back: a}
  - {id: b, front: "B?", back: b}
  - {id: c, front: "C?", back: c}
"""


def _quizapp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *args], capture_output=True, text=True, check=False
    )


def _suspend_two(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "s.yaml").write_text(DECK, encoding="utf-8")
    collection = Collection.open(deck_paths=[folder])
    session = collection.start(["s"])
    session.suspend()  # a
    session.answer(4, 1000)  # b
    session.suspend()  # c
    collection.close()
    return folder


def test_lists_then_unsuspends_one_card_keeping_the_others(tmp_path: Path) -> None:
    folder = _suspend_two(tmp_path)
    listed = _quizapp("suspended", str(folder), "--deck", "s")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[:2] == ["s/a\tA?", "s/c\tC?"]
    back = _quizapp("suspended", str(folder), "--unsuspend", "s/a")
    assert back.stdout.strip() == "unsuspended s/a"
    assert _quizapp("suspended", str(folder)).stdout.splitlines()[0] == "s/c\tC?"
    collection = Collection.open(deck_paths=[folder])
    item = collection.start(["s"]).current()
    assert item is not None and item.prompt.key == "a"  # asked again, as a new card
    collection.close()


def test_unsuspend_all_and_unknown_names(tmp_path: Path) -> None:
    folder = _suspend_two(tmp_path)
    unknown = _quizapp("suspended", str(folder), "--unsuspend", "s/b")
    assert unknown.returncode == 2
    assert "not a suspended card: s/b" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    everything = _quizapp("suspended", str(folder), "--unsuspend", "all")
    assert everything.stdout.splitlines() == ["unsuspended s/a", "unsuspended s/c"]
    assert _quizapp("suspended", str(folder)).stdout.strip() == "No suspended cards."

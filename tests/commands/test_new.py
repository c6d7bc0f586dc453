"""`quizapp new`: a fresh deck file with one example of every card kind, valid as written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from quizapp.cli import main
from quizapp.decks import load_deck


def test_new_writes_every_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "decks" / "my_first-deck")]) == 0
    path = tmp_path / "decks" / "my_first-deck.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["deck"] == "my_first-deck"
    assert data["title"] == "My first deck"
    kinds = [card.get("kind", "basic") for card in data["cards"]]
    assert kinds == ["basic", "reverse", "cloze", "choice", "typed", "order", "exercise"]
    assert data["cards"][2]["text"] == (
        "Adam was published by {{c1::Kingma}} and Ba in {{c2::2014::year}}."
    )
    assert "# cloze: each {{cN::...}} number is its own card" in path.read_text(encoding="utf-8")
    assert f"Wrote {path}" in capsys.readouterr().out


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("keep me\n", encoding="utf-8")
    assert main(["new", str(path)]) == 1
    assert "exists already" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "keep me\n"
    assert main(["new", str(path), "--force", "--id", "other", "--title", "Other"]) == 0
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["deck"] == "other"


def test_new_refuses_a_bad_deck_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "x.yaml"), "--id", "has space"]) == 2
    assert "may hold only" in capsys.readouterr().err
    assert not (tmp_path / "x.yaml").exists()


def test_the_new_deck_passes_the_loader(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "d.yaml")]) == 0
    result = load_deck(tmp_path / "d.yaml")
    assert result.problems == []
    assert result.deck is not None
    assert len(result.deck.cards) == 7


def test_the_new_deck_passes_quizapp_check(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "d.yaml")]) == 0
    done = subprocess.run(
        [sys.executable, "-m", "quizapp", "check", str(tmp_path / "d.yaml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning" not in done.stdout + done.stderr

"""An error nobody foresaw during `quizapp import`: one line, exit 1, and the folder as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.interchange import text
from tests.hostile.cli import snapshot


def _sheet(tmp_path: Path) -> Path:
    source = tmp_path / "cards.csv"
    source.write_text("front,back,deck\nq1,a1,One\nq2,a2,Two\n", encoding="utf-8")
    return source


def _one_line_error(capsys: pytest.CaptureFixture[str], *words: str) -> None:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    for word in words:
        assert word in lines[0], lines[0]


def test_a_bug_while_reading_ends_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("converter\nexploded")

    monkeypatch.setattr(text, "html_to_markdown", broken)
    source = _sheet(tmp_path)
    before = snapshot(tmp_path)
    assert main(["import", str(source), "--to", str(tmp_path / "out")]) == 1
    _one_line_error(capsys, "RuntimeError: converter exploded", "nothing was written")
    assert snapshot(tmp_path) == before


def test_a_bug_halfway_through_the_renames_puts_the_old_decks_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --force replacing both decks, the second rename fails with an unexpected error."""
    source = _sheet(tmp_path)
    out = tmp_path / "out"
    assert main(["import", str(source), "--to", str(out)]) == 0
    for deck in out.glob("*.yaml"):  # the learner's own edits, which must survive
        deck.write_text(deck.read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    capsys.readouterr()
    before = snapshot(tmp_path)
    real_replace = os.replace
    calls: list[object] = []

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst).parent == out:  # a rename into place (the old decks go aside elsewhere)
            calls.append(dst)
            if len(calls) == 2:  # the first new deck is in place, the second one fails
                raise ValueError("simulated bug")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    assert main(["import", str(source), "--to", str(out), "--force"]) == 1
    _one_line_error(capsys, "ValueError: simulated bug", "nothing was written")
    monkeypatch.setattr(os, "replace", real_replace)
    assert snapshot(tmp_path) == before

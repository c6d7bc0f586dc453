"""Hostile and huge CSV files: binary input anywhere, decks too big, refused early and cleanly."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from quizapp.commands.import_ import progress_bar
from quizapp.decks import load_deck
from quizapp.decks.render import render_card, safe_load
from quizapp.interchange.errors import InterchangeError
from quizapp.interchange.text import read_text_file
from quizapp.interchange.yamlfast import render_cards
from tests.hostile.cli import assert_refused, run_quizapp, snapshot


def _rows(count: int) -> str:
    return "front,back\n" + "".join(f"question {i},answer {i}\n" for i in range(count))


def test_a_nul_byte_past_the_first_8_kb_is_refused(tmp_path: Path, quizapp_home: Path) -> None:
    text = _rows(2000)  # about 40 KB
    assert len(text) > 30_000
    cut = len(text) - 100
    (tmp_path / "cards.csv").write_bytes(text[:cut].encode() + b"\x00" + text[cut:].encode())
    before = snapshot(tmp_path)
    result = run_quizapp("import", "cards.csv", "--to", "out", cwd=tmp_path, home=quizapp_home)
    assert_refused(result, "a binary file, not CSV/TSV text")
    assert snapshot(tmp_path) == before


def test_a_file_far_over_the_deck_limit_is_refused_before_converting(
    tmp_path: Path, quizapp_home: Path
) -> None:
    """130 MB for one deck (the limit is 64 MB): refused at once, not after minutes."""
    with (tmp_path / "huge.csv").open("w") as handle:
        handle.write("front,back\n")
        line = "q" * 60 + "," + "a" * 60 + "\n"
        handle.write(line * ((130 << 20) // len(line)))
    before = snapshot(tmp_path)
    started = time.monotonic()
    result = run_quizapp("import", "huge.csv", "--to", "out", cwd=tmp_path, home=quizapp_home)
    assert time.monotonic() - started < 30
    assert_refused(result, "would be over 64 MB", "split the file")
    assert snapshot(tmp_path) == before


def test_a_deck_growing_past_the_limit_stops_the_read(tmp_path: Path) -> None:
    (tmp_path / "cards.csv").write_text(_rows(50_000))
    seen: list[int] = []
    with pytest.raises(InterchangeError, match="would be over"):
        read_text_file(
            tmp_path / "cards.csv",
            "cards",
            "Cards",
            progress=lambda done, total: seen.append(done),
            max_deck_bytes=100_000,
        )
    size = (tmp_path / "cards.csv").stat().st_size
    assert max(seen) < size / 2  # it stopped early, not at the end


def test_the_fast_writer_reads_back_as_the_cards(tmp_path: Path) -> None:
    cards: list[dict[str, object]] = [
        {"id": "plain", "front": "What is x?", "back": "an answer - with dashes", "tags": ["a"]},
        {"id": "quoted", "front": "yes", "back": "key: value # not a comment", "tags": ["on"]},
        {"id": "marks", "front": '"quotes" and \\backslash', "back": "[not a list]"},
        {"id": "lead", "front": " leading space", "back": "trailing ", "tags": ["x,y"]},
        {"id": "unicode", "front": "배깅 — β₁", "back": "line\u2028separator"},
        {"id": "lines", "kind": "cloze", "text": "two\nlines {{c1::x}}", "back": "-1"},
        {"id": "number-like", "front": "1e3", "back": "null", "tags": ["0x10", "~"]},
    ]
    text = "deck: d\ntitle: T\ncards:\n" + render_cards(cards, dash_col=2, item_col=4).text
    assert safe_load(text)["cards"] == cards
    deck = tmp_path / "d.yaml"
    deck.write_text(text)
    assert not [p for p in load_deck(deck).problems if p.severity == "error"]
    # The common card is laid out as render_card lays it out.
    assert render_cards(cards[:1], dash_col=2, item_col=4).text == render_card(cards[0])


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_only_on_a_terminal_after_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    from quizapp.commands import import_

    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar("Reading x.csv") as progress:
        progress(10, 100)  # quick: nothing drawn
    assert terminal.getvalue() == ""
    monkeypatch.setattr(import_, "PROGRESS_AFTER", 0.0)
    with progress_bar("Reading x.csv") as progress:
        progress(50, 100)
    assert "Reading x.csv" in terminal.getvalue()
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    with progress_bar("Reading x.csv") as progress:
        progress(50, 100)
    assert pipe.getvalue() == ""


def test_control_characters_in_cells_are_written_escaped(tmp_path: Path) -> None:
    """A plain-looking cell holding a control character (or U+FFFE, which YAML refuses) is
    written as an escape: the deck file loads, and holds the text as the sheet had it."""
    from quizapp.cli import main

    cells = ["Bell\x07 here", "del\x7fete", "c1\x9f", "not\ufffea char"]
    (tmp_path / "cards.csv").write_text(
        f"front,back\n{cells[0]},{cells[1]}\n{cells[2]},{cells[3]}\n", encoding="utf-8"
    )
    assert main(["import", str(tmp_path / "cards.csv"), "--to", str(tmp_path / "out")]) == 0
    result = load_deck(tmp_path / "out" / "cards.yaml")
    assert not [p for p in result.problems if p.severity == "error"]
    assert result.deck is not None
    assert [(c.front, c.back) for c in result.deck.cards] == [tuple(cells[:2]), tuple(cells[2:])]


def test_a_row_that_makes_an_invalid_card_is_refused_at_its_csv_line(
    tmp_path: Path, quizapp_home: Path
) -> None:
    """A cloze whose deletion is empty: the deck loader would refuse the card, so the import
    names the row's line in the CSV (a cell spanning two lines counts both) and writes nothing."""
    (tmp_path / "cards.csv").write_text(
        'front,back\nfine,card\n"two\nlines",ok\n"Blank {{c1::}} here",x\nlast,one\n'
    )
    before = snapshot(tmp_path)
    result = run_quizapp("import", "cards.csv", "--to", "out", cwd=tmp_path, home=quizapp_home)
    assert_refused(result, "nothing was written", "cards.csv:5: deletion '{{c1::}}' has an empty")
    assert snapshot(tmp_path) == before

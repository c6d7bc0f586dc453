"""Untrusted names and text: deck ids that reach outside, escapes in titles, a closed pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.markdown import Markdown

from quizapp.commands.deck_ids import id_limits
from quizapp.textsafe import printable
from quizapp.tui.widgets.card_text import CardText
from tests.hostile.cli import assert_refused, run_quizapp, snapshot
from tests.tui.conftest import AppFactory
from tests.tui.screen import screen_text
from tests.tui.test_flows import open_deck, wait_for_decks

#: The title of the issue's attack, as YAML escapes: set the window title, then clear the screen.
EVIL_TITLE = r'"Esc \e]0;owned\a\e[2J deck"'
EVIL_DECK = f"""\
deck: evil
title: {EVIL_TITLE}
cards:
  - id: one
    front: "Front \\e[31mred\\u202e reversed"
    back: Back
"""


def test_printable_shows_every_control_character() -> None:
    assert printable("Esc \x1b]0;owned\x07\x1b[2J deck") == r"Esc \x1b]0;owned\x07\x1b[2J deck"
    assert printable("a\x9bb\x7fc") == r"a\x9bb\x7fc"  # C1 CSI and DEL
    assert printable("abc\u202edef\u2066") == r"abc\u202edef\u2066"
    assert printable("one\ntwo\tthree\r") == r"one\ntwo\tthree\r"
    assert printable("one\ntwo\tthree\r", multiline=True) == "one\ntwo\tthree\\r"
    text = "배깅 — β₁ ≈ 0.9 🎉 e\u0301"
    assert printable(text) == text


@pytest.mark.parametrize("deck_id", ["../escaped", "a/b", "..", "/tmp/abs"])
def test_import_refuses_a_deck_id_that_leaves_the_folder(
    tmp_path: Path, quizapp_home: Path, deck_id: str
) -> None:
    work = tmp_path / "work"
    (work / "out").mkdir(parents=True)
    (work / "x.csv").write_text("front,back\nq,a\n", encoding="utf-8")
    before = snapshot(tmp_path)
    result = run_quizapp(
        "import", "x.csv", "--deck-id", deck_id, "--to", "out", cwd=work, home=quizapp_home
    )
    assert_refused(result, "--deck-id", "may hold only")
    assert snapshot(tmp_path) == before


def test_import_refuses_a_deck_id_too_long_for_the_database(
    tmp_path: Path, quizapp_home: Path
) -> None:
    (tmp_path / "x.csv").write_text("front,back\nq,a\n", encoding="utf-8")
    before = snapshot(tmp_path)
    long_id = "d" * (id_limits().deck + 1)
    result = run_quizapp(
        "import", "x.csv", "--deck-id", long_id, "--to", "out", cwd=tmp_path, home=quizapp_home
    )
    assert_refused(result, "characters long")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", ["decks", "check"])
def test_escapes_in_deck_text_never_reach_the_terminal(
    tmp_path: Path, quizapp_home: Path, command: str
) -> None:
    (tmp_path / "evil.yaml").write_text(EVIL_DECK, encoding="utf-8")
    # A second file with the same id makes both commands print a problem quoting the deck.
    (tmp_path / "evil2.yaml").write_text(EVIL_DECK.replace("id: one", 'id: "one\\e[2J"'))
    result = run_quizapp(command, str(tmp_path), cwd=tmp_path, home=quizapp_home)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in output
    if command == "decks":
        assert r"Esc \x1b]0;owned\x07\x1b[2J deck" in result.stdout
    else:
        assert r"'one\x1b[2J' may hold only" in result.stdout


async def test_the_tui_shows_escapes_in_deck_text_visibly(
    build_app: AppFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "evil.yaml").write_text(EVIL_DECK, encoding="utf-8")
    app = build_app(folder)
    async with app.run_test(size=(100, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        assert r"Esc \x1b]0;owned\x07\x1b[2J deck" in screen_text(app)
        screen = await open_deck(pilot, "evil")
        front = screen.query(CardText).first()
        markdown = front.render()
        assert isinstance(markdown, Markdown)
        rendered = markdown.markup
        assert "\x1b" not in rendered and "\u202e" not in rendered
        assert r"\x1b[31mred\u202e" in rendered
        assert "\x1b" not in screen_text(app)


def test_a_closed_pipe_ends_quietly(tmp_path: Path, quizapp_home: Path) -> None:
    """`quizapp decks | head -0`: the reader is gone before the first line."""
    env = {**os.environ, "QUIZAPP_HOME": str(quizapp_home)}
    read, write = os.pipe()
    os.close(read)
    process = subprocess.run(
        [sys.executable, "-m", "quizapp", "decks"],
        cwd=tmp_path,
        env=env,
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )
    os.close(write)
    assert process.stderr == ""
    assert process.returncode == 141


def test_check_flags_a_bundled_deck_id(tmp_path: Path, quizapp_home: Path) -> None:
    deck = tmp_path / "mine.yaml"
    deck.write_text(
        "deck: optimizers\ntitle: Mine\ncards:\n  - id: a\n    front: q\n    back: a\n",
        encoding="utf-8",
    )
    result = run_quizapp("check", str(deck), cwd=tmp_path, home=quizapp_home)
    assert result.returncode == 1
    assert f"{deck}:1:7: error: deck id 'optimizers' is the id of a bundled deck" in result.stdout
    # With the bundled decks switched off, the id is free.
    (quizapp_home / "config").mkdir(parents=True)
    (quizapp_home / "config" / "config.toml").write_text("include_bundled = false\n")
    assert run_quizapp("check", str(deck), cwd=tmp_path, home=quizapp_home).returncode == 0


def test_check_flags_ids_longer_than_the_database_keeps(tmp_path: Path, quizapp_home: Path) -> None:
    limits = id_limits()
    fits, deck_over = "d" * limits.deck, "d" * (limits.deck + 1)
    card_fits, card_over = "c" * limits.card_key, "c" * (limits.card_key + 1)
    ok = tmp_path / "ok.yaml"
    ok.write_text(
        f"deck: {fits}\ntitle: T\ncards:\n  - id: {card_fits}\n    front: q\n    back: a\n"
    )
    assert run_quizapp("check", str(ok), cwd=tmp_path, home=quizapp_home).returncode == 0
    long = tmp_path / "long.yaml"
    long.write_text(
        f"deck: {deck_over}\ntitle: T\ncards:\n  - id: {card_over}\n    front: q\n    back: a\n"
    )
    result = run_quizapp("check", str(long), cwd=tmp_path, home=quizapp_home)
    assert result.returncode == 1
    assert f"long.yaml:1:7: error: deck id is {limits.deck + 1} characters long" in result.stdout
    assert f"long.yaml:4: error: card id is {limits.card_key + 1} characters long" in result.stdout

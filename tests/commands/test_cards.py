"""`quizapp cards`: the list (text and JSON, control characters escaped), each action and its
undo from the command line, and the errors (a bad query points at its column)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quizapp import cli, paths
from quizapp.session import Collection

DECK = """\
deck: s
title: S
tags: [dt]
cards:
  - {id: a, front: "Adam?", back: "Kingma", tags: [adam]}
  - {id: r, kind: reverse, front: "Momentum", back: "Élan"}
  - {id: c, front: "Café\u202e?", back: c}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    found = tmp_path / "decks"
    found.mkdir()
    (found / "s.yaml").write_text(DECK, encoding="utf-8")
    config = paths.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("include_bundled = false\n", encoding="utf-8")
    return found


def cards(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["cards", *args])
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys: pytest.CaptureFixture[str], folder: Path, query: str) -> list[dict[str, Any]]:
    code, out, err = cards(capsys, query, "--json", "--path", str(folder))
    assert code == 0, err
    result: list[dict[str, Any]] = json.loads(out)
    return result


def test_the_list_one_row_per_prompt(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, err = cards(capsys, "--path", str(folder))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == [
        "deck", "card", "prompt", "kind", "tags", "state", "due", "ivl", "lapses", "reviews",
        "where",
    ]  # fmt: skip
    assert lines[1].split()[:6] == ["s", "a", "Adam?", "basic", "dt", "adam"]
    assert lines[2].split()[:4] == ["s", "r", "Momentum", "reverse"]
    assert lines[3].split()[:4] == ["s", "r#reverse", "Élan", "reverse"]
    assert lines[-1] == "4 prompts"
    # The invisible right-to-left override of the deck file is shown, not obeyed.
    assert "\u202e" not in out and "Café\\u202e?" in out
    rows = listed(capsys, folder, "élan")
    assert [(row["card"], row["prompt"]) for row in rows] == [
        ("r", "Momentum"),
        ("r#reverse", "Élan"),
    ]
    assert rows[0] == {
        "deck": "s",
        "card": "r",
        "prompt": "Momentum",
        "kind": "reverse",
        "tags": ["dt"],
        "state": "new",
        "due": None,
        "interval": 0,
        "lapses": 0,
        "reviews": 0,
        "file": str(folder / "s.yaml"),
        "line": 6,
    }
    code, out, _err = cards(capsys, "nothing-like-this", "--path", str(folder))
    assert (code, out) == (0, "No card matches.\n")


def test_json_escapes_what_a_terminal_would_obey(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, folder: Path
) -> None:
    odd = tmp_path / "odd\x1b]0;x\x07\x9b"
    odd.mkdir()
    (odd / "o.yaml").write_text("deck: o\ntitle: O\ncards:\n  - {front: F, back: B}\n", "utf-8")
    code, out, _err = cards(capsys, "deck:o", "--json", "--path", str(odd))
    assert code == 0
    assert not any(char in out for char in "\x1b\x07\x9b\u202e")
    assert json.loads(out)[0]["file"] == str(odd / "o.yaml")
    code, out, _err = cards(capsys, "deck:o", "--path", str(odd))
    assert "\x1b" not in out and "\x9b" not in out and "odd\\x1b]0;x\\x07\\x9b" in out


def test_each_action_and_its_undo(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    path = ("--path", str(folder))
    code, out, _err = cards(capsys, "tag:adam OR kind:reverse", "--suspend", *path)
    assert (code, out) == (0, "3 of 3 prompts suspended; undo with: quizapp cards --undo\n")
    assert [row["card"] for row in listed(capsys, folder, "is:suspended")] == [
        "a",
        "r",
        "r#reverse",
    ]
    code, out, _err = cards(capsys, "deck:s", "--unsuspend", *path)
    assert out.startswith("3 of 4 prompts unsuspended (1 left as they were: already so)")
    assert listed(capsys, folder, "is:suspended") == []
    code, out, _err = cards(capsys, "--undo", *path)
    assert (code, out) == (0, "undid unsuspend: 3 prompts as they were\n")
    assert len(listed(capsys, folder, "is:suspended")) == 3
    cards(capsys, "--undo", *path)
    assert listed(capsys, folder, "is:suspended") == []

    cards(capsys, "kind:reverse", "--bury", *path)
    assert [row["state"] for row in listed(capsys, folder, "kind:reverse")] == ["buried"] * 2
    cards(capsys, "kind:reverse", "--unbury", *path)
    assert [row["state"] for row in listed(capsys, folder, "kind:reverse")] == ["new"] * 2
    cards(capsys, "--undo", *path)
    assert [row["state"] for row in listed(capsys, folder, "is:buried")] == ["buried"] * 2
    cards(capsys, "--undo", *path)

    # Study a, then move its due day, then reset it; undo each.
    with Collection.open(deck_paths=[folder]) as collection:
        session = collection.start(["s"])
        session.answer(5, 800)  # a
    (a,) = listed(capsys, folder, "tag:adam")
    assert (a["state"], a["reviews"]) == ("review", 1)
    code, out, _err = cards(capsys, "deck:s", "--set-due", "3", *path)
    assert out.startswith("1 of 4 prompts due in 3 days (3 left as they were: new cards")
    (moved,) = listed(capsys, folder, "prop:due=3")
    assert moved["card"] == "a"
    code, out, _err = cards(capsys, "tag:adam", "--reset", *path)
    assert out.startswith("1 of 1 prompts reset to new")
    (reset,) = listed(capsys, folder, "tag:adam")
    assert (reset["state"], reset["due"], reset["reviews"]) == ("new", None, 1)
    cards(capsys, "--undo", *path)
    assert listed(capsys, folder, "tag:adam")[0]["due"] == moved["due"]
    cards(capsys, "--undo", *path)
    assert listed(capsys, folder, "tag:adam")[0]["due"] == a["due"]
    code, out, _err = cards(capsys, "--undo", *path)
    assert (code, out) == (0, "Nothing to undo.\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("tag:adam (",),
            "quizapp cards: this '(' is never closed: add a ')' (column 10)\n"
            "  tag:adam (\n           ^\n",
        ),
        (("deck:zz",), "quizapp cards: no deck 'zz' is loaded (decks: s) (column 1)"),
        (("--suspend",), "an action needs a QUERY saying which cards"),
        (("x", "--undo"), "--undo takes back the last change; it takes no QUERY"),
        (("x", "--set-due", "99999"), "--set-due takes -36500 to 36500 days"),
    ],
)
def test_errors_are_one_message_without_a_traceback(
    capsys: pytest.CaptureFixture[str], folder: Path, args: tuple[str, ...], message: str
) -> None:
    code, _out, err = cards(capsys, *args, "--path", str(folder))
    assert code == 2
    assert err.startswith(message) or message in err
    assert "Traceback" not in err


def test_a_query_that_starts_with_a_minus_goes_after_two_dashes(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, err = cards(capsys, "--json", "--path", str(folder), "--", "-tag:adam")
    assert code == 0, err
    assert [row["card"] for row in json.loads(out)] == ["r", "r#reverse", "c"]

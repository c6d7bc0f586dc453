"""`quizapp add`: a card by flags or prompts, with a stable id, appended leaving the rest as is."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from quizapp.cli import main
from quizapp.commands.add import build_card, prompt_fields
from quizapp.decks import load_deck

DECK = """\
deck: d   # comment
title: T

cards:
  - id: first
    front: First?   # keep me
    back: yes
"""


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "d.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


def _cards(path: Path) -> list[dict[str, object]]:
    cards: list[dict[str, object]] = yaml.safe_load(path.read_text(encoding="utf-8"))["cards"]
    return cards


def test_add_by_flags_appends_with_a_slug_id(deck: Path) -> None:
    assert main(["add", str(deck), "--front", "What is bagging?", "--back", "Bootstrap aggregating",
                 "--tag", "ensembles"]) == 0  # fmt: skip
    assert deck.read_text(encoding="utf-8") == DECK + (
        "  - id: what-is-bagging\n"
        "    front: What is bagging?\n"
        "    back: Bootstrap aggregating\n"
        "    tags: [ensembles]\n"
    )


def test_the_same_front_twice_gets_a_second_id(deck: Path) -> None:
    for _ in range(2):
        assert main(["add", str(deck), "--front", "First", "--back", "again"]) == 0
    assert [c["id"] for c in _cards(deck)] == ["first", "first-2", "first-3"]


def test_add_each_kind(deck: Path) -> None:
    assert main(["add", str(deck), "--kind", "choice", "--front", "Which reduces variance?",
                 "--choice", "Boosting", "--choice", "Bagging", "--answer", "2"]) == 0  # fmt: skip
    assert main(["add", str(deck), "--kind", "cloze",
                 "--text", "Adam came out in {{c1::2014}}."]) == 0  # fmt: skip
    assert main(["add", str(deck), "--kind", "typed", "--front", "Bagging in Korean?",
                 "--answer", "배깅", "--accept", "bagging"]) == 0  # fmt: skip
    assert main(["add", str(deck), "--kind", "order", "--front", "Oldest first",
                 "--item", "AlexNet", "--item", "ResNet"]) == 0  # fmt: skip
    assert _cards(deck)[1:] == [
        {"id": "which-reduces-variance", "kind": "choice", "front": "Which reduces variance?",
         "choices": ["Boosting", "Bagging"], "answer": 2},
        {"id": "adam-came-out-in-2014", "kind": "cloze",
         "text": "Adam came out in {{c1::2014}}."},
        {"id": "bagging-in-korean", "kind": "typed", "front": "Bagging in Korean?",
         "answer": "배깅", "accept": ["bagging"]},
        {"id": "oldest-first", "kind": "order", "front": "Oldest first",
         "items": ["AlexNet", "ResNet"]},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--front", "Q"], "needs a back"),
        (["--kind", "cloze", "--text", "no blanks"], "has no deletion"),
        (["--kind", "choice", "--front", "Q", "--choice", "a", "--answer", "1"], "two options"),
        (["--kind", "choice", "--front", "Q", "--choice", "a", "--choice", "b", "--answer", "3"],
         "not an option number from 1 to 2"),
        (["--kind", "order", "--front", "Q", "--item", "a", "--item", "a"], "must all differ"),
        (["--front", "Q", "--back", "A", "--id", "first"], "has a card 'first' already"),
    ],
    ids=["no-back", "cloze-no-deletion", "one-choice", "answer-out-of-range", "same-items",
         "taken-id"],
)  # fmt: skip
def test_add_refuses_bad_cards_and_writes_nothing(
    deck: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", str(deck), *argv]) in (1, 2)
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert deck.read_text(encoding="utf-8") == DECK


def test_add_to_a_missing_file_says_how_to_start_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", str(tmp_path / "none.yaml"), "--front", "Q", "--back", "A"]) == 1
    assert "quizapp new" in capsys.readouterr().err


def test_add_without_flags_and_without_a_terminal_explains(
    deck: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["add", str(deck)]) == 2
    assert "run it in a terminal" in capsys.readouterr().err


def test_prompts_collect_a_choice_card() -> None:
    answers = iter(["choice", "Pick two", "red", "green", "blue", "", "1, 3", "", "a b"])
    fields = prompt_fields(lambda prompt: next(answers))
    assert fields == {"kind": "choice", "front": "Pick two", "choices": ["red", "green", "blue"],
                      "answer": "1, 3", "back": "", "tags": ["a", "b"]}  # fmt: skip
    card = build_card(
        kind="choice", front="Pick two", choices=["red", "green", "blue"], answer="1, 3",
        tags=["a", "b"], card_id="pick-two",
    )  # fmt: skip
    assert card == {
        "id": "pick-two",
        "kind": "choice",
        "front": "Pick two",
        "choices": ["red", "green", "blue"],
        "answer": [1, 3],
        "tags": ["a", "b"],
    }


def test_prompts_ask_again_after_an_unknown_kind_or_a_wrong_option_number() -> None:
    answers = iter(["flashcard", "choice", "Pick", "red", "green", "", "7", "2", "", ""])
    said: list[str] = []
    fields = prompt_fields(lambda prompt: next(answers), said.append)
    assert (fields["kind"], fields["answer"]) == ("choice", "2")
    assert said == [
        "unknown kind 'flashcard'; pick one of basic, reverse, cloze, choice, typed, order",
        "'7' is not an option number from 1 to 2",
    ]


def test_ctrl_d_at_a_prompt_cancels_and_writes_nothing(
    deck: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = deck.read_bytes()
    answers = iter(["basic", "Front"])

    def read(prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", read)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    assert main(["add", str(deck)]) == 1
    assert "cancelled; nothing written" in capsys.readouterr().err
    assert deck.read_bytes() == before


def test_interactive_add_in_a_terminal(deck: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["", "Tty question", "Tty answer", "t1"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    assert main(["add", str(deck), "--tag", "flagged"]) == 0
    assert _cards(deck)[-1] == {"id": "tty-question", "front": "Tty question",
                                "back": "Tty answer", "tags": ["flagged", "t1"]}  # fmt: skip


def test_added_cards_pass_the_loader(deck: Path) -> None:
    assert (
        main(["add", str(deck), "--kind", "reverse", "--front", "Boosting", "--back", "부스팅"])
        == 0
    )
    result = load_deck(deck)
    assert result.problems == []
    assert result.deck is not None
    assert [c.id for c in result.deck.cards] == ["first", "boosting"]


def test_every_field_of_every_kind_that_can_be_added_is_prompted_for() -> None:
    from quizapp.commands.add import _ASK_FIELD
    from quizapp.model import KIND_SPECS

    asked = {name for spec in KIND_SPECS.values() if spec.authorable for name in spec.fields}
    assert asked == set(_ASK_FIELD)

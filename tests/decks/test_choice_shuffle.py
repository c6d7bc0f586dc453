"""A choice card's `shuffle:` key: read as true or false, refused otherwise with its line:col,
kept by the deck cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.decks import load_deck

HEAD = "deck: d\ntitle: T\ncards:\n"


@pytest.fixture(autouse=True)
def _isolated_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))


def _write(tmp_path: Path, cards: str) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(HEAD + cards, encoding="utf-8")
    return path


def _problems(path: Path) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.message) for p in load_deck(path).problems]


@pytest.mark.parametrize(("written", "shuffle"), [("", True), ("true", True), ("false", False)])
def test_shuffle_is_read(tmp_path: Path, written: str, shuffle: bool) -> None:
    line = f"    shuffle: {written}\n" if written else ""
    path = _write(
        tmp_path,
        "  - id: year\n    kind: choice\n    front: Q\n    choices: ['2018', '2019', '2020']\n"
        f"    answer: 3\n{line}",
    )
    result = load_deck(path)
    assert result.problems == []
    assert result.deck is not None and result.deck.cards[0].shuffle is shuffle


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("maybe", "'shuffle' must be true or false, not 'maybe'"),
        ("'false'", "'shuffle' must be true or false, not 'false'"),  # quoted: text
        ("[a]", "'shuffle' must be true or false, not a list"),
    ],
)
def test_a_shuffle_that_is_not_true_or_false_is_refused_where_it_is(
    tmp_path: Path, value: str, message: str
) -> None:
    path = _write(
        tmp_path,
        f"  - id: year\n    kind: choice\n    front: Q\n    choices: [a, b]\n    answer: 1\n"
        f"    shuffle: {value}\n",
    )
    assert _problems(path) == [(9, 14, message)]


def test_shuffle_belongs_to_choice_cards(tmp_path: Path) -> None:
    path = _write(tmp_path, "  - id: a\n    front: Q\n    back: A\n    shuffle: false\n")
    problems = load_deck(path).problems
    assert [(p.line, p.col, p.message, p.hint) for p in problems] == [
        (
            7,
            5,
            "field 'shuffle' is not used by basic cards",
            "it belongs to choice cards: set 'kind: choice'",
        )
    ]


def test_the_cache_keeps_shuffle(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "  - id: year\n    kind: choice\n    front: Q\n    choices: [a, b]\n    answer: 1\n"
        "    shuffle: false\n",
    )
    cache = tmp_path / "cache"
    cold = load_deck(path, cache_dir=cache)
    warm = load_deck(path, cache_dir=cache)
    assert warm.deck is not None and warm.deck.cards[0].shuffle is False
    assert warm == cold

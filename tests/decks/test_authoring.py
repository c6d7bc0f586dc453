"""`add_card`, the authoring code `quizapp add` and the TUI's form share."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.decks import load_deck
from quizapp.decks.authoring import KINDS, CardFields, CardInputError, add_card
from quizapp.decks.edit import EditError

DECK = "deck: d   # mine\ntitle: D\ncards:\n  - id: first\n    front: First?\n    back: yes\n"


@pytest.fixture
def deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))
    path = tmp_path / "d.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


def test_the_kinds_a_form_can_add() -> None:
    assert KINDS == ("basic", "reverse", "cloze", "choice", "typed", "order")


def test_a_card_is_appended_with_an_id_from_its_text_and_the_rest_kept(deck: Path) -> None:
    card = add_card(deck, CardFields(kind="cloze", text="Adam came out in {{c1::2014}}"))
    assert card == {"id": "adam-came-out-in-2014", "kind": "cloze", "text": card["text"]}
    text = deck.read_text(encoding="utf-8")
    assert text == DECK + (
        "  - id: adam-came-out-in-2014\n    kind: cloze\n    text: Adam came out in {{c1::2014}}\n"
    )
    result = load_deck(deck)
    assert result.deck is not None
    assert [c.id for c in result.deck.cards] == ["first", "adam-came-out-in-2014"]


def test_ids_are_unique_among_the_decks_own(deck: Path) -> None:
    assert add_card(deck, CardFields(front="First", back="b"))["id"] == "first-2"
    # Ids the caller has loaded count instead of the file's.
    fields = CardFields(front="Other", back="b")
    assert add_card(deck, fields, taken={"other"})["id"] == "other-2"


def test_an_id_the_deck_has_is_refused_and_nothing_written(deck: Path) -> None:
    with pytest.raises(EditError, match="the deck has a card 'first' already"):
        add_card(deck, CardFields(front="Q", back="A"), card_id="first")
    with pytest.raises(CardInputError, match="a basic card needs a back"):
        add_card(deck, CardFields(front="Q"))
    assert deck.read_text(encoding="utf-8") == DECK

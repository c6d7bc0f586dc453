"""Folding (case, accents, white space) and the text a card is searched by."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.model import Card, CardKind
from quizapp.search import fold, search_text, tag_text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Adam", "adam"),
        ("Résumé", "resume"),
        ("ÉCOLE  normale", "ecole normale"),
        ("Straße", "strasse"),  # casefold, not lower
        ("ﬁne", "fine"),  # NFKD splits the ligature
        ("Ångström", "angstrom"),
        ("모멘텀", "모멘텀"),  # Hangul decomposes to jamo and composes back the same
        ("a\n\tb", "a b"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    import unicodedata

    assert unicodedata.normalize("NFC", fold(text)) == folded


def test_every_text_of_a_card_and_never_its_id_or_tags() -> None:
    card = Card(
        id="secret-id",
        kind=CardKind.CHOICE,
        front="Which one?",
        back="A note on Élan",
        choices=("Alpha", "Beta"),
        tags=("hidden-tag",),
    )
    text = search_text(card)
    assert text.split("\n") == ["which one?", "a note on elan", "alpha", "beta"]
    assert "secret" not in text and "hidden" not in text
    typed = Card(id="t", kind=CardKind.TYPED, front="F", answer="Bagging", accept=("배깅",))
    assert search_text(typed).split("\n")[1:] == ["bagging", fold("배깅")]
    order = Card(id="o", kind=CardKind.ORDER, front="F", items=("One", "Two"))
    assert search_text(order).split("\n") == ["f", "one", "two"]


def test_a_cloze_is_searched_by_its_words_not_its_markup() -> None:
    card = Card(id="c", kind=CardKind.CLOZE, text="The {{c1::Cat}} sat {{c2::down::where}}")
    assert search_text(card) == "the cat sat down where"


def test_tags_are_folded_and_fenced_by_spaces() -> None:
    assert tag_text(("Adam", "SGD", "adam")) == " adam sgd "
    assert tag_text(()) == " "


def _reference_fold(text: str) -> str:
    """Folding as docs/search.md states it, without the ASCII shortcut."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


@given(st.text())
def test_fold_agrees_with_its_definition(text: str) -> None:
    assert fold(text) == _reference_fold(text)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_fold_of_ascii_agrees_with_its_definition(text: str) -> None:
    assert fold(text) == _reference_fold(text)

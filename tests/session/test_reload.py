"""Live reload, file by file: what a fresh reading of the deck files replaces, keeps or adds."""

from __future__ import annotations

from quizapp.decks.problems import Problem
from quizapp.model import Card, CardKind, Deck
from quizapp.session.reload import reloaded


def deck(path: str, content: str, deck_id: str | None = None) -> Deck:
    card = Card(id="c", kind=CardKind.BASIC, front="f", back="b")
    return Deck(id=deck_id or path, title=path, cards=(card,), path=path, content_hash=content)


def error(path: str) -> Problem:
    return Problem(path=path, line=1, col=1, severity="error", message="broken")


def test_each_file_replaced_kept_dropped_or_added() -> None:
    same, edited, broken, gone = deck("a", "1"), deck("b", "1"), deck("c", "1"), deck("d", "1")
    fresh_same, fresh_edited, new = deck("a", "1"), deck("b", "2"), deck("e", "1")
    result = reloaded([same, edited, broken, gone], [fresh_same, fresh_edited, new], [error("c")])
    # a: read again, unchanged; b: edited; c: broken now, the last good version stays; d: gone;
    # e: a new file. Only what changed is synced.
    assert result.decks == [fresh_same, fresh_edited, broken, new]
    assert result.changed == [fresh_edited, new]


def test_a_new_deck_id_in_the_same_file_is_a_change() -> None:
    old, renamed = deck("a", "1", "one"), deck("a", "1", "two")
    assert reloaded([old], [renamed], []).changed == [renamed]


def test_a_warning_is_no_broken_edit() -> None:
    warned = Problem(path="c", line=1, col=1, severity="warning", message="odd")
    assert reloaded([deck("c", "1")], [], [warned]).decks == []

"""The judge through the session: each showing of a choice card has its own order (counted from
the review log, so the next session differs too), and typed answers meet their deck's terms."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from quizapp.judge import Verdict, choice_order
from quizapp.session import Collection
from quizapp.session.judging import judge_typed, option_order
from tests.judging_cards import CHOICE, OVERFITTING, SCALE, UNDERFITTING
from tests.store.factory import clock_at, deck


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("QUIZAPP_DB", raising=False)


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    decks = [deck("g", (CHOICE, SCALE, OVERFITTING, UNDERFITTING))]
    db_url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    with Collection.from_decks(decks, db_url=db_url, clock=clock_at(2026, 3, 2, 9)) as opened:
        yield opened


def _answer_choice(collection: Collection, days: int) -> list[list[int]]:
    """Study the deck `days` days running, answering the choice card each day (Good); the orders
    its options were shown in."""
    orders = []
    for day in range(days):
        session = collection.start(["g"])
        while (item := session.current()) is not None:
            if item.prompt.key == CHOICE.id:
                orders.append(option_order(item))
                assert item.showing == day
            session.answer(4, 1000)
        collection.clock.advance(timedelta(days=400))  # type: ignore[attr-defined]
    return orders


def test_each_showing_of_a_choice_card_has_its_own_order(collection: Collection) -> None:
    orders = _answer_choice(collection, 6)
    assert orders == [choice_order("g/bagging-reduces", 4, showing) for showing in range(6)]
    assert all(a != b for a, b in pairwise(orders))


def test_undo_shows_the_same_order_again(collection: Collection) -> None:
    _answer_choice(collection, 1)
    session = collection.start(["g"])
    item = session.current()
    assert item is not None and item.prompt.key == CHOICE.id and item.showing == 1
    before = option_order(item)
    session.answer(4, 1000)
    assert session.undo()
    again = session.current()
    assert again is not None and again.showing == 1 and option_order(again) == before


def test_a_card_that_says_shuffle_false_keeps_the_file_order(collection: Collection) -> None:
    session = collection.start(["g"])
    while (item := session.current()) is not None and item.prompt.key != SCALE.id:
        session.answer(4, 1000)
    assert item is not None
    assert option_order(item) == [0, 1, 2, 3]


def test_typed_answers_meet_the_deck_terms(collection: Collection) -> None:
    collection.index.prepare_terms()  # as the study app's warm-up does, before any card
    prepared = collection.index.terms("g")
    session = collection.start(["g"])
    while (item := session.current()) is not None and item.prompt.key != OVERFITTING.id:
        session.answer(4, 1000)
    assert item is not None
    assert {"underfitting", "underfit", "과소적합", "Bias", "Variance"} <= set(item.known)
    assert judge_typed(item, "overfit").verdict is Verdict.RIGHT
    taken = judge_typed(item, "underfit")
    assert (taken.verdict, taken.other) == (Verdict.WRONG, "underfit")
    assert judge_typed(item, "overfiting").verdict is Verdict.NEAR
    # The terms are gathered once per deck and shared by its cards.
    assert collection.index.terms("g") is prepared is item.known

"""Per-deck options of config.toml's `[decks.ID]` tables: daily limits (the queue and the home
screen agree), sibling burying (and its undo), the leech rule's defaults; read, checked, saved."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from quizapp import config as config_module
from quizapp.config import Config, ConfigError
from quizapp.config_schedulers import DeckOptions
from quizapp.model import Card, CardKind, Deck
from quizapp.session import Collection
from tests.store.factory import clock_at, deck


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("QUIZAPP_DB", raising=False)


@pytest.fixture
def opened() -> Iterator[list[Collection]]:
    collections: list[Collection] = []
    yield collections
    for collection in collections:
        collection.close()


def rows(db_path: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db_path)) as connection, connection:
        return list(connection.execute(sql, args))


def test_options_are_read_checked_and_saved(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        "new_per_deck = 15\nleech_lapses = 6\n[decks.a]\nnew_per_day = 5\nreviews_per_day = 30\n"
        'leech_threshold = 4\nleech_action = "suspend"\nbury_siblings = true\n',
        encoding="utf-8",
    )
    config = config_module.load(path)
    a, other = config.deck_options("a"), config.deck_options("other")
    assert (a.new_per_day, a.reviews_per_day, a.leech_threshold) == (5, 30, 4)
    assert (a.leech_action, a.bury_siblings) == ("suspend", True)
    assert (other.new_per_day, other.reviews_per_day, other.leech_threshold) == (15, None, 6)
    assert (other.leech_action, other.bury_siblings) == ("tag", False)
    saved = tmp_path / "saved.toml"
    config_module.save(config, saved)
    assert config_module.load(saved) == config
    for text, message in [
        ("[decks.a]\nnew_per_day = -1", "'decks.a.new_per_day' must be a whole number from 0"),
        ("[decks.a]\nbury_siblings = 1", "'decks.a.bury_siblings' must be true or false"),
        (
            '[decks.a]\nleech_action = "delete"',
            '\'decks.a.leech_action\' must be "tag" or "suspend"',
        ),
        ("[decks.a]\nreviews_per_day = true", "'decks.a.reviews_per_day' must be a whole number"),
    ]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=message.replace("(", "\\(")):
            config_module.load(path)


def test_a_deck_s_own_limits_in_the_queue_and_on_the_home_screen(
    tmp_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 2, 9)
    db_url = f"sqlite:///{tmp_path / 'r.sqlite3'}"
    config = replace(
        Config(new_per_deck=4),
        decks={"a": DeckOptions(new_per_day=2), "b": DeckOptions(reviews_per_day=1)},
    )
    decks = [deck("a", 6), deck("b", 6)]
    collection = Collection.from_decks(decks, db_url=db_url, clock=clock, config=config)
    opened.append(collection)
    home = {s.deck_id: s for s in collection.deck_summaries()}
    assert (home["a"].new, home["b"].new) == (2, 4)
    session = collection.start()
    assert session.progress().left == 6
    while session.current() is not None:
        session.answer(5, 1000)  # SM-2's 5: learnt, back in a day
    # The next day both decks' cards are due: b's own limit lets one through.
    clock.advance(timedelta(days=1))
    home = {s.deck_id: s for s in collection.deck_summaries()}
    assert (home["a"].due, home["b"].due) == (2, 1)
    session = collection.start()
    due = [item.prompt.deck_id for item in _drain(session, only_due=True)]
    assert sorted(due) == ["a", "a", "b"]


def _drain(session: Any, only_due: bool) -> list[Any]:
    asked = []
    while (item := session.current()) is not None and (not only_due or not item.is_new):
        asked.append(item)
        session.answer(5, 800)
    return asked


def reverse(card_id: str) -> Card:
    return Card(id=card_id, kind=CardKind.REVERSE, front=f"{card_id} front", back="back", line=1)


def test_siblings_are_buried_until_tomorrow_and_undo_brings_them_back(
    tmp_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 2, 9)
    db_path = tmp_path / "r.sqlite3"
    config = replace(Config(), decks={"r": DeckOptions(bury_siblings=True)})
    decks = [Deck(id="r", title="R", cards=(reverse("x"), reverse("y")), content_hash="h")]
    collection = Collection.from_decks(
        decks, db_url=f"sqlite:///{db_path}", clock=clock, config=config, rng=random.Random(1)
    )
    opened.append(collection)
    session = collection.start()
    first = session.current()
    assert first is not None and first.prompt.key == "x"
    assert session.progress().left == 4
    session.answer(5, 1000)
    # x's other direction waits until tomorrow: only y's two directions are left... then y's
    # reverse is buried too once y is answered.
    assert session.progress().left == 2
    buried = rows(
        db_path,
        "SELECT c.key, s.buried_until FROM card_states s JOIN cards c ON c.id = s.card_id"
        " WHERE s.buried_until IS NOT NULL",
    )
    assert buried == [("x#reverse", "2026-03-03")]
    assert session.undo()
    assert rows(db_path, "SELECT count(*) FROM card_states WHERE buried_until IS NOT NULL") == [
        (0,)
    ]
    assert session.progress().left == 4
    asked = [item.prompt.key for item in _drain(session, only_due=False)]
    assert asked == ["x", "y"]
    (home,) = collection.deck_summaries()
    assert home.new == 0  # both reverses buried: none left today
    # Tomorrow they may come again (and wait once more if their sibling is answered first).
    clock.advance(timedelta(days=1))
    (home,) = collection.deck_summaries()
    assert (home.new, home.due) == (2, 2)
    assert collection.start().progress().left == 4


def test_a_leech_is_suspended_said_and_undone(tmp_path: Path, opened: list[Collection]) -> None:
    from quizapp.session.leeches import is_leech_lapse

    assert [n for n in range(1, 20) if is_leech_lapse(n, 8)] == [8, 12, 16]
    assert [n for n in range(1, 8) if is_leech_lapse(n, 3)] == [3, 4, 5, 6, 7]
    clock = clock_at(2026, 3, 2, 9)
    db_path = tmp_path / "r.sqlite3"
    config = replace(Config(), decks={"d": DeckOptions(leech_threshold=2, leech_action="suspend")})
    collection = Collection.from_decks(
        [deck("d", 1)], db_url=f"sqlite:///{db_path}", clock=clock, config=config
    )
    opened.append(collection)
    lapses = 0
    messages = []
    for _ in range(10):
        session = collection.start()
        if session.current() is None:
            clock.advance(timedelta(days=1))
            continue
        # Learn it (5), then forget it the day it is due (0): a lapse each time.
        state = rows(db_path, "SELECT repetitions, suspended FROM card_states")[0]
        grade = 0 if state[0] > 0 else 5
        session.answer(grade, 1000)
        lapses += grade == 0
        if session.last_leech is not None:
            messages.append(session.last_leech.message)
            break
        while session.current() is not None:
            session.answer(5, 500)
        clock.advance(timedelta(days=1))
    assert lapses == 2
    assert messages == ["This card is a leech: forgotten 2 times. It is suspended."]
    assert rows(db_path, "SELECT lapses, suspended FROM card_states") == [(2, 1)]
    assert session.current() is None  # out of the session too
    assert session.undo()
    assert rows(db_path, "SELECT lapses, suspended FROM card_states") == [(1, 0)]
    assert session.last_leech is None

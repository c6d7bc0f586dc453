"""Undo in a session: the newest action of any kind (answer, suspend, bury), several steps back,
each taking the store back to exactly the rows it had, read back with plain sqlite3."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from quizapp.clock import FixedClock
from quizapp.config import Config
from quizapp.session import Collection, StudySession
from quizapp.session.undo import Action
from tests.store.factory import clock_at, deck


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("QUIZAPP_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "reviews.sqlite3"


@pytest.fixture
def opened() -> Iterator[list[Collection]]:
    collections: list[Collection] = []
    yield collections
    for collection in collections:
        collection.close()


def open_collection(
    db_path: Path, cards: int, clock: FixedClock, opened: list[Collection], **settings: Any
) -> Collection:
    collection = Collection.from_decks(
        [deck("d", cards)], db_url=f"sqlite:///{db_path}", clock=clock, config=Config(**settings)
    )
    opened.append(collection)
    return collection


def rows(db_path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Read the database with its own connection: what is committed, independently of the code."""
    with closing(sqlite3.connect(db_path)) as connection, connection:
        return list(connection.execute(sql))


def stored(db_path: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every state row (every column but the version, which undo moves on: a session still
    holding the old version must not take it for the current state) and every review row."""
    columns = [row[1] for row in rows(db_path, "PRAGMA table_info(card_states)")]
    assert "version" in columns
    kept = ", ".join(name for name in columns if name != "version")
    return (
        rows(db_path, f"SELECT {kept} FROM card_states ORDER BY card_id"),
        rows(db_path, "SELECT * FROM reviews ORDER BY id"),
    )


def versions(db_path: Path) -> list[int]:
    return [row[0] for row in rows(db_path, "SELECT version FROM card_states ORDER BY card_id")]


def current_key(session: StudySession) -> str | None:
    item = session.current()
    return None if item is None else item.prompt.key


def act(session: StudySession, action: Action) -> None:
    if action is Action.ANSWER:
        session.answer(4, 1000)
    elif action is Action.SUSPEND:
        session.suspend()
    else:
        session.bury()


@pytest.mark.parametrize("action", list(Action), ids=str)
def test_undo_of_each_action_puts_back_every_row_and_the_card(
    action: Action, db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(db_path, 3, clock, opened)
    session = collection.start()
    session.answer(5, 2000)  # c0: something already in the log, which must stay
    before = stored(db_path)
    versions_before = versions(db_path)
    assert current_key(session) == "c1"
    act(session, action)
    assert stored(db_path) != before
    assert current_key(session) == "c2"
    # A suspension or burial is a card event of its own, as the browser's are.
    events = rows(db_path, "SELECT action FROM card_events")
    assert events == ([] if action is Action.ANSWER else [(str(action),)])

    undone = session.undo()
    assert undone is not None
    assert undone.action is action
    assert undone.item.prompt.key == "c1"
    assert stored(db_path) == before
    moved_on = [after > was for was, after in zip(versions_before, versions(db_path), strict=True)]
    # The card's row is under a later version (a session holding its old state must not write
    # over the change): an undone answer's row, or a card event's, gets the next one again.
    assert moved_on == [False, True, False]
    assert rows(db_path, "SELECT action FROM card_events") == []
    assert current_key(session) == "c1"
    assert session.progress().done == 1
    assert session.progress().left == 2


def test_the_undo_says_what_it_took_back(db_path: Path, opened: list[Collection]) -> None:
    clock = clock_at(2026, 3, 10)
    session = open_collection(db_path, 3, clock, opened).start()
    session.answer(3, 1000)  # SM-2's 3 is "Hard"... whatever the scale calls it, said by name
    session.suspend()
    session.bury()
    said = []
    while (undone := session.undo()) is not None:
        said.append(undone.message)
    label = session.current().scheduler.rating(3).label  # type: ignore[union-attr]
    assert said == [
        "Burial taken back: the card is in the session again.",
        "Suspension taken back: the card is in the session again.",
        f"Answer ({label}) taken back.",
    ]


def test_undo_goes_back_several_steps_of_mixed_actions(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(db_path, 5, clock, opened)
    session = collection.start()
    steps = [Action.ANSWER, Action.SUSPEND, Action.BURY, Action.ANSWER, Action.SUSPEND]
    snapshots = []
    for action in steps:
        snapshots.append((stored(db_path), current_key(session)))
        act(session, action)
    assert current_key(session) is None
    for action in reversed(steps):
        undone = session.undo()
        assert undone is not None and undone.action is action
        assert (stored(db_path), current_key(session)) == snapshots.pop()
    assert session.undo() is None
    assert rows(db_path, "SELECT count(*) FROM reviews") == [(0,)]
    # Every card is in the session again, in its first order.
    keys = []
    while (key := current_key(session)) is not None:
        keys.append(key)
        session.answer(4, 1000)
    assert keys == ["c0", "c1", "c2", "c3", "c4"]


def test_undo_of_a_bury_puts_back_an_earlier_burial_day(
    db_path: Path, opened: list[Collection]
) -> None:
    """Not "not buried": the exact day the row had, here a burial of some days ago."""
    clock = clock_at(2026, 3, 10)
    collection = open_collection(db_path, 1, clock, opened)
    collection.start().bury()
    assert rows(db_path, "SELECT buried_until FROM card_states") == [("2026-03-11",)]
    clock.advance(timedelta(days=3))
    session = collection.start()
    session.bury()
    assert rows(db_path, "SELECT buried_until FROM card_states") == [("2026-03-14",)]
    undone = session.undo()
    assert undone is not None and undone.action is Action.BURY
    assert rows(db_path, "SELECT buried_until FROM card_states") == [("2026-03-11",)]
    assert current_key(session) == "c0"


def test_an_undone_suspension_is_undone_for_the_next_session_too(
    db_path: Path, opened: list[Collection]
) -> None:
    """Durable: a collection opened afresh on the same file sees the card again."""
    clock = clock_at(2026, 3, 10)
    session = open_collection(db_path, 2, clock, opened).start()
    session.suspend()
    assert session.undo() is not None
    again = Collection.from_decks(
        [deck("d", 2)], db_url=f"sqlite:///{db_path}", clock=clock, config=Config()
    )
    opened.append(again)
    assert again.suspended_cards() == []
    assert current_key(again.start()) == "c0"


def test_answer_time_is_capped_in_the_summary_and_kept_in_the_log(
    db_path: Path, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 10)
    session = open_collection(db_path, 3, clock, opened).start()
    # An idle card (53 min 45 s on screen), then two ordinary answers.
    for response_ms in (3_225_000, 4_500, 61_000):
        session.answer(4, response_ms)
    # 60 s (capped, Anki's default) + 4.5 s + 60 s (61 s capped).
    assert session.summary().seconds == 124.5
    assert rows(db_path, "SELECT response_ms FROM reviews ORDER BY response_ms") == [
        (4_500,),
        (61_000,),
        (3_225_000,),
    ]


def test_the_cap_is_the_configured_one(db_path: Path, opened: list[Collection]) -> None:
    clock = clock_at(2026, 3, 10)
    session = open_collection(db_path, 2, clock, opened, max_answer_seconds=20).start()
    session.answer(4, 25_000)
    session.answer(4, 19_000)
    assert session.summary().seconds == 39.0

"""Actions on what a search selects, through the session on a real SQLite file: suspend,
unsuspend, bury, unbury, reset, set due, each one logged card event and each undone; the
stored leech tag; a custom study of a search (`quizapp review --query`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from quizapp.clock import FixedClock
from quizapp.config import Config
from quizapp.config_schedulers import DeckOptions
from quizapp.session import Collection, CustomStudy
from quizapp.store.records import STATE_FIELDS
from tests.session.search_fixture import NEW, day_start, fill_states, open_collection
from tests.store.factory import clock_at, deck


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "c.sqlite3"


@pytest.fixture
def opened(db_path: Path) -> Iterator[tuple[Collection, FixedClock]]:
    collection, clock = open_collection(db_path)
    fill_states(db_path)
    yield collection, clock
    collection.close()


def rows(db_path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db_path)) as connection, connection:
        return list(connection.execute(sql, params))


#: A state row's columns but its version (which every change, and every undo, bumps).
_STATE = ", ".join(f"s.{name}" for name in STATE_FIELDS if name != "version")


def states(db_path: Path) -> dict[str, tuple[Any, ...]]:
    """Every prompt's whole state row but its version, by deck/key."""
    return {
        f"{d}/{k}": tuple(rest)
        for d, k, *rest in rows(
            db_path,
            f"SELECT deck_id, key, {_STATE} FROM card_states s JOIN cards c ON c.id = s.card_id",
        )
    }


def versions(db_path: Path) -> dict[str, int]:
    return {
        f"{d}/{k}": v
        for d, k, v in rows(
            db_path,
            "SELECT deck_id, key, version FROM card_states s JOIN cards c ON c.id = s.card_id",
        )
    }


def found(collection: Collection, query: str) -> set[str]:
    return {f"{row.deck_id}/{row.key}" for row in collection.search(query)}


def test_suspend_and_unsuspend_then_undo_each(
    opened: tuple[Collection, FixedClock], db_path: Path
) -> None:
    collection, _clock = opened
    before = states(db_path)
    change = collection.change_cards(collection.search("deck:opt"), "suspend")
    # z#c2 was suspended already: it is left as it was, and no event is logged for it.
    assert (change.action, change.changed, change.unchanged) == ("suspend", 6, 1)
    assert found(collection, "is:suspended") == found(collection, "deck:opt")
    assert rows(
        db_path, "SELECT count(DISTINCT batch), count(*), min(action) FROM card_events"
    ) == [(1, 6, "suspend")]
    assert collection.start().progress().left == 2  # gen's two new cards are left today
    change = collection.change_cards(collection.search("tag:adam OR kind:cloze"), "unsuspend")
    assert (change.changed, change.unchanged) == (3, 0)
    assert found(collection, "is:suspended") == {"opt/r", "opt/r#reverse", "opt/t", "opt/ch"}

    undone = collection.undo_card_change()  # the unsuspend
    assert undone is not None and (undone.action, undone.restored, undone.kept) == (
        "unsuspend",
        3,
        0,
    )
    assert found(collection, "is:suspended") == found(collection, "deck:opt")
    undone = collection.undo_card_change()  # the suspend
    assert undone is not None and (undone.action, undone.restored) == ("suspend", 6)
    assert states(db_path) == before
    assert rows(db_path, "SELECT count(*) FROM card_events") == [(0,)]
    assert collection.undo_card_change() is None


def test_bury_and_unbury(opened: tuple[Collection, FixedClock], db_path: Path) -> None:
    collection, clock = opened
    before = states(db_path)
    assert found(collection, "is:due") == {"opt/a", "opt/z#c1"}
    change = collection.change_cards(collection.search("is:due"), "bury")
    assert change.changed == 2
    assert found(collection, "is:buried") == {"opt/a", "opt/z#c1", "opt/t"}
    assert found(collection, "is:due") == set()
    assert {row[0] for row in rows(db_path, "SELECT buried_until FROM card_states")} >= {
        "2026-03-03"
    }
    # Unbury: only the cards still buried change (the new ones were never buried).
    change = collection.change_cards(collection.search("deck:opt"), "unbury")
    assert (change.changed, change.unchanged) == (3, 4)
    assert found(collection, "is:buried") == set()
    undone = collection.undo_card_change()
    assert undone is not None and undone.restored == 3
    assert found(collection, "is:buried") == {"opt/a", "opt/z#c1", "opt/t"}
    assert collection.undo_card_change() is not None
    assert states(db_path) == before
    # A burial ends with its day: tomorrow nothing is buried.
    collection.change_cards(collection.search("is:due"), "bury")
    clock.advance(timedelta(days=1))
    assert found(collection, "is:buried") == set()


def test_reset_keeps_the_history_and_undo_puts_the_state_back(
    opened: tuple[Collection, FixedClock], db_path: Path
) -> None:
    collection, _clock = opened
    before = states(db_path)
    reviews = rows(db_path, "SELECT * FROM reviews ORDER BY id")
    change = collection.change_cards(collection.search("tag:adam OR deck:gen"), "reset")
    # g1 and g2 are new already.
    assert (change.changed, change.unchanged) == (2, 2)
    assert found(collection, "is:new") == NEW | {"opt/a", "gen/g0"}
    after = states(db_path)
    # card_id, scheduler, state, due_at, interval, easiness, repetitions, lapses, suspended,
    # buried_until, introduced: new as a card never answered, its history kept.
    assert after["opt/a"][1:] == (
        "sm2",
        '{"easiness": 2.5, "repetitions": 0, "interval": 0}',
        None,
        0,
        2.5,
        0,
        0,
        0,
        None,
        None,
    )
    assert rows(db_path, "SELECT * FROM reviews ORDER BY id") == reviews
    (row,) = collection.search("tag:adam")
    assert (row.state, row.reviews, row.lapses) == ("new", 3, 0)
    undone = collection.undo_card_change()
    assert undone is not None and (undone.action, undone.restored) == ("reset", 2)
    assert states(db_path) == before


def test_set_due_moves_the_due_day_of_studied_cards_only(
    opened: tuple[Collection, FixedClock], db_path: Path
) -> None:
    collection, _clock = opened
    before = states(db_path)
    change = collection.change_cards(collection.search("deck:opt"), "set_due", days=5)
    assert (change.changed, change.unchanged) == (5, 2)  # the two new cards have no due day
    assert found(collection, "prop:due=5") == {"opt/a", "opt/r", "opt/z#c1", "opt/z#c2", "opt/t"}
    due = {key: state[3] for key, state in states(db_path).items()}
    assert due["opt/a"] == day_start(before_day(5))
    assert due["opt/ch"] is None
    change = collection.change_cards(collection.search("kind:reverse"), "set_due", days=0)
    assert change.changed == 1
    assert found(collection, "is:due") == {"opt/r"}
    assert collection.undo_card_change() is not None
    assert collection.undo_card_change() is not None
    assert states(db_path) == before
    with pytest.raises(ValueError, match="set_due takes"):
        collection.change_cards([1], "set_due")
    with pytest.raises(ValueError, match="no card action"):
        collection.change_cards([1], "delete")


def before_day(days: int) -> Any:
    from tests.session.search_fixture import TODAY

    return TODAY + timedelta(days=days)


def test_undo_keeps_a_card_answered_since(
    opened: tuple[Collection, FixedClock], db_path: Path
) -> None:
    collection, _clock = opened
    collection.change_cards(collection.search("tag:adam OR deck:gen"), "reset")
    # Answer a (new again) through a session: the reset's undo must not throw that away.
    session = collection.start(["opt"], custom=CustomStudy(query="tag:adam"))
    item = session.current()
    assert item is not None and item.prompt.key == "a"
    session.answer(5, 900)
    answered = states(db_path)["opt/a"]
    undone = collection.undo_card_change()
    assert undone is not None and (undone.restored, undone.kept) == (1, 1)
    assert states(db_path)["opt/a"] == answered
    assert found(collection, "is:review deck:gen") == {"gen/g0"}


def test_review_query_studies_what_the_search_selects(
    opened: tuple[Collection, FixedClock], db_path: Path
) -> None:
    collection, _clock = opened
    before = states(db_path)
    custom = CustomStudy(query="tag:adam OR kind:typed OR deck:gen", reschedule=False)
    session = collection.start(custom=custom)
    asked = []
    while (item := session.current()) is not None:
        asked.append(f"{item.prompt.deck_id}/{item.prompt.key}")
        session.answer(4, 500)
    # In the search's order; a cram session changes no state, and its answers are logged.
    assert asked == ["gen/g0", "gen/g1", "gen/g2", "opt/a", "opt/t"]
    assert states(db_path) == before
    assert rows(db_path, "SELECT count(*) FROM reviews WHERE repeat = 1") == [(5,)]
    with pytest.raises(ValueError, match="one of"):
        CustomStudy(query="x", ahead_days=1)


def test_a_leech_is_tagged_in_the_store_and_undo_or_reset_takes_the_tag_off(
    tmp_path: Path,
) -> None:
    clock = clock_at(2026, 3, 2, 9)
    db_path = tmp_path / "l.sqlite3"
    config = replace(Config(), decks={"d": DeckOptions(leech_threshold=2, leech_action="tag")})
    collection = Collection.from_decks(
        [deck("d", 2)], db_url=f"sqlite:///{db_path}", clock=clock, config=config
    )
    try:
        session = _lapse_until_leech(collection, clock, db_path)
        assert session.last_leech is not None and not session.last_leech.suspended
        assert found(collection, "is:leech") == {"d/c0"}
        assert found(collection, "tag:leech") == found(collection, "tag:lee*") == {"d/c0"}
        (row,) = collection.search("is:leech")
        assert row.tags == ("leech",) and row.state != "suspended"
        assert rows(db_path, "SELECT tag FROM card_tags") == [("leech",)]
        # Undo of the answer takes the tag off; answering again puts it back.
        assert session.undo()
        assert found(collection, "is:leech") == set()
        session.answer(0, 1000)
        assert found(collection, "is:leech") == {"d/c0"}
        # Reset takes it off (the card starts again); undo of the reset gives it back.
        collection.change_cards(collection.search("is:leech"), "reset")
        assert found(collection, "is:leech") == set()
        assert collection.undo_card_change() is not None
        assert found(collection, "is:leech") == {"d/c0"}
    finally:
        collection.close()


def _lapse_until_leech(collection: Collection, clock: FixedClock, db_path: Path) -> Any:
    """Learn card c0, then forget it each day it is due, until the answer makes it a leech."""
    for _ in range(12):
        session = collection.start(custom=CustomStudy(query="deck:d c0"))
        item = session.current()
        due = rows(db_path, "SELECT due_at FROM card_states WHERE card_id = 1")[0][0]
        if item is None or (due is not None and due > clock.now().isoformat(" ")[:19]):
            clock.advance(timedelta(days=1))
            continue
        repetitions = rows(db_path, "SELECT repetitions FROM card_states WHERE card_id = 1")[0][0]
        session.answer(0 if repetitions > 0 else 5, 1000)
        if session.last_leech is not None:
            return session
        clock.advance(timedelta(days=1))
    raise AssertionError("the card never became a leech")


def test_a_change_and_its_undo_each_bump_the_versions_of_the_rows_they_change(
    opened: tuple[Collection, FixedClock], db_path: Path
) -> None:
    collection, _clock = opened
    before = versions(db_path)
    collection.change_cards(collection.search("deck:gen"), "suspend")
    changed = versions(db_path)
    gen = {key for key in before if key.startswith("gen/")}
    assert gen and all(changed[key] == before[key] + 1 for key in gen)
    assert all(changed[key] == before[key] for key in before.keys() - gen)
    # A session that read a state before the change would now find its version stale.
    assert collection.undo_card_change() is not None
    assert versions(db_path) == {
        key: version + (2 if key in gen else 0) for key, version in before.items()
    }

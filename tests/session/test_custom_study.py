"""Custom study through the session on a real SQLite file: review ahead, forgotten today, new
cards beyond the limit, chosen cards, and a cram session that changes no card's state."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from quizapp.config import Config
from quizapp.session import Collection, CustomStudy, StudySession
from tests.store.factory import clock_at, deck


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("QUIZAPP_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "r.sqlite3"


@pytest.fixture
def collection(db_path: Path) -> Iterator[Collection]:
    clock = clock_at(2026, 3, 2, 9)
    opened = Collection.from_decks(
        [deck("d", 6)],
        db_url=f"sqlite:///{db_path}",
        clock=clock,
        config=replace(Config(), new_per_deck=3),
    )
    yield opened
    opened.close()


def rows(db_path: Path, sql: str) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db_path)) as connection, connection:
        return list(connection.execute(sql))


def keys(session: StudySession, grade: int) -> list[str]:
    asked = []
    while (item := session.current()) is not None:
        asked.append(item.prompt.key)
        session.answer(grade, 700)
    return asked


def test_one_kind_at_a_time() -> None:
    with pytest.raises(ValueError, match="one of"):
        CustomStudy()
    with pytest.raises(ValueError, match="one of"):
        CustomStudy(ahead_days=2, forgotten=True)


def test_more_new_cards_then_review_ahead_then_forgotten(
    collection: Collection, db_path: Path
) -> None:
    # Today's limit: 3 new cards; custom study: 2 more.
    assert keys(collection.start(), 5) == ["c0", "c1", "c2"]
    assert collection.start().current() is None
    assert keys(collection.start(custom=CustomStudy(extra_new=2)), 5) == ["c3", "c4"]
    # All five learnt today are due tomorrow: nothing due now, but 1 day ahead has them.
    ahead = collection.start(custom=CustomStudy(ahead_days=1))
    failed = []
    for _ in range(5):
        item = ahead.current()
        assert item is not None and not item.is_repeat
        failed.append(item.prompt.key)
        ahead.answer(0, 700)  # forgotten: SM-2 asks it again before the session ends
    assert sorted(failed) == ["c0", "c1", "c2", "c3", "c4"]
    assert keys(ahead, 4) == failed
    # Forgotten today: the cards failed today, once each.
    forgotten = collection.start(custom=CustomStudy(forgotten=True))
    assert keys(forgotten, 4) == ["c0", "c1", "c2", "c3", "c4"]


def test_cram_logs_answers_and_changes_nothing(collection: Collection, db_path: Path) -> None:
    keys(collection.start(), 5)
    before = rows(db_path, "SELECT * FROM card_states ORDER BY card_id")
    ids = [card_id for (card_id,) in rows(db_path, "SELECT id FROM cards ORDER BY key DESC")]
    cram = collection.start(custom=CustomStudy(card_ids=tuple(ids[:3]), reschedule=False))
    first = cram.current()
    assert first is not None
    # Every button keeps the card where it is (new: it stays new, for today).
    assert {choice.due for choice in cram.preview()} == {date(2026, 3, 2)}
    asked = []
    grades = iter([1, 4, 4, 4])  # the first one failed: it comes back before the end
    while (item := cram.current()) is not None:
        asked.append(item.prompt.key)
        cram.answer(next(grades), 500)
    assert asked == ["c5", "c4", "c3", "c5"]
    assert rows(db_path, "SELECT * FROM card_states ORDER BY card_id") == before
    logged = rows(db_path, "SELECT grade, repeat FROM reviews ORDER BY reviewed_at, rowid")[-4:]
    assert logged == [(1, 1), (4, 1), (4, 1), (4, 1)]
    # With rescheduling, chosen cards are scheduled as usual.
    real = collection.start(custom=CustomStudy(card_ids=(ids[5],), reschedule=True))
    real.answer(3, 500)
    assert rows(db_path, "SELECT * FROM card_states ORDER BY card_id") != before

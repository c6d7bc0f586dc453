"""The statistics of FSRS decks: retention by each scheduler's own pass rule, and the average
predicted recall now (FSRS's retrievability), checked against the pure module's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from quizapp.clock import FixedClock
from quizapp.config import Config
from quizapp.config_schedulers import DeckOptions
from quizapp.scheduling.fsrs import FSRSConfig, FSRSState, retrievability
from quizapp.session import Collection
from quizapp.stats import to_json
from tests.store.factory import clock_at, deck


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("QUIZAPP_DB", raising=False)


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    clock = clock_at(2026, 3, 2, 9)
    config = replace(
        Config(),
        scheduler_settings={"fsrs": {"fuzz": False}},
        decks={"f": DeckOptions(scheduler="fsrs")},
    )
    opened = Collection.from_decks(
        [deck("s", 3), deck("f", 3)],
        db_url=f"sqlite:///{tmp_path / 'r.sqlite3'}",
        clock=clock,
        config=config,
    )
    yield opened
    opened.close()


def test_recall_now_and_retention_by_each_scheduler_s_rule(collection: Collection) -> None:
    clock = collection.clock
    assert isinstance(clock, FixedClock)
    session = collection.start()
    answers = {"s": [5, 2, 4], "f": [4, 1, 4]}  # SM-2: 2 fails; FSRS: 1 (Again) fails
    given: dict[str, list[int]] = {"s": [], "f": []}
    while (item := session.current()) is not None:
        deck_id = item.prompt.deck_id
        grades = answers[deck_id]
        grade = grades[len(given[deck_id])] if len(given[deck_id]) < len(grades) else 4
        if item.scheduler.name == "fsrs" and grade not in (1, 2, 3, 4):
            grade = 3
        given[deck_id].append(grade)
        session.answer(grade, 1000)
        clock.advance(timedelta(minutes=2))  # FSRS's 1-minute step is due again
    clock.advance(timedelta(days=5))
    report = collection.stats()
    # Each answer passes by its own scheduler's rule: SM-2 3 and up, FSRS Hard and up.
    from quizapp.store.database import open_database
    from quizapp.store.fast.stats_reads import read_log
    from quizapp.store.stats_queries import read_cards

    database = open_database(collection.store.url)
    try:
        with database.reading() as db:
            _cards, ids = read_cards(db, None, rollover_hour=4)
            log = read_log(db, ids, rollover_hour=4)
            grades = [int(g) for g in log.grade]
            schedulers = [
                name for (name,) in db.execute(text("SELECT scheduler FROM reviews ORDER BY rowid"))
            ]
    finally:
        database.close()
    expected_pass = [
        g >= 3 if s == "sm2" else g >= 2 for s, g in zip(schedulers, grades, strict=True)
    ]
    assert sorted(zip(grades, log.passed.tolist(), strict=True)) == sorted(
        zip(grades, expected_pass, strict=True)
    )
    assert sorted(schedulers) == sorted(["sm2"] * len(given["s"]) + ["fsrs"] * len(given["f"]))

    # Recall now: each FSRS card's stored state, through the pure module's retrievability.
    import sqlite3
    from contextlib import closing

    path = Path(collection.store.url.removeprefix("sqlite:///"))
    with closing(sqlite3.connect(path)) as connection:
        states = [
            FSRSState.from_dict(json.loads(text))
            for (text,) in connection.execute(
                "SELECT s.state FROM card_states s JOIN cards c ON c.id = s.card_id"
                " WHERE c.deck_id = 'f'"
            )
        ]
    now = clock.now()
    expected = [retrievability(state, now, FSRSConfig()) for state in states]
    assert report.recall is not None
    assert report.recall.cards == 3
    assert report.recall.mean == pytest.approx(sum(expected) / 3, rel=1e-12)
    assert set(report.recall.decks) == {"f"}
    data = to_json(report)
    assert data["recall"]["cards"] == 3
    assert data["recall"]["mean"] == pytest.approx(sum(expected) / 3, abs=1e-6)
    assert 0 < data["recall"]["mean"] < 1
    assert datetime.now(UTC) > now - timedelta(days=3650)  # the clock is a fixed one


def test_no_recall_without_fsrs_cards(tmp_path: Path) -> None:
    clock = clock_at(2026, 3, 2, 9)
    with Collection.from_decks(
        [deck("s", 2)], db_url=f"sqlite:///{tmp_path / 'r.sqlite3'}", clock=clock
    ) as collection:
        collection.start().answer(4, 100)
        report = collection.stats()
        assert report.recall is None
        assert "recall" not in to_json(report)

"""The calibration plot of FSRS decks: what FSRS predicted at each answer (from the state the
answer found, through the pure module's retrievability) in bins against the recall seen, on a
month of answers studied through the session, and on the Stats screen."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from textual.app import App
from textual.widgets import Static

from quizapp.clock import FixedClock
from quizapp.config import Config
from quizapp.config_schedulers import DeckOptions
from quizapp.scheduling.fsrs import FSRSConfig, FSRSState, retrievability
from quizapp.session import Collection
from quizapp.tui.calibration import calibration_text
from quizapp.tui.screens.stats import StatsScreen
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
        [deck("s", 3), deck("f", 8)],
        db_url=f"sqlite:///{tmp_path / 'r.sqlite3'}",
        clock=clock,
        config=config,
    )
    # Forty days of study: FSRS cards answered Again one time in four, else Good.
    rng = np.random.default_rng(3)
    for _ in range(40):
        session = opened.start()
        while (item := session.current()) is not None:
            if item.scheduler.name == "fsrs":
                session.answer(1 if rng.random() < 0.25 else 3, 1000)
            else:
                session.answer(4, 1000)
            clock.advance(timedelta(minutes=11))
        clock.advance(timedelta(days=1))
    yield opened
    opened.close()


def _expected(collection: Collection) -> tuple[list[float], list[bool]]:
    """Each FSRS answer's prediction, from its stored state_before, by the pure module."""
    import json

    path = Path(collection.store.url.removeprefix("sqlite:///"))
    with closing(sqlite3.connect(path)) as connection:
        rows = connection.execute(
            "SELECT r.state_before, r.reviewed_at, r.grade FROM reviews r"
            " JOIN cards c ON c.id = r.card_id WHERE c.deck_id = 'f' AND NOT r.repeat"
        ).fetchall()
    predicted, recalled = [], []
    for state_text, at, grade in rows:
        state = json.loads(state_text)
        if not state:
            continue  # a new card: FSRS predicts nothing
        when = datetime.fromisoformat(at).replace(tzinfo=UTC)
        value = retrievability(FSRSState.from_dict(state), when, FSRSConfig())
        if value < 1.0:
            predicted.append(value)
            recalled.append(grade >= 2)
    return predicted, recalled


def test_calibration_bins_hold_what_fsrs_predicted(collection: Collection) -> None:
    predicted, recalled = _expected(collection)
    assert len(predicted) > 40
    bins = collection.recall_calibration()
    assert sum(b.count for b in bins) == len(predicted)
    edges = np.linspace(0, 1, 11)
    for b in bins:
        inside = [(p, y) for p, y in zip(predicted, recalled, strict=True) if b.low <= p < b.high]
        assert b.count == len(inside)
        assert b.predicted == pytest.approx(float(np.mean([p for p, _ in inside])))
        assert b.recalled == pytest.approx(float(np.mean([y for _, y in inside])))
        assert b.low in edges
    # Narrowed to the SM-2 deck: nothing (SM-2 predicts no recall).
    assert collection.recall_calibration(["s"]) == ()
    plot = calibration_text(bins).plain
    assert f"{len(predicted):,} answers" in plot
    assert max(len(line) for line in plot.splitlines()) <= 80


class StatsOnly(App[None]):
    def __init__(self, collection: Collection) -> None:
        super().__init__()
        self.collection = collection

    def on_mount(self) -> None:
        self.push_screen(StatsScreen(self.collection))


async def test_the_stats_screen_shows_the_plot_for_fsrs_decks(collection: Collection) -> None:
    app = StatsOnly(collection)
    assert isinstance(collection.clock, FixedClock)
    async with app.run_test(size=(100, 80)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        plot = app.screen.query_one("#stats-calibration", Static)
        assert plot.display
        text = str(plot.render())
        count = sum(b.count for b in collection.recall_calibration())
        assert f"{count:,} answers a day or more" in text
        assert "pred" in text and "seen" in text
        # The SM-2 deck alone: no plot.
        await pilot.press("d", "down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert screen.filters.deck_id == "f" or screen.filters.deck_id == "s"
        shown = screen.query_one("#stats-calibration", Static).display
        assert shown == (screen.filters.deck_id == "f")

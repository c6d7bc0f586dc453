"""The Stats screen on a fixed history (tests/stats/store_history.py) and a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from quizapp.clock import FixedClock
from quizapp.config import Config
from quizapp.session import Collection
from quizapp.tui.screens.stats import StatsScreen
from tests.stats.store_history import DECKS, write_history

#: Noon on 2024-05-10 (UTC): the history's "today". The day starts at 02:00, so answer 3
#: (03:00 on 05-07) counts for 05-07 and the streak broke on 05-06: current 3, longest 3.
NOW = datetime(2024, 5, 10, 12, tzinfo=UTC)


class StatsOnly(App[None]):
    """A bare app showing just the Stats screen (the real app pushes it from home)."""

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        self.collection = collection

    def on_mount(self) -> None:
        self.push_screen(StatsScreen(self.collection))


@pytest.fixture
def collection(tmp_path: Path) -> Any:
    url = f"sqlite:///{tmp_path / 'reviews.sqlite3'}"
    write_history(url)
    opened = Collection.from_decks(
        DECKS, db_url=url, clock=FixedClock(NOW), config=Config(rollover_hour=2)
    )
    yield opened
    opened.close()


async def _settled(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_figures_on_the_screen(collection: Collection) -> None:
    app = StatsOnly(collection)
    async with app.run_test(size=(110, 60)) as pilot:
        await _settled(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert screen.report is not None
        assert (screen.report.streaks.current, screen.report.streaks.longest) == (3, 3)
        summary = str(screen.query_one("#stats-summary", Static).render())
        assert "3 days (longest 3)" in summary
        assert "75% of 4 reviews" in summary
        # `d` narrows to the first deck (alpha: answers 1, 2, 3 and 6).
        await pilot.press("d")
        await _settled(pilot)
        assert screen.deck_id == "alpha"
        assert screen.report.totals.reviews == 4
        await pilot.press("d", "d")
        await _settled(pilot)
        assert screen.deck_id is None
        assert screen.report.totals.reviews == 7


def test_snapshot(collection: Collection, snap_compare: Any) -> None:
    assert snap_compare(StatsOnly(collection), terminal_size=(110, 80), run_before=_settled)

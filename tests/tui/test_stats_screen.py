"""The Stats screen on a fixed history (tests/stats/store_history.py) and a fixed clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from quizapp.clock import FixedClock
from quizapp.config import Config
from quizapp.session import Collection
from quizapp.stats.days import day_number
from quizapp.tui.screens.stats import StatsFilters, StatsScreen
from tests.stats.store_history import DECKS, write_history
from tests.tui.screen import screen_text

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
        # The filter keys are in the footer.
        bottom = screen_text(app).splitlines()[-1]
        for words in ("d Deck", "t Tag", "p Period", "c Clear", "r Refresh"):
            assert words in bottom


async def test_filters_by_deck_tag_and_period(collection: Collection) -> None:
    app = StatsOnly(collection)
    async with app.run_test(size=(110, 60)) as pilot:
        await _settled(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert screen.report is not None and screen.report.totals.reviews == 7

        # `d` opens the deck list: "All decks", Alpha, Beta. Alpha has answers 1, 2, 3 and 6.
        await pilot.press("d", "down", "enter")
        await _settled(pilot)
        assert screen.filters == StatsFilters(deck_id="alpha")
        assert screen.report.decks == ("alpha",)
        assert screen.report.totals.reviews == 4
        assert "deck alpha · all time" in screen_text(app)

        # `t`: the only tag is beta's deck tag "greek": none of alpha's cards carry it.
        await pilot.press("t", "down", "enter")
        await _settled(pilot)
        assert screen.filters == StatsFilters(deck_id="alpha", tag="greek")
        assert screen.report.totals.reviews == 0
        # Back to every deck: the greek cards are b1 and b2, answers 4, 5 and 7.
        await pilot.press("d", "up", "enter")
        await _settled(pilot)
        assert screen.filters == StatsFilters(tag="greek")
        assert screen.report.totals.reviews == 3

        # `c` clears the filters; then 26 days on, "last 30 days" starts on 05-07 (06-05 and
        # the 29 days before): every answer but a1's first, on 05-05.
        await pilot.press("c")
        await _settled(pilot)
        assert screen.filters == StatsFilters()
        assert screen.report.totals.reviews == 7
        assert isinstance(collection.clock, FixedClock)
        collection.clock.advance(timedelta(days=26))
        await pilot.press("p", "down", "down", "enter")
        await _settled(pilot)
        assert screen.filters == StatsFilters(days=30)
        assert screen.report.settings.since_day == day_number(date(2024, 5, 7))
        assert (screen.report.totals.reviews, screen.report.totals.days_studied) == (6, 3)
        assert "all decks · last 30 days" in screen_text(app)
        # Escape closes an open list without changing anything; the screen stays.
        await pilot.press("d", "escape")
        await _settled(pilot)
        assert isinstance(app.screen, StatsScreen)
        assert screen.filters == StatsFilters(days=30)


def test_snapshot(collection: Collection, snap_compare: Any) -> None:
    assert snap_compare(StatsOnly(collection), terminal_size=(110, 80), run_before=_settled)


def test_snapshot_filtered_at_80_columns(collection: Collection, snap_compare: Any) -> None:
    async def filtered(pilot: Pilot[None]) -> None:
        await _settled(pilot)
        await pilot.press("d", "down", "down", "enter")
        await _settled(pilot)

    assert snap_compare(StatsOnly(collection), terminal_size=(80, 50), run_before=filtered)


def test_hardest_cards_take_one_line_each_at_80_columns() -> None:
    """A deck folder deeper than the terminal is wide, a long card key: one line per card, the
    file's name and line whole (the line to open), the key cut with "…"."""
    from types import SimpleNamespace

    from rich.console import Console

    from quizapp.scheduling.sm2 import EASINESS
    from quizapp.stats.cards import HardCard
    from quizapp.tui.screens.stats import hardest_table

    folder = "/" + "a-folder-with-a-long-name/" * 4
    cards = [
        HardCard(
            "opt", "adam-bias-correction", f"{folder}optimizers.yaml", 97, 1.3, 9, True, False
        ),
        HardCard("gen", "k" * 90, f"{folder}generalization.yaml", 152, 2.1, 3, False, False),
    ]
    report: Any = SimpleNamespace(hardest=cards, spread=SimpleNamespace(measure=EASINESS))
    console = Console(width=74, record=True)  # the screen's table at 80, inside its margins
    console.print(hardest_table(report))
    lines = console.export_text().splitlines()
    assert len(lines) == 3  # the header and one line per card
    assert lines[1].split()[:2] == ["optimizers.yaml:97", "adam-bias-correction"]
    assert lines[1].rstrip().endswith("leech")
    assert lines[2].split()[0] == "generalization.yaml:152"
    assert "…" in lines[2]

"""Custom study from the home screen: `c`, pick "more new cards", study them."""

from __future__ import annotations

from pathlib import Path

from quizapp.config import Config
from quizapp.tui.screens.custom_study import CustomStudyScreen
from quizapp.tui.screens.review import ReviewScreen
from tests.tui.conftest import AppFactory, write_deck
from tests.tui.screen import screen_text
from tests.tui.test_flows import open_deck, wait_for_decks

DECK = """\
deck: few
title: A few cards
cards:
  - {id: a, front: Card A, back: a}
  - {id: b, front: Card B, back: b}
  - {id: c, front: Card C, back: c}
"""


async def test_more_new_cards_than_the_limit(build_app: AppFactory, tmp_path: Path) -> None:
    folder = tmp_path / "few"
    write_deck(folder, "few.yaml", DECK)
    app = build_app(folder, config=Config(new_per_deck=1))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "few")
        await pilot.press("space", "4")  # the day's one new card
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)  # the summary
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CustomStudyScreen)
        assert "Custom study: A few cards" in screen_text(app)
        await pilot.press("down", "down", "enter")  # the third choice: more new cards
        await pilot.pause()
        count = app.screen.query_one("#custom-count")
        count.focus()
        await pilot.press("ctrl+a", "backspace", "5", "enter")  # at most 5 more: 2 are left
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "Card B" in screen_text(app)
        assert "0 done · 2 left" in screen_text(app)

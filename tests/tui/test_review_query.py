"""`quizapp review --query`: the app studies what a search selects; a query naming no loaded
deck is said in a notification, and the home screen stays."""

from __future__ import annotations

from quizapp.session import CustomStudy
from quizapp.tui.screens.review import ReviewScreen
from tests.tui.conftest import AppFactory
from tests.tui.screen import screen_text
from tests.tui.test_flows import wait_for_decks


async def test_a_search_is_studied(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for_decks(pilot)
        app.study(None, CustomStudy(query="tag:adam", reschedule=False))
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "Adam's default" in screen_text(app)
        assert "0 done · 1 left" in screen_text(app)


async def test_a_deck_not_loaded_is_said_not_crashed(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for_decks(pilot)
        app.study(None, CustomStudy(query="deck:nope"))
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
        (notification,) = list(app._notifications)
        assert "no deck 'nope' is loaded" in notification.message

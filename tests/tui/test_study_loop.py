"""The study loop's keys: undo of each kind of action, and the summary's keys."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.review import ReviewScreen
from quizapp.tui.screens.summary import SummaryScreen
from tests.tui.conftest import AppFactory
from tests.tui.screen import screen_text
from tests.tui.test_flows import open_deck, wait_for_decks


def hint_of(review: ReviewScreen) -> str:
    return str(review.query_one("#review-hint", Static).render())


def key_of(review: ReviewScreen) -> str | None:
    return None if review.item is None else review.item.prompt.key


async def test_u_takes_back_a_suspend_a_bury_and_answers_newest_first(
    build_app: AppFactory,
) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "basics")
        await pilot.press("s")
        assert key_of(review) == "adam-defaults"
        await pilot.press("u")
        # The suspension, not some answer before it: the card is back, and the line says so.
        assert key_of(review) == "bagging-idea"
        assert hint_of(review).startswith("Suspension taken back")
        assert app.collection is not None and app.collection.suspended_cards() == []

        await pilot.press("space", "4")
        assert key_of(review) == "adam-defaults"
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        # On the summary too: the burial first, said on the review screen it goes back to.
        await pilot.press("u")
        await pilot.pause()
        resumed = app.screen
        assert isinstance(resumed, ReviewScreen)
        review = resumed
        assert key_of(review) == "adam-defaults"
        assert hint_of(review).startswith("Burial taken back")
        assert "1 done · 1 left" in screen_text(app)
        await pilot.press("u")
        assert key_of(review) == "bagging-idea"
        assert hint_of(review).startswith("Answer (Good) taken back.")
        assert "0 done · 2 left" in screen_text(app)
        await pilot.press("u")
        assert hint_of(review).startswith("Nothing to undo in this session.")


@pytest.mark.parametrize("key", ["enter", "escape", "q"])
async def test_the_summary_leaves_with_enter_esc_and_q(build_app: AppFactory, key: str) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "basics")
        await pilot.press("space", "4", "space", "4")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_space_does_not_close_the_summary(build_app: AppFactory) -> None:
    """A learner rating with space may press it once more than there were cards."""
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "basics")
        await pilot.press("space", "space", "space", "space", "space")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Cards reviewed   2" in screen_text(app)

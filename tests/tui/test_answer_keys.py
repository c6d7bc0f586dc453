"""Keys on a card with answer fields: Enter through an exercise's fields, ctrl+Enter, Esc twice
with typed text, scrolling the results without Tab, and ctrl+c's hint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input

from quizapp.tui.screens.end_session import EndSessionScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.review import ReviewScreen
from quizapp.tui.screens.summary import SummaryScreen
from quizapp.tui.widgets.card_area import CardArea
from tests.tui.conftest import AppFactory
from tests.tui.screen import screen_text
from tests.tui.test_exercise_view import CARDS
from tests.tui.test_flows import ADAM_ONE_STEP, one_card_deck, open_deck, wait_for_decks

TYPED = """\
- id: term-bagging
  kind: typed
  front: Bootstrap aggregating is better known as…
  answer: bagging
"""


def current(app: App[Any]) -> object:
    """The screen shown now (read afresh: a key may have changed it)."""
    return app.screen


def values(review: ReviewScreen) -> list[str]:
    return [field.value for field in review.query(Input)]


async def test_enter_goes_to_the_next_empty_field_and_checks_once_all_are_filled(
    build_app: AppFactory, tmp_path: Path
) -> None:
    app = build_app(one_card_deck(tmp_path, ADAM_ONE_STEP))
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        m, m_hat, theta = review.query(Input)
        # θ first, then Enter: on to m, the first empty field (round past the end).
        await pilot.press("tab", "tab", *"0.4", "enter")
        assert app.focused is m
        await pilot.press(*"0.02", "enter")
        assert app.focused is m_hat
        assert not review.query_one("#grade-bar").display  # not checked: a field is empty
        # By hand: m̂ = 0.02/(1 − 0.9) = 0.2; all filled, Enter checks.
        await pilot.press(*"0.2", "enter")
        await pilot.pause()
        assert review.query_one("#grade-bar").display
        assert screen_text(app).count("✓ right") == 3
        assert values(review) == ["0.02", "0.2", "0.4"]
        assert theta.disabled


@pytest.mark.parametrize("key", ["ctrl+enter", "ctrl+j"])
async def test_ctrl_enter_checks_at_once(build_app: AppFactory, tmp_path: Path, key: str) -> None:
    app = build_app(one_card_deck(tmp_path, ADAM_ONE_STEP))
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        await pilot.press(*"0.02", key)
        await pilot.pause()
        assert review.query_one("#grade-bar").display
        text = screen_text(app)
        assert text.count("✓ right") == 1
        assert text.count("✗ left blank") == 2


async def test_esc_twice_with_typed_text_asks_and_keeps_the_text(
    build_app: AppFactory, tmp_path: Path
) -> None:
    app = build_app(one_card_deck(tmp_path, ADAM_ONE_STEP))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        await pilot.press(*"0.02", "tab", *"0.2", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, EndSessionScreen)
        await pilot.press("n")
        await pilot.pause()
        assert current(app) is review
        # Back in the field Esc left, the text kept; the next letter goes after it.
        m_hat = review.query_one("#answer-m_hat", Input)
        assert app.focused is m_hat
        await pilot.press("5")
        assert values(review) == ["0.02", "0.25", ""]
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, EndSessionScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_esc_twice_on_a_typed_card_asks_only_with_text(
    build_app: AppFactory, tmp_path: Path
) -> None:
    app = build_app(one_card_deck(tmp_path, TYPED))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        await pilot.press(*"bag", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, EndSessionScreen)
        await pilot.press("escape")  # Esc in the dialog: back to the card, not out
        await pilot.pause()
        assert current(app) is review
        assert values(review) == ["bag"]
        await pilot.press(*["backspace"] * 3, "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)  # nothing typed: nothing to ask about
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_exercise_results_scroll_without_tab_at_80_by_24(
    build_app: AppFactory, tmp_path: Path
) -> None:
    app = build_app(one_card_deck(tmp_path, CARDS["adaboost"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "one")
        await pilot.pause()
        await pilot.press("ctrl+enter")
        await pilot.pause()
        area = review.query_one(CardArea)
        assert area.max_scroll_y > 0  # the results are longer than the screen
        bottom = area.scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert area.scroll_y < bottom
        paged = area.scroll_y
        await pilot.press("down", "down")
        await pilot.pause()
        assert area.scroll_y == min(paged + 2, area.max_scroll_y)
        await pilot.press("up")
        await pilot.pause()
        assert area.scroll_y == min(paged + 2, area.max_scroll_y) - 1
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        assert area.scroll_y == area.max_scroll_y
        # The rating keys still reach the screen.
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)


async def test_ctrl_c_says_which_key_quits_in_plain_text(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        text = screen_text(app)
        assert "Press q to quit the app." in text  # the home screen's q
        assert "[b]" not in text
        await open_deck(pilot, "basics")
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert "Press ^q to quit the app." in screen_text(app)  # q is not bound on a card

"""The card browser: `/` on the home screen, a search, the card pane, actions on the selected
rows and their undo, sorting, and a query that cannot be read."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input

from quizapp.tui.app import QuizApp
from quizapp.tui.screens.browse import BrowseScreen
from quizapp.tui.widgets.card_table import CardTable
from tests.tui.conftest import AppFactory
from tests.tui.screen import screen_text
from tests.tui.test_flows import wait_for_decks


async def open_browser(pilot: Pilot[int]) -> BrowseScreen:
    await wait_for_decks(pilot)
    await pilot.press("slash")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BrowseScreen)
    return screen


async def search(pilot: Pilot[int], screen: BrowseScreen, query: str) -> None:
    await pilot.press("slash")
    box = screen.query_one("#browse-query", Input)
    assert screen.focused is box
    box.value = query
    await pilot.press("enter")
    await pilot.pause()


def states(app: QuizApp, query: str) -> dict[str, str]:
    assert app.collection is not None
    return {row.key: row.state for row in app.collection.search(query)}


async def test_search_select_suspend_and_undo(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        screen = await open_browser(pilot)
        # It opens on the deck under the home screen's cursor.
        assert screen.query_one("#browse-query", Input).value == "deck:basics"
        assert f"{len(states(app, 'deck:basics'))} prompts" in screen_text(app)
        await search(pilot, screen, "tag:adam")
        text = screen_text(app)
        assert "1 prompts" in text and "adam-defaults" in text
        assert "History (0 answers)" in text and "Added" in text
        assert screen.focused is screen.query_one(CardTable)
        await pilot.press("s")
        await pilot.pause()
        assert states(app, "tag:adam") == {"adam-defaults": "suspended"}
        assert "suspended" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert states(app, "tag:adam") == {"adam-defaults": "new"}
        # Two rows marked with space: the action takes both, then s again unsuspends both.
        await search(pilot, screen, "deck:basics")
        await pilot.press("space", "space", "s")
        await pilot.pause()
        assert set(states(app, "deck:basics").values()) == {"suspended"}
        assert set(states(app, "").values()) != {"suspended"}
        await pilot.press("home", "space", "space", "s")
        await pilot.pause()
        assert set(states(app, "deck:basics").values()) == {"new"}
        await pilot.press("u", "u")
        await pilot.pause()
        assert set(states(app, "deck:basics").values()) == {"new"}
        assert "Nothing to undo" not in screen_text(app)


def answer_first_card(app: QuizApp) -> str:
    """Answer the basics deck's first card (Good, in 2.5 s); its key."""
    assert app.collection is not None
    session = app.collection.start(["basics"])
    item = session.current()
    assert item is not None
    session.answer(4, 2500)
    return item.prompt.key


async def test_bury_reset_and_set_due_from_the_browser(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await wait_for_decks(pilot)
        key = answer_first_card(app)
        screen = await open_browser(pilot)
        await search(pilot, screen, "rated:1")
        assert states(app, "rated:1") == {key: "review"}
        await pilot.press("b")
        await pilot.pause()
        assert states(app, "rated:1") == {key: "buried"}
        await pilot.press("b")  # all of the selection is buried: b unburies
        await pilot.pause()
        assert states(app, "rated:1") == {key: "review"}
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")  # no number: the field says so and stays
        await pilot.pause()
        assert "A whole number of days" in screen_text(app)
        await pilot.press("3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert app.collection is not None
        (row,) = app.collection.search("rated:1")
        assert row.due is not None and (row.due - app.collection.today_study_day()).days == 3
        await pilot.press("r")
        await pilot.pause()
        assert states(app, "rated:1") == {key: "new"}
        await pilot.press("u")
        await pilot.pause()
        assert states(app, "rated:1") == {key: "review"}


async def test_the_card_pane_shows_the_history_of_answers(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await wait_for_decks(pilot)
        key = answer_first_card(app)
        screen = await open_browser(pilot)
        await search(pilot, screen, "rated:1")
        text = screen_text(app)
        assert key in text
        assert "History (1 answers)" in text
        assert "2.5s" in text and "ivl 1d" in text


async def test_a_bad_query_points_at_its_column_and_keeps_the_rows(
    build_app: AppFactory,
) -> None:
    app = build_app()
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        screen = await open_browser(pilot)
        shown = len(screen.table.result or ())
        await search(pilot, screen, "prop:ivl>>3")
        assert "column" in screen_text(app)
        assert len(screen.table.result or ()) == shown
        await search(pilot, screen, "")
        assert "column" not in screen_text(app)


async def test_sort_by_the_next_column_and_reverse(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        screen = await open_browser(pilot)
        await search(pilot, screen, "")
        await pilot.press("o")  # by card id
        await pilot.pause()
        assert "Card▲" in screen_text(app)
        keys = [row.key for row in screen.table.result or ()]
        assert keys == sorted(keys)
        await pilot.press("O")
        await pilot.pause()
        assert "Card▼" in screen_text(app)
        assert [row.key for row in screen.table.result or ()] == sorted(keys, reverse=True)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, BrowseScreen)


def test_the_help_lists_the_browsers_keys_the_footer_leaves_out() -> None:
    from quizapp.tui.screens.help import help_sections

    sections = dict(help_sections([]))
    assert ("d", "Set due") in sections["Card browser"]
    assert ("e", "Edit") in sections["Card browser"]
    assert ("slash", "search every card") in sections["Decks (home)"]
    assert ("b", "browse, the rows first") in sections["Decks (home)"]


async def test_slash_types_a_search_and_b_goes_to_the_rows(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_browser(pilot)  # `/`: letters go to the search box
        box = screen.query_one("#browse-query", Input)
        assert screen.focused is box
        await pilot.press("end", "space", "t", "a", "g", ":", "a", "d", "a", "m", "s")
        assert box.value == "deck:basics tag:adams"
        assert "suspended" not in set(states(app, "deck:basics").values())
        await pilot.press("backspace", "enter")
        await pilot.pause()
        assert "1 prompts" in screen_text(app) and screen.table.has_focus
        await pilot.press("slash", "down")
        assert screen.table.has_focus
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("b")  # `b`: the rows have the keys
        await pilot.pause()
        browser = app.screen
        assert isinstance(browser, BrowseScreen) and browser.focused is browser.table

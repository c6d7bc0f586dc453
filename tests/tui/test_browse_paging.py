"""The browser on more prompts than a page: the first page of ids is on screen before every
match is counted, the count arrives after that frame, the rows past the first page are read
when the cursor gets there, and a sort before the count sorts every match (the page made
two rows long, so the test decks are many pages)."""

from __future__ import annotations

from typing import Any

import pytest

from quizapp.session.browse import SearchResult
from quizapp.tui.screens.browse import BrowseScreen
from quizapp.tui.widgets.card_pane import CardPane
from tests.tui.conftest import AppFactory
from tests.tui.screen import screen_text
from tests.tui.test_browse import open_browser, search, states


@pytest.fixture(autouse=True)
def two_row_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SearchResult, "PAGE", 2)


async def test_the_count_arrives_after_the_first_frame(
    build_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[tuple[str, int, bool, str]] = []
    count = BrowseScreen._count

    def counted(screen: BrowseScreen, first: SearchResult) -> None:
        assert screen.result is not None
        shown = str(screen.query_one("#browse-status").render())
        events.append(("count", len(screen.result), screen.result.complete, shown))
        count(screen, first)

    monkeypatch.setattr(BrowseScreen, "_count", counted)
    app = build_app()
    async with app.run_test(size=(140, 40)) as pilot:
        display = app._display

        def displayed(on: Any, renderable: Any) -> None:
            if renderable is not None and isinstance(on, BrowseScreen) and on.result:
                events.append(("frame", len(on.result), on.result.complete, ""))
            display(on, renderable)

        monkeypatch.setattr(app, "_display", displayed)
        screen = await open_browser(pilot)
        await search(pilot, screen, "")
        every = states(app, "")
        assert len(every) > 2
        opened = events[events.index(("count", 2, False, "2+ prompts, counting…")) - 1]
        assert opened == ("frame", 2, False, "")  # the frame before the count: 2 rows
        assert screen.result is not None and screen.result.complete
        assert len(screen.result) == len(every)
        assert f"{len(every)} prompts" in screen_text(app)
        assert "counting" not in screen_text(app)


async def test_the_rows_past_the_first_page_are_read_when_reached(
    build_app: AppFactory,
) -> None:
    app = build_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_browser(pilot)
        await search(pilot, screen, "")
        await pilot.press("end")
        await pilot.pause()
        assert app.collection is not None
        last = list(app.collection.search(""))[-1]
        assert screen.table.cursor == len(states(app, "")) - 1
        assert screen.table.current() == last
        # The card pane shows the last prompt, read from its page when the cursor got there.
        assert last.where in str(screen.query_one(CardPane).render())
        await pilot.press("s")
        await pilot.pause()
        assert states(app, "")[last.key] == "suspended"


async def test_a_sort_before_the_count_sorts_every_match(
    build_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BrowseScreen, "_count", lambda screen, first: None)  # never counted
    app = build_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_browser(pilot)
        await search(pilot, screen, "")
        assert screen.result is not None and len(screen.result) == 2
        assert "2+ prompts, counting…" in screen_text(app)
        await pilot.press("o")  # by card id
        await pilot.pause()
        keys = [row.key for row in screen.table.result or ()]
        assert sorted(keys) == keys == sorted(states(app, ""))
        assert "counting" not in screen_text(app)


async def test_a_count_that_fails_keeps_the_first_page_and_says_why(
    build_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizapp.session import Collection
    from quizapp.store.errors import StoreError

    search_for = Collection.search

    def locked(collection: Collection, query: str, limit: int | None = None) -> SearchResult:
        if limit is None:
            raise StoreError("the database is locked by another program", kind="locked")
        return search_for(collection, query, limit)

    app = build_app()
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        screen = await open_browser(pilot)
        monkeypatch.setattr(Collection, "search", locked)
        await search(pilot, screen, "")
        text = screen_text(app)
        assert "Not counted" in text and "locked by another program" in text
        assert "2+ prompts, counting…" in text
        assert screen.result is not None and len(screen.result) == 2

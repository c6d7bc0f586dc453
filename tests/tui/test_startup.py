"""Start-up: the counts at a glance, keys waiting for the collection, and the collector paused
until the home screen has its counts, then resumed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from quizapp.clock import FixedClock
from quizapp.session import Collection, CollectionOpener
from quizapp.tui.app import make_app
from quizapp.tui.screens.review import ReviewScreen
from tests.tui.conftest import AppFactory
from tests.tui.test_flows import deck_rows, wait_for_decks


async def test_on_ready_is_called_once_when_the_counts_are_shown(build_app: AppFactory) -> None:
    app = build_app()
    calls: list[str] = []

    def ready() -> None:
        # The counts are on the screen by the time start-up is declared over.
        calls.append(str(app.home.query_one("#today").render()))

    app.on_ready = ready
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_decks(pilot)
        await pilot.pause()
        app.refresh_home()
        await pilot.pause()
    assert calls == ["Today: 0 reviews in 0 s · streak 0 days"]


def test_pause_and_resume_gc() -> None:
    # In a child process: freezing the collector would otherwise hold on to this test run's objects.
    code = textwrap.dedent(
        """
        import gc
        from quizapp.tui import startup
        startup.pause_gc()
        assert not gc.isenabled()
        assert not startup.collect_when_idle()
        kept = [[] for _ in range(1000)]
        startup.resume_gc()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= 1000, gc.get_freeze_count()
        # Full collections are left to the review screen's quiet moments.
        assert gc.get_threshold()[2] == startup.RARE_FULL_COLLECTIONS
        assert startup.collect_when_idle()
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.stdout.strip() == "ok", result.stderr


async def test_the_counts_show_at_a_glance_and_keys_wait_for_the_collection(
    tmp_path: Path, deck_dir: Path, clock: FixedClock
) -> None:
    """On a store that needs no sync, the home has its counts before the collection is open;
    Enter pressed meanwhile starts the study once it is."""
    db_url = f"sqlite:///{tmp_path / 'reviews.sqlite3'}"

    def opener() -> CollectionOpener:
        return CollectionOpener(
            deck_paths=[deck_dir], db_url=db_url, clock=clock, cache_dir=tmp_path / "cache"
        )

    with opener().open() as first:  # an earlier run: the store is synced with these files
        expected = first.home()
    release = threading.Event()
    this_run = opener()

    def slow_open() -> Collection:
        assert release.wait(timeout=10)
        return this_run.open()

    app = make_app(slow_open, clock=clock, glance=this_run.glance)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(400):
                await pilot.pause(0.01)
                if app.home.summaries:
                    break
            assert app.collection is None
            assert app.home.summaries == expected.summaries
            assert deck_rows(app)["basics"] == ["Basics", 2, 0, 0, 2]
            assert str(app.home.query_one("#today").render()).startswith("Today: 0 reviews")
            await pilot.press("enter")  # the first row: basics
            await pilot.pause()
            assert not isinstance(app.screen, ReviewScreen)
            assert any("Opening your decks" in str(n.message) for n in app._notifications)
            release.set()
            for _ in range(400):
                await pilot.pause(0.01)
                if isinstance(app.screen, ReviewScreen) and app.screen.item is not None:
                    break
            assert isinstance(app.screen, ReviewScreen)
            assert app.screen.item is not None and app.screen.item.prompt.deck_id == "basics"
    finally:
        release.set()
        if app.collection is not None:
            app.collection.close()


async def test_without_a_glance_the_counts_come_with_the_collection(
    tmp_path: Path, deck_dir: Path, clock: FixedClock
) -> None:
    """The first run (no store yet) cannot be read at a glance: the counts wait for the open."""
    opener = CollectionOpener(
        deck_paths=[deck_dir],
        db_url=f"sqlite:///{tmp_path / 'reviews.sqlite3'}",
        clock=clock,
        cache_dir=tmp_path / "cache",
    )
    assert opener.glance() is None
    app = make_app(opener.open, clock=clock, glance=opener.glance)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_decks(pilot)
        assert deck_rows(app)["kinds"][1:] == [5, 0, 0, 5]
    assert app.collection is not None
    app.collection.close()


async def test_counts_from_a_glance_go_when_the_collection_then_fails_to_open(
    tmp_path: Path, deck_dir: Path, clock: FixedClock
) -> None:
    """The glance read the counts, but the open failed (here: a newer quizapp's store): the
    counts leave the screen, the reason stays, and Enter says it again instead of waiting."""
    from quizapp.store import StoreError

    opener = CollectionOpener(
        deck_paths=[deck_dir],
        db_url=f"sqlite:///{tmp_path / 'reviews.sqlite3'}",
        clock=clock,
        cache_dir=tmp_path / "cache",
    )
    opener.open().close()
    assert opener.glance() is not None
    release = threading.Event()

    def failing_open() -> Collection:
        assert release.wait(timeout=10)
        raise StoreError("reviews.sqlite3 was written by a newer quizapp; upgrade to use it")

    app = make_app(failing_open, clock=clock, glance=opener.glance)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for _ in range(400):
            await pilot.pause(0.01)
            if app.home.summaries:
                break
        assert deck_rows(app)["basics"][1:] == [2, 0, 0, 2]
        release.set()
        await wait_for_decks(pilot)
        assert app.home.summaries == [] and deck_rows(app) == {}
        assert "newer quizapp" in str(app.home.query_one("#today").render())
        app.clear_notifications()
        await pilot.press("a")
        await pilot.pause()
        assert [n.title for n in app._notifications] == ["Cannot open your collection"]
        assert app.collection is None


async def test_r_opens_the_collection_again_once_the_lock_is_gone(
    tmp_path: Path, deck_dir: Path, clock: FixedClock
) -> None:
    """Another program held the database while the app opened it: the home screen says so and
    how to go on; r tries again, and with the lock gone the decks are there to study."""
    import sqlite3

    from quizapp.tui.screens.home import HomeScreen

    db = tmp_path / "reviews.sqlite3"
    opener = CollectionOpener(deck_paths=[deck_dir], db_url=f"sqlite:///{db}", clock=clock)
    opener.open().close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program's write lock: the sync cannot write
    calls: list[int] = []

    def open_collection() -> Collection:
        calls.append(1)
        if len(calls) == 1:
            from quizapp.store import StoreError

            # What the store says once its busy timeout has run out (seconds, not waited here).
            try:
                sqlite3.connect(db, timeout=0).execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                from quizapp.store.failures import store_error

                raise store_error(error, str(db), "the deck files were not recorded") from error
            raise StoreError("the lock was not held")
        return opener.open()

    app = make_app(open_collection, clock=clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_decks(pilot)
        today = str(app.home.query_one("#today").render())
        assert "locked" in today and "r: try again" in today and app.collection is None
        assert any("Press r to try again" in n.message for n in app._notifications)
        holder.execute("ROLLBACK")
        holder.close()
        await pilot.press("r")
        for _ in range(400):
            await pilot.pause(0.01)
            if app.collection is not None:
                break
        await wait_for_decks(pilot)
        assert len(calls) == 2 and app.collection is not None
        assert "locked" not in str(app.home.query_one("#today").render())
        assert deck_rows(app)["kinds"][1:] == [5, 0, 0, 5]
        await pilot.press("enter")
        for _ in range(200):
            await pilot.pause(0.01)
            if isinstance(app.screen, ReviewScreen):
                break
        assert isinstance(app.screen, ReviewScreen) and not isinstance(app.screen, HomeScreen)
    app.collection.close()

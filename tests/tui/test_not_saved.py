"""An answer (undo, suspend, bury, reload) the database refuses: a dialog says why, the card and the
answer stay in memory, retry saves them, quit exits non-zero, and nothing half-written is left.

The faults are real SQLite errors on the study connection: a read-only connection to the same
file put in its place (SQLite's own ``mode=ro``, which root cannot write through either), another
connection holding the write lock past a short busy timeout, and a trigger refusing the write as
a full disk would.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from quizapp.tui.app import QuizApp
from quizapp.tui.screens.not_saved import NotSavedScreen
from quizapp.tui.screens.review import ReviewScreen
from tests.tui.conftest import AppFactory
from tests.tui.screen import screen_text
from tests.tui.test_flows import open_deck, wait_for_decks


def reviews(db: Path) -> int:
    with closing(sqlite3.connect(db)) as connection:
        return int(connection.execute("SELECT count(*) FROM reviews").fetchone()[0])


def digest(db: Path) -> str:
    """The database as a reader sees it (the file and its log folded together)."""
    with closing(sqlite3.connect(db)) as connection:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()


@contextmanager
def read_only(app: QuizApp, db: Path) -> Iterator[None]:
    """The study connection swapped for a read-only one to the same file, then put back."""
    assert app.collection is not None
    study: Any = app.collection.store._study_connection
    saved = study._connection, study._cursor
    ro = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, isolation_level=None)
    study._connection, study._cursor = ro, ro.cursor()
    try:
        yield
    finally:
        study._connection, study._cursor = saved
        ro.close()


async def reveal(pilot: Pilot[int]) -> None:
    await pilot.press("space")
    await pilot.pause()


async def test_a_refused_answer_is_kept_and_saved_on_retry(
    build_app: AppFactory, tmp_path: Path
) -> None:
    db = tmp_path / "reviews.sqlite3"
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "basics")
        await reveal(pilot)
        before = digest(db)
        with read_only(app, db):
            await pilot.press("4")
            await pilot.pause()
            assert isinstance(app.screen, NotSavedScreen)
            text = screen_text(app)
            assert "Your answer was not saved" in text
            assert "read-only" in text and "retry" in text
            assert digest(db) == before
            # Retrying while the file is still read-only asks again; nothing moved on.
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, NotSavedScreen)
        assert review.item is not None and review.item.prompt.key == "bagging-idea"
        assert review.session.progress().done == 0
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert review.session.progress().done == 1
        assert review.item.prompt.key == "adam-defaults"
    assert reviews(db) == 1


async def test_quitting_with_an_answer_not_saved_exits_non_zero(
    build_app: AppFactory, tmp_path: Path
) -> None:
    db = tmp_path / "reviews.sqlite3"
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_decks(pilot)
        await open_deck(pilot, "basics")
        await reveal(pilot)
        before = digest(db)
        # A full disk, as SQLite says it, on the review row's insert.
        with closing(sqlite3.connect(db)) as connection, connection:
            connection.execute(
                "CREATE TRIGGER full BEFORE INSERT ON reviews"
                " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
            )
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, NotSavedScreen)
        assert "the disk is full" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1 and app.return_value == 1
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("DROP TRIGGER full")
    assert digest(db) == before and reviews(db) == 0


async def test_undo_suspend_and_bury_ask_again_when_the_database_is_locked(
    build_app: AppFactory, tmp_path: Path
) -> None:
    db = tmp_path / "reviews.sqlite3"
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "basics")
        await reveal(pilot)
        await pilot.press("4")
        await pilot.pause()
        assert review.session.progress().done == 1
        assert app.collection is not None
        study: Any = app.collection.store._study_connection
        study._cursor.execute("PRAGMA busy_timeout = 50")
        holder = sqlite3.connect(db, isolation_level=None)
        for key, title in (
            ("u", "The action was not taken back"),
            ("s", "The card was not suspended"),
            ("b", "The card was not buried"),
        ):
            holder.execute("BEGIN IMMEDIATE")
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, NotSavedScreen), key
            text = screen_text(app)
            assert title in text and "locked" in text
            holder.execute("ROLLBACK")
            if key == "u":
                await pilot.press("r")  # retried with the lock gone: the answer is taken back
                await pilot.pause()
                assert isinstance(app.screen, ReviewScreen)
                assert review.session.progress().done == 0
                assert review.item is not None and review.item.prompt.key == "bagging-idea"
            else:
                holder.execute("BEGIN IMMEDIATE")
                await pilot.press("r")  # still locked: asked again
                await pilot.pause()
                assert isinstance(app.screen, NotSavedScreen)
                holder.execute("ROLLBACK")
                await pilot.press("r")
                await pilot.pause()
                # Saved: on to the next card (after the bury, none is left: the summary).
                assert not isinstance(app.screen, NotSavedScreen)
        holder.close()
    with closing(sqlite3.connect(db)) as connection:
        states = dict(
            connection.execute(
                "SELECT c.key, s.suspended FROM card_states s JOIN cards c ON c.id = s.card_id"
                " WHERE c.deck_id = 'basics'"
            ).fetchall()
        )
        buried = connection.execute(
            "SELECT count(*) FROM card_states WHERE buried_until IS NOT NULL"
        ).fetchone()
    assert states == {"bagging-idea": 1, "adam-defaults": 0}
    assert buried == (1,)
    assert reviews(db) == 0


async def test_a_damaged_database_is_shown_and_quitting_exits_non_zero(
    build_app: AppFactory, tmp_path: Path
) -> None:
    from tests.store.test_failures import damage, studied

    db = tmp_path / "reviews.sqlite3"
    studied(db)
    damage(db)
    before = db.read_bytes()
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_decks(pilot)
        assert app.collection is None
        text = screen_text(app)
        assert "damaged" in text and "SELECT" not in text
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1
    assert db.read_bytes() == before

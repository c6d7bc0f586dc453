"""An FSRS deck in the TUI: four buttons on 1-4 with their intervals, space after the reveal is
Good, a card failed with Again comes back after its step within the session."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from quizapp.clock import FixedClock
from quizapp.config import Config
from quizapp.tui.screens.review import ReviewScreen
from quizapp.tui.widgets.grade_bar import GradeButton
from tests.tui.conftest import AppFactory, write_deck
from tests.tui.screen import screen_text
from tests.tui.test_flows import open_deck, wait_for_decks

DECK = """\
deck: fsrs-deck
title: Spaced by FSRS
scheduler: fsrs
cards:
  - id: one
    front: First question
    back: First answer
  - id: two
    front: Second question
    back: Second answer
"""


def _reviews(tmp_path: Path) -> list[tuple[str, str, int]]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(tmp_path / "reviews.sqlite3")) as connection:
        return list(
            connection.execute(
                "SELECT c.key, r.scheduler, r.grade FROM reviews r JOIN cards c"
                " ON c.id = r.card_id ORDER BY r.reviewed_at, r.rowid"
            )
        )


async def test_an_fsrs_deck_rates_1_to_4_and_again_comes_back_after_its_step(
    build_app: AppFactory, tmp_path: Path, clock: FixedClock
) -> None:
    folder = tmp_path / "fsrs-decks"
    write_deck(folder, "fsrs.yaml", DECK)
    app = build_app(folder, config=Config(scheduler_settings={"fsrs": {"fuzz": False}}))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_decks(pilot)
        review = await open_deck(pilot, "fsrs-deck")
        assert "First question" in screen_text(app)
        await pilot.press("space")  # reveal
        await pilot.pause()
        buttons = [b for b in review.query(GradeButton) if b.display]
        labels = [str(b.render()).splitlines() for b in buttons]
        assert [lines[0] for lines in labels] == ["1 Again", "2 Hard", "3 Good", "4 Easy"]
        assert [lines[1].strip("▸◂ ") for lines in labels][:3] == ["1m", "6m", "10m"]
        text = screen_text(app)
        assert "FSRS ratings" in text
        assert "Good (3)" in text  # the footer: what space gives now
        await pilot.press("1")  # Again: back in a minute
        await pilot.pause()
        assert "Second question" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        clock.advance(timedelta(seconds=70))
        await pilot.press("space")  # space after the reveal: Good
        await pilot.pause()
        # The first card, failed a minute ago, is asked again in this session.
        assert isinstance(app.screen, ReviewScreen)
        assert "First question" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("4")  # Easy
        await pilot.pause()
        # Only the second card's 10-minute step is left: within learn-ahead, asked now.
        assert "Second question" in screen_text(app)
    assert _reviews(tmp_path) == [
        ("one", "fsrs", 1),
        ("two", "fsrs", 3),
        ("one", "fsrs", 4),
    ]


async def test_help_names_the_scale_of_the_decks(build_app: AppFactory, tmp_path: Path) -> None:
    folder = tmp_path / "fsrs-decks"
    write_deck(folder, "fsrs.yaml", DECK)
    app = build_app(folder)
    async with app.run_test(size=(120, 100)) as pilot:
        await wait_for_decks(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "FSRS: 1 Again · 2 Hard · 3 Good · 4 Easy" in text

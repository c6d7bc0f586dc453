"""Snapshots of the main screens at 80×24, on a real collection with a fixed clock and seeds.

Update them after a deliberate change of look with `pytest tests/tui --snapshot-update`, and look
at the SVGs under __snapshots__ before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from textual.pilot import Pilot

from quizapp.clock import FixedClock
from tests.tui.conftest import AppFactory
from tests.tui.test_flows import open_deck, wait_for_decks

SnapCompare = Callable[..., bool]


async def _home(pilot: Pilot[Any]) -> None:
    await wait_for_decks(pilot)


async def _review(pilot: Pilot[Any]) -> None:
    await wait_for_decks(pilot)
    await open_deck(pilot, "basics")
    await pilot.pause()


def test_home(snap_compare: SnapCompare, build_app: AppFactory) -> None:
    assert snap_compare(build_app(), terminal_size=(80, 24), run_before=_home)


def test_review_front(snap_compare: SnapCompare, build_app: AppFactory) -> None:
    assert snap_compare(build_app(), terminal_size=(80, 24), run_before=_review)


def test_review_back(snap_compare: SnapCompare, build_app: AppFactory) -> None:
    assert snap_compare(build_app(), press=["space"], terminal_size=(80, 24), run_before=_review)


def test_summary(snap_compare: SnapCompare, build_app: AppFactory, clock: FixedClock) -> None:
    async def study_both(pilot: Pilot[Any]) -> None:
        await _review(pilot)
        # Right, then wrong and (as SM-2 asks) again until right: three answers.
        for grade in ("4", "1", "4"):
            clock.advance(timedelta(seconds=12))  # twelve seconds on each card
            await pilot.press("space", grade)
        await pilot.pause()

    assert snap_compare(build_app(), terminal_size=(80, 24), run_before=study_both)


def test_help(snap_compare: SnapCompare, build_app: AppFactory) -> None:
    assert snap_compare(
        build_app(), press=["question_mark"], terminal_size=(80, 24), run_before=_home
    )


def test_review_wide_terminal_with_korean(snap_compare: SnapCompare, build_app: AppFactory) -> None:
    assert snap_compare(build_app(), press=["space"], terminal_size=(140, 40), run_before=_review)

"""Start-up: the collector paused until the home screen has its counts, then resumed."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.tui.conftest import AppFactory
from tests.tui.test_flows import wait_for_decks


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

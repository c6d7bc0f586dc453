"""How fast the study TUI starts and answers, measured in one run next to a bare Textual app.

Prints, as medians over several runs in a pseudo-terminal of 80×24:
- process start → first frame, for a bare Textual app (one Static) and for quizapp
  (target: quizapp ≤ 1.3× bare);
- process start → home screen with its counts (target ≤ 2× bare), as on every start whose decks
  are as at the last run (the counts are read at a glance, see `session.CollectionOpener`), and,
  for information, after a deck file has changed (the counts wait for the full open and sync);
and, in-process through Pilot on the bundled decks and a real SQLite file, the time from a grade
key to the next card drawn (median and p99; target p99 < 50 ms), with the part spent in the
session's durable commit shown apart.

Run: .venv/bin/python benchmarks/bench_tui.py [--runs N] [--cards N]
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _drain(fd: int) -> None:
    # The child's terminal output must be read, or it blocks once the pty buffer is full.
    while True:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def time_to_mark(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning `command` in an 80×24 pty to the timestamp it writes, then exits."""
    with tempfile.TemporaryDirectory() as scratch:
        mark = Path(scratch) / "mark"
        env = {**env, "QUIZAPP_BENCH_FILE": str(mark), "TERM": "xterm-256color"}
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        reader = threading.Thread(target=_drain, args=(master,), daemon=True)
        reader.start()
        start = time.time()
        process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        try:
            process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
            os.close(master)
        if not mark.exists():
            raise RuntimeError(f"{command} exited ({process.returncode}) without a timestamp")
        return float(mark.read_text(encoding="utf-8")) - start


def startup(runs: int, home: Path) -> dict[str, list[float]]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("QUIZAPP_")}
    quizapp_env = {**base, "QUIZAPP_HOME": str(home)}
    # A deck of the learner's own, rewritten before each run of the last row: its file has
    # changed since the last sync, so the counts cannot be read at a glance and wait for the
    # full open (SQLAlchemy, the sync): what the first start after editing a deck costs.
    own_decks = home / "own-decks"
    own_decks.mkdir(exist_ok=True)
    edits = iter(range(1_000_000))

    def edit_own_deck() -> None:
        (own_decks / "mine.yaml").write_text(
            f"# edit {next(edits)}\ndeck: mine\ntitle: Mine\ncards:\n"
            "  - id: one\n    front: A question\n    back: An answer\n",
            encoding="utf-8",
        )

    edit_own_deck()
    commands: dict[str, tuple[list[str], dict[str, str], Callable[[], None] | None]] = {
        "bare Textual app → first frame": (
            [sys.executable, str(HERE / "bench_bare_textual.py")],
            base,
            None,
        ),
        "quizapp → first frame": (
            [sys.executable, "-m", "quizapp"],
            {**quizapp_env, "QUIZAPP_BENCH_EXIT": "first-frame"},
            None,
        ),
        "quizapp → home with counts": (
            [sys.executable, "-m", "quizapp"],
            {**quizapp_env, "QUIZAPP_BENCH_EXIT": "home-ready"},
            None,
        ),
        "  … after a deck file changed": (
            [sys.executable, "-m", "quizapp", "review", str(own_decks)],
            {**quizapp_env, "QUIZAPP_BENCH_EXIT": "home-ready"},
            edit_own_deck,
        ),
    }
    # One untimed run each: creates the database and the deck cache, warms the OS file cache.
    for command, env, _before in commands.values():
        time_to_mark(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env, before) in commands.items():  # interleaved: drift hits all
            if before is not None:
                before()
            times[name].append(time_to_mark(command, env))
    return times


@dataclass
class GradeTimings:
    """Per card: grade key → next card drawn, and the part of it in `StudySession.answer`."""

    total_ms: list[float] = field(default_factory=list)
    answer_ms: list[float] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)


async def grade_to_next_card(cards: int, home: Path, read_ms: int) -> GradeTimings:
    """Milliseconds from each grade key to the next card drawn, in-process.

    The key is posted as the terminal driver posts it (`simulate_key`), and the clock stops when
    the screen has refreshed with the next card (`call_after_refresh` from `_card_shown`, once
    the card's view has appeared).
    Pilot's own `press()` is not used for the timing: it waits for idle on purpose and adds about
    40 ms to every key, even one bound to nothing. Between a card and its grade the benchmark
    waits `read_ms`, as a learner reads: the app uses such pauses for its garbage collections.
    The time spent in `StudySession.answer` (the durable commit, an fsync) is kept apart, so a
    slow disk can be told from a slow screen.
    """
    from textual.widgets import Input

    from quizapp import paths
    from quizapp.config import Config
    from quizapp.session import Collection, StudySession
    from quizapp.tui import startup
    from quizapp.tui.app import QuizApp, make_app
    from quizapp.tui.screens.review import ReviewScreen
    from quizapp.tui.widgets.base import CardView

    # As the CLI does: the collector paused for start-up, resumed (and start-up frozen) when the
    # home screen has its counts.
    startup.pause_gc()

    config = Config(new_per_deck=cards)
    db_url = f"sqlite:///{home / 'pilot.sqlite3'}"

    def open_collection() -> Collection:
        return Collection.open(deck_paths=[paths.bundled_decks_dir()], db_url=db_url, config=config)

    drawn = asyncio.Event()
    # The next card is drawn once its view has appeared (`CardView` swaps, see `CardArea`).
    card_shown = ReviewScreen._card_shown
    answer = StudySession.answer
    in_answer: list[float] = []

    def shown_and_signal(screen: ReviewScreen) -> None:
        card_shown(screen)
        screen.call_after_refresh(drawn.set)

    def timed_answer(session: StudySession, *args: Any, **kwargs: Any) -> str:
        began = time.perf_counter()
        try:
            return answer(session, *args, **kwargs)
        finally:
            in_answer.append((time.perf_counter() - began) * 1000)

    ReviewScreen._card_shown = shown_and_signal  # type: ignore[method-assign]
    StudySession.answer = timed_answer  # type: ignore[method-assign,assignment]
    app: QuizApp = make_app(open_collection, config=config, on_ready=startup.resume_gc)
    timings = GradeTimings()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            while app.collection is None:
                await pilot.pause(0.05)
            await pilot.press("a")
            await pilot.pause()
            while len(timings.total_ms) < cards and isinstance(app.screen, ReviewScreen):
                view = app.screen.view
                assert isinstance(view, CardView)
                await asyncio.sleep(read_ms / 2000)  # reading the question
                # Typed and exercise cards have the focus in an input: Enter checks them.
                in_input = isinstance(app.focused, Input)
                await pilot.press("enter" if in_input else "space")
                if not view.revealed:
                    await pilot.press("space")
                await pilot.pause()
                await asyncio.sleep(read_ms / 2000)  # reading the answer
                drawn.clear()
                in_answer.clear()
                start = time.perf_counter()
                app.simulate_key("4")
                await asyncio.wait_for(drawn.wait(), timeout=5)
                timings.total_ms.append((time.perf_counter() - start) * 1000)
                timings.answer_ms.append(sum(in_answer))
                timings.kinds.append(type(view).__name__.removesuffix("View").lower())
                await pilot.pause()
    finally:
        ReviewScreen._card_shown = card_shown  # type: ignore[method-assign]
        StudySession.answer = answer  # type: ignore[method-assign]
        if app.collection is not None:
            app.collection.close()
    return timings


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-up runs per app (median)")
    parser.add_argument("--cards", type=int, default=150, help="cards graded for the p99")
    parser.add_argument(
        "--read-ms", type=int, default=400, help="pause per card, as a learner reads (ms)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as scratch:
        home = Path(scratch)
        times = startup(args.runs, home)
        bare = statistics.median(times["bare Textual app → first frame"])
        print(f"Start-up, median of {args.runs} runs in an 80×24 pty:")
        targets = {"quizapp → first frame": 1.3, "quizapp → home with counts": 2.0}
        for name, values in times.items():
            median = statistics.median(values)
            ratio = median / bare
            line = f"  {name:<32} {median * 1000:7.0f} ms"
            if name in targets:
                verdict = "ok" if ratio <= targets[name] else "OVER"
                line += f"   {ratio:4.2f}× bare (target ≤ {targets[name]}×: {verdict})"
            elif values is not times["bare Textual app → first frame"]:
                line += f"   {ratio:4.2f}× bare"
            print(line)
        timings = asyncio.run(grade_to_next_card(args.cards, home, args.read_ms))
    total = timings.total_ms
    screen_only = [t - a for t, a in zip(total, timings.answer_ms, strict=True)]
    p99 = percentile(total, 0.99)
    print(f"Grade key → next card drawn, {len(total)} cards (Pilot, bundled decks, SQLite):")
    print(f"  median {statistics.median(total):6.1f} ms")
    print(f"  p99    {p99:6.1f} ms   (target < 50 ms: {'ok' if p99 < 50 else 'OVER'})")
    print(f"  max    {max(total):6.1f} ms")
    in_answer = timings.answer_ms
    print(
        f"  in StudySession.answer (the durable commit): median {statistics.median(in_answer):.1f}"
        f" ms, p99 {percentile(in_answer, 0.99):.1f} ms"
    )
    print(
        f"  the rest (screen): median {statistics.median(screen_only):.1f} ms,"
        f" p99 {percentile(screen_only, 0.99):.1f} ms"
    )
    by_kind: dict[str, list[float]] = {}
    for kind, value in zip(timings.kinds, total, strict=True):
        by_kind.setdefault(kind, []).append(value)
    print(
        "  median by kind of the card graded: "
        + ", ".join(f"{k} {statistics.median(v):.1f} ms ({len(v)})" for k, v in by_kind.items())
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

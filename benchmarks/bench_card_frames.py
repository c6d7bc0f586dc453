"""How long the review screen shows no card between a grade and the next card, by card kind.

Every frame the review screen sends to the terminal is recorded (Textual's `App._display`, which
a headless Pilot run calls as a real terminal's would), with whether a card view is on screen in
it. After each grade key, the time from the first frame without a card to the first frame with
the next one is the blank the learner sees (0 when no frame is without a card). Cards of every
kind come in turn (basic, exercise, order, typed, choice), at 80×24, on a real SQLite file.

Prints a table: per kind of the card that comes next, the grades measured, how many had a blank
frame, and the blank's median and longest time.

Run: .venv/bin/python benchmarks/bench_card_frames.py [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from textual.app import App

from quizapp.clock import SystemClock
from quizapp.config import Config
from quizapp.session import CollectionOpener
from quizapp.tui.app import QuizApp, make_app
from quizapp.tui.screens.review import ReviewScreen
from quizapp.tui.widgets.base import CardView

CARDS = """\
  - id: basic-{n}
    front: What does bagging reduce ({n})?
    back: Variance.
  - id: exercise-{n}
    kind: exercise
    front: One Adam step on a single weight ({n}).
    generator: adam_step
    params: {{theta: 0.5, grad: 0.2, t: 1, lr: 0.1}}
    ask: [m, m_hat, theta]
  - id: order-{n}
    kind: order
    front: Put these in order ({n}).
    items: [AlexNet (2012), Adam (2014), ResNet (2015)]
  - id: typed-{n}
    kind: typed
    front: Bootstrap aggregating is better known as… ({n})
    answer: bagging
  - id: choice-{n}
    kind: choice
    front: What does bagging mainly reduce ({n})?
    choices: [Bias, Variance, Noise]
    answer: 2
"""


class Frames:
    """The review screen's frames: (time, whether a card view is in it)."""

    def __init__(self) -> None:
        self.frames: list[tuple[float, bool]] = []

    def record(self, screen: Any) -> None:
        if not isinstance(screen, ReviewScreen):
            return
        visible = screen._compositor.visible_widgets
        shown = any(isinstance(widget, CardView) for widget in visible)
        self.frames.append((time.perf_counter(), shown))

    def blank_since(self, start: float) -> float | None:
        """Seconds from the first frame without a card after `start` to the next with one
        (None: no frame without a card)."""
        blank_from = None
        for at, shown in self.frames:
            if at < start:
                continue
            if not shown and blank_from is None:
                blank_from = at
            elif shown and blank_from is not None:
                return at - blank_from
        return None

    def card_shown_since(self, start: float) -> bool:
        return any(at >= start and shown for at, shown in self.frames)


def deck_text(rounds: int) -> str:
    return "deck: frames\ntitle: Frames\ncards:\n" + "".join(
        CARDS.format(n=n) for n in range(rounds)
    )


async def measure(rounds: int, scratch: Path) -> dict[str, list[float | None]]:
    decks = scratch / "decks"
    decks.mkdir()
    (decks / "frames.yaml").write_text(deck_text(rounds), encoding="utf-8")
    config = Config(new_per_deck=1000, include_bundled=False)
    opener = CollectionOpener(
        deck_paths=[decks],
        db_url=f"sqlite:///{scratch / 'reviews.sqlite3'}",
        clock=SystemClock(),
        config=config,
        rng=random.Random(3),
        cache_dir=scratch / "cache",
    )
    app: QuizApp = make_app(opener.open, config=config, glance=opener.glance)
    frames = Frames()
    display = App._display

    def recording(self: App[Any], screen: Any, renderable: Any) -> None:
        display(self, screen, renderable)
        if renderable is not None:
            frames.record(screen)

    App._display = recording  # type: ignore[method-assign]
    blanks: dict[str, list[float | None]] = {}
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            while app.collection is None:
                await pilot.pause(0.05)
            await pilot.press("a")
            await pilot.pause()
            while isinstance(app.screen, ReviewScreen):
                screen = app.screen
                view = screen.view
                assert view is not None
                # Show the answer as space does (checking what the fields hold, if any).
                screen.action_reveal()
                for _ in range(100):
                    await pilot.pause(0.01)
                    if view.revealed:
                        break
                assert view.revealed, "the card did not show its answer"
                screen.set_focus(None)
                start = time.perf_counter()
                app.simulate_key("4")
                for _ in range(500):
                    await asyncio.sleep(0.005)
                    if not isinstance(app.screen, ReviewScreen):
                        break
                    if screen.view is not view and frames.card_shown_since(start):
                        break
                if not isinstance(app.screen, ReviewScreen) or screen.item is None:
                    await pilot.pause(0.2)  # the summary drawn before the app closes
                    break
                await pilot.pause(0.05)
                kind = screen.item.prompt.card.kind.value
                blanks.setdefault(kind, []).append(frames.blank_since(start))
    finally:
        App._display = display  # type: ignore[method-assign]
        if app.collection is not None:
            app.collection.close()
    return blanks


def rows(blanks: dict[str, list[float | None]]) -> Iterator[str]:
    yield f"{'next card':<10} {'grades':>6} {'blank':>6} {'median ms':>10} {'max ms':>8}"
    for kind, values in sorted(blanks.items()):
        found = [v * 1000 for v in values if v is not None]
        median = f"{statistics.median(found):.1f}" if found else "-"
        longest = f"{max(found):.1f}" if found else "-"
        yield f"{kind:<10} {len(values):>6} {len(found):>6} {median:>10} {longest:>8}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8, help="cards of each kind")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quizapp-frames-") as scratch:
        blanks = asyncio.run(measure(args.rounds, Path(scratch)))
    print("Review screen without a card, from a grade key to the next card (Pilot, 80×24):")
    for line in rows(blanks):
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

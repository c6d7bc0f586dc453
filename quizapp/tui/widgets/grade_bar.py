"""The rating buttons: what each rating means and the interval it would give ("1d", "10m").

One button per rating of the deck's scheduler (SM-2: six, 0-5), with its key and label; the
intervals come from the session's `preview()`: nothing is computed here but their display. A
line under the buttons says which ratings bring the card back in this session (SM-2's step 7),
since the interval alone ("1d" under every grade of a new card) does not tell it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Static

if TYPE_CHECKING:
    from quizapp.scheduling.base import Rating, Scheduler
    from quizapp.session import GradeChoice


def grade_ranges(grades: Sequence[int]) -> str:
    """Grades as short ranges: [0, 1, 2, 3] → "0–3", [0, 2, 3] → "0, 2–3"."""
    parts: list[str] = []
    for grade in sorted(grades):
        if parts and parts[-1].split("–")[-1] == str(grade - 1):
            parts[-1] = parts[-1].split("–")[0] + f"–{grade}"
        else:
            parts.append(str(grade))
    return ", ".join(parts)


def repeat_legend(again: Sequence[int], later: Sequence[int]) -> str:
    """The line under the buttons: which grades come back in this session, which do not."""
    if not again:
        return ""
    return f"{grade_ranges(again)}: asked again before this session ends" + (
        f" · {grade_ranges(later)}: back on the day shown" if later else ""
    )


def scale_text(scheduler: Scheduler) -> str:
    """The live rating scale in a few words: "FSRS: 1 Again · 2 Hard · 3 Good · 4 Easy"."""
    ratings = " · ".join(f"{r.key} {r.label}" for r in scheduler.ratings)
    return f"{scheduler.title}: {ratings}"


def choices_legend(scheduler: Scheduler, choices: Sequence[GradeChoice]) -> str:
    """The line under the buttons: which ratings come back in this session (SM-2's step 7),
    else the scale the buttons are on."""
    again = [c.grade for c in choices if c.repeats]
    later = [c.grade for c in choices if not c.repeats]
    repeats = repeat_legend(again, later)
    return repeats or f"{scheduler.title} ratings"


def format_interval(interval: timedelta) -> str:
    """A short interval as on Anki's buttons: 0 → "today", 10 min → "10m", 3 h → "3h", 6 days →
    "6d", 45 → "1.5mo", 400 → "1.1y"."""
    days = interval.days
    if interval <= timedelta(0):
        return "today"
    if days == 0:
        minutes = max(1, round(interval.total_seconds() / 60))
        return f"{minutes}m" if minutes < 60 else f"{round(minutes / 60)}h"
    if days < 30:
        return f"{days}d"
    if days < 365:
        return f"{days / 30:.1f}".removesuffix(".0") + "mo"
    return f"{days / 365:.1f}".removesuffix(".0") + "y"


class GradeButton(Static):
    """One rating: "4 Good" over "6d"; clicking it rates like its key."""

    def __init__(self, grade: int) -> None:
        super().__init__("", id=f"grade-{grade}", classes=f"grade grade-{grade}", markup=False)
        self.grade = grade

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(GradeBar.Graded(self.grade))


class GradeBar(Vertical):
    """A button per rating of the scheduler, labelled from the session's preview, and a legend."""

    class Graded(Message):
        def __init__(self, grade: int) -> None:
            super().__init__()
            self.grade = grade

    def __init__(self, ratings: Sequence[Rating], *, id: str | None = None) -> None:
        """`ratings`: every rating of the schedulers in use (one button per value; each card
        shows those of its own deck's scheduler)."""
        super().__init__(id=id)
        self.ratings = tuple({rating.value: rating for rating in ratings}.values())

    def compose(self) -> ComposeResult:
        with Horizontal(id="grade-buttons"):
            for rating in sorted(self.ratings, key=lambda r: r.value):
                yield GradeButton(rating.value)
        yield Static("", id="grade-legend", markup=False)

    def show_choices(
        self, choices: Sequence[GradeChoice], suggested: int | None, legend: str = ""
    ) -> None:
        self.query_one("#grade-legend", Static).update(legend)
        shown = {choice.grade for choice in choices}
        for button in self.query(GradeButton):
            button.display = button.grade in shown
        for choice in choices:
            button = self.query_one(f"#grade-{choice.grade}", GradeButton)
            interval = format_interval(choice.interval)
            if choice.grade == suggested:
                # Marked in text too, not by colour alone.
                interval = f"▸ {interval} ◂"
            button.update(f"{choice.key} {choice.label}\n{interval}")
            button.set_class(choice.grade == suggested, "-suggested")

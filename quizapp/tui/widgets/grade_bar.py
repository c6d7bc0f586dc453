"""The six grade buttons: what each grade means and the interval it would give ("1d", "6d").

The labels and intervals come from the session's `preview()`; nothing is computed here but the
display of a number of days. A line under the buttons says which grades bring the card back in
this session (SM-2's step 7), since the interval alone ("1d" under every grade of a new card)
does not tell it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Static

if TYPE_CHECKING:
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


def format_interval(days: int) -> str:
    """A short interval as on Anki's buttons: 0d → "today", 6 → "6d", 45 → "1.5mo", 400 → "1.1y"."""
    if days <= 0:
        return "today"
    if days < 30:
        return f"{days}d"
    if days < 365:
        return f"{days / 30:.1f}".removesuffix(".0") + "mo"
    return f"{days / 365:.1f}".removesuffix(".0") + "y"


class GradeButton(Static):
    """One grade: "4 Good" over "6d"; clicking it grades like its number key."""

    def __init__(self, grade: int) -> None:
        super().__init__("", id=f"grade-{grade}", classes=f"grade grade-{grade}", markup=False)
        self.grade = grade

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(GradeBar.Graded(self.grade))


class GradeBar(Vertical):
    """Grade buttons 0–5, labelled from the session's preview of each grade, and a legend."""

    class Graded(Message):
        def __init__(self, grade: int) -> None:
            super().__init__()
            self.grade = grade

    def compose(self) -> ComposeResult:
        with Horizontal(id="grade-buttons"):
            for grade in range(6):
                yield GradeButton(grade)
        yield Static("", id="grade-legend", markup=False)

    def show_choices(
        self, choices: Sequence[GradeChoice], suggested: int | None, legend: str = ""
    ) -> None:
        self.query_one("#grade-legend", Static).update(legend)
        for choice in choices:
            button = self.query_one(f"#grade-{choice.grade}", GradeButton)
            interval = format_interval(choice.interval_days)
            if choice.grade == suggested:
                # Marked in text too, not by colour alone.
                interval = f"▸ {interval} ◂"
            button.update(f"{choice.grade} {choice.label}\n{interval}")
            button.set_class(choice.grade == suggested, "-suggested")

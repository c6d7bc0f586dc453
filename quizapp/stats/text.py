"""Figures as the learner reads them: durations, percentages, text bars (for the CLI and TUI)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizapp.stats.report import StatsReport

#: Eighth blocks, for bars finer than one character.
_EIGHTHS = " ▏▎▍▌▋▊▉"


def duration(seconds: float) -> str:
    """A duration in the largest sensible units: "45 s", "12 min", "3 h 05 min"."""
    total = round(seconds)
    if total < 60:
        return f"{total} s"
    minutes = total // 60
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def percent(rate: float | None) -> str:
    """A share as a whole percentage, or "–" when nothing was counted."""
    return "–" if rate is None else f"{rate * 100:.0f}%"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """A number with its noun in the right number: "1 day", "3 days", "0 cards"."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def summary_rows(report: StatsReport) -> list[tuple[str, str]]:
    """The report's headline figures as (label, value) rows, for the CLI and the Stats screen."""
    r = report.retention
    s = report.settings
    return [
        ("Answers", f"{report.totals.reviews} on {count(report.totals.days_studied, 'day')}"),
        ("Time", duration(report.totals.seconds)),
        (
            "Streak",
            f"{count(report.streaks.current, 'day')} (longest {report.streaks.longest})",
        ),
        (
            "Retention",
            f"{percent(r.all.rate)} of {count(r.all.total, 'review')} "
            f"(young {percent(r.young.rate)}, mature {percent(r.mature.rate)})",
        ),
        ("Leeches", f"{count(report.leeches, 'card')} with {s.leech_lapses}+ lapses"),
        *(
            []
            if report.recall is None
            else [
                (
                    "Recall now",
                    f"{percent(report.recall.mean)} predicted, on average over "
                    f"{count(report.recall.cards, 'FSRS card')}",
                )
            ]
        ),
    ]


def bar(value: float, largest: float, width: int) -> str:
    """A horizontal bar `width` characters long at `largest`, in eighths of a character."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")


def heatmap_levels(counts: Sequence[int], first_weekday: int) -> list[list[int]]:
    """A calendar heatmap as 7 rows (Monday to Sunday) of weekly columns of shade levels.

    `counts` are the answers per day, oldest first, and `first_weekday` the first day's weekday
    (0 = Monday). Level 0 is a day without answers; levels 1 to 4 split the days with answers
    at their quartiles, so the busiest quarter of days is level 4. -1 marks the cells before the
    first day and after the last.
    """
    cells = [-1] * first_weekday + [int(n) for n in counts]
    cells += [-1] * (-len(cells) % 7)
    busy = sorted(n for n in counts if n > 0)
    steps = [busy[len(busy) * q // 4] for q in (1, 2, 3)] if busy else []

    def level(n: int) -> int:
        if n <= 0:
            return n
        return 1 + sum(n > step for step in steps)

    weeks = len(cells) // 7
    return [[level(cells[week * 7 + day]) for week in range(weeks)] for day in range(7)]

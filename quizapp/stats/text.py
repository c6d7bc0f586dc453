"""Figures as the learner reads them: durations, percentages, text bars (for the CLI and TUI)."""

from __future__ import annotations

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


def bar(value: float, largest: float, width: int) -> str:
    """A horizontal bar `width` characters long at `largest`, in eighths of a character."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")

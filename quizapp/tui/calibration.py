"""The Stats screen's calibration plot: FSRS's predicted recall in bins against the recall
actually seen, as a small text plot (one line per bin, under 80 columns).

Each line is a bin of predicted recall: a bar as long as the share recalled, a tick where the
mean prediction falls, the two as numbers and the bin's count. A well-calibrated scheduler's
bars end at their ticks; a bar short of its tick means FSRS expected more than was recalled.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from quizapp.scheduling.fsrs_fit_eval import CalibrationBin

#: The bar's width in cells: 100 % recall.
WIDTH = 30


def _bar(recalled: float, predicted: float) -> Text:
    filled = round(recalled * WIDTH)
    tick = min(round(predicted * WIDTH), WIDTH - 1)
    text = Text()
    for cell in range(WIDTH):
        if cell == tick:
            text.append("│", style="bold yellow")
        elif cell < filled:
            text.append("█", style="cyan")
        else:
            text.append("·", style="dim")
    return text


def calibration_text(bins: Sequence[CalibrationBin]) -> Text:
    """The plot; a line saying so when there is nothing to plot."""
    if not bins:
        return Text(
            "no FSRS reviews a day or more apart yet: answer FSRS cards on a few days first",
            style="dim",
        )
    text = Text()
    text.append(f"{'predicted':<10} {'recalled (bar) · predicted (│)':<{WIDTH}}")
    text.append(f" {'pred':>6} {'seen':>6} {'answers':>8}\n", style="bold")
    for b in reversed(bins):
        text.append(f"{b.low:>4.0%}–{b.high:<4.0%} ", style="bold")
        text.append(_bar(b.recalled, b.predicted))
        text.append(f" {b.predicted:>6.1%} {b.recalled:>6.1%} {b.count:>8,}\n")
    total = sum(b.count for b in bins)
    text.append(f"{total:,} answers a day or more after the card's previous one", style="dim")
    return text

"""Rich renderables of a statistics report, shared by `quizapp stats` and the TUI's Stats screen.

The figures come from the pure `quizapp.stats`; this module only draws them (Rich text, no I/O).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from quizapp.stats.report import StatsReport

#: Heatmap shades from no answer to the busiest quarter of days.
SHADES = ("grey23", "dark_green", "green4", "green3", "green1")
#: A glyph for each shade, so the levels read without colour too (piped output, `NO_COLOR`,
#: colour-blind eyes): nothing, then ever denser blocks.
GLYPHS = ("·", "░", "▒", "▓", "█")


def heatmap_text(report: StatsReport) -> Text:
    """Weeks as columns, Monday to Sunday as rows; one shaded cell per day of the last year."""
    from quizapp.stats.days import day_date
    from quizapp.stats.text import heatmap_levels

    rows = heatmap_levels(report.heatmap.tolist(), day_date(report.heatmap_first).weekday())
    text = Text()
    for name, row in zip(("Mon", "", "Wed", "", "Fri", "", "Sun"), rows, strict=True):
        text.append(f"{name:>3} ", style="dim")
        # One character a day keeps a year (53 weeks) within an 80-column terminal.
        for level in row:
            text.append(" " if level < 0 else GLYPHS[level], style=SHADES[max(level, 0)])
        text.append("\n")
    text.append("    less ", style="dim")
    for glyph, colour in zip(GLYPHS, SHADES, strict=True):
        text.append(glyph, style=colour)
    text.append(" more", style="dim")
    return text

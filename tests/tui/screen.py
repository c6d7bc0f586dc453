"""What the learner sees: the app's screen as lines of text, read back from its SVG screenshot.

Tests assert on this rather than on widget internals, so they check what is drawn (math turned
into Unicode, marks, labels), the way the tmux test checks a real terminal.
"""

from __future__ import annotations

import html
import re
from typing import Any

from rich.cells import cell_len
from textual.app import App

_CELL_WIDTH = 12.2  # Textual's screenshot lays out one terminal cell per 12.2 SVG units
_TEXT = re.compile(r'<text class="[^"]*-r\d+" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_text(app: App[Any]) -> str:
    """Every line of the current screen, trailing spaces removed."""
    rows: dict[float, list[str]] = {}
    for x_text, y_text, body in _TEXT.findall(app.export_screenshot()):
        row = rows.setdefault(float(y_text), [])
        column = round(float(x_text) / _CELL_WIDTH)
        text = html.unescape(body).replace("\xa0", " ")
        for char in text:
            while len(row) < column:
                row.append(" ")
            if len(row) == column:
                row.append(char)
            else:
                row[column] = char
            column += 1
            if cell_len(char) == 2:
                # A wide character covers the next cell too: an empty cell keeps the columns.
                if len(row) == column:
                    row.append("")
                else:
                    row[column] = ""
                column += 1
    return "\n".join("".join(rows[y]).rstrip() for y in sorted(rows))

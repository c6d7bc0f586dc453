"""The browser's table of prompts: a virtual list over a `SearchResult` (Textual's Line API).

Only the lines on screen are drawn, each from its row of the result, which reads its rows from
the store a page at a time: opening on 100,000 prompts reads their ids and one page, not
100,000 rows (`benchmarks/bench_browse.py`). Textual's DataTable builds every row up front,
which at that size takes seconds. Space marks rows; the actions apply to the marked rows, or to
the row under the cursor when none is marked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from quizapp.textsafe import printable

if TYPE_CHECKING:
    from quizapp.session.browse import SearchResult, SearchRow

#: The columns: (sort key in `quizapp.session.browse.SORT_KEYS`, title, width; 0 takes the
#: width left), and what a cell shows.
COLUMNS: tuple[tuple[str, str, int, Callable[[SearchRow], str]], ...] = (
    ("deck", "Deck", 10, lambda row: row.deck_id),
    ("card", "Card", 14, lambda row: row.key),
    ("prompt", "Prompt", 0, lambda row: row.text),
    ("kind", "Kind", 7, lambda row: row.kind),
    ("state", "State", 9, lambda row: row.state),
    ("due", "Due", 10, lambda row: "" if row.due is None else row.due.isoformat()),
    ("interval", "Ivl", 4, lambda row: str(row.interval)),
    ("lapses", "Lap", 3, lambda row: str(row.lapses)),
    ("reviews", "Revs", 4, lambda row: str(row.reviews)),
    ("tags", "Tags", 10, lambda row: " ".join(row.tags)),
)
#: The narrowest the prompt column gets.
_PROMPT_MIN = 16
_CURSOR = Style(reverse=True)
_MARKED = Style(bold=True, color="yellow")
_HEADER = Style(bold=True, underline=True)


def _cell(text: str, width: int) -> str:
    text = printable(text.replace("\n", " "))
    return text[: width - 1] + "…" if len(text) > width else text.ljust(width)


def widths(total: int) -> list[int]:
    """Each column's width in a table `total` cells wide (the prompt takes what is left)."""
    fixed = sum(width + 1 for _name, _title, width, _cell in COLUMNS if width) + 2
    return [width or max(_PROMPT_MIN, total - fixed) for _name, _title, width, _cell in COLUMNS]


def header_line(total: int, sort: str, descending: bool) -> str:
    """The titles above the table, the sorted column marked ▲ or ▼."""
    titles = []
    for (name, title, _width, _cell_of), width in zip(COLUMNS, widths(total), strict=True):
        arrow = ("▼" if descending else "▲") if name == sort else ""
        titles.append(_cell(title + arrow, width))
    return "  " + " ".join(titles)


class CardTable(ScrollView, can_focus=True):
    """The rows of a search, one line each, drawn only when on screen."""

    DEFAULT_CSS = """
    CardTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move(-1_000_000_000)", "First", show=False),
        Binding("end", "move(1_000_000_000)", "Last", show=False),
        Binding("space", "mark", "Mark", id="browse.mark", tooltip="mark the row for an action"),
    ]

    cursor: reactive[int] = reactive(0)

    class Moved(Message):
        """The cursor is on another row (or the rows changed)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.result: SearchResult | None = None
        #: Store ids of the marked rows.
        self.marked: set[int] = set()

    def show(self, result: SearchResult, *, keep_cursor: bool = False) -> None:
        """Show these rows (from the first, or with `keep_cursor` where the cursor was)."""
        self.result = result
        self.marked &= set(result.card_ids)
        self.virtual_size = Size(self.size.width, len(result))
        cursor = min(self.cursor, max(0, len(result) - 1)) if keep_cursor else 0
        self.set_reactive(CardTable.cursor, cursor)
        if not keep_cursor:
            self.scroll_to(y=0, animate=False, immediate=True)
        self._follow()
        self.refresh()
        self.post_message(self.Moved())

    def current(self) -> SearchRow | None:
        """The row under the cursor (None: no rows, or its prompt is gone from its deck)."""
        if self.result is None or not len(self.result):
            return None
        try:
            return self.result[self.cursor]
        except LookupError:
            return None

    def selected_ids(self) -> list[int]:
        """The marked rows' ids in the list's order, else the cursor's row's."""
        if self.result is None or not len(self.result):
            return []
        if self.marked:
            return [card_id for card_id in self.result.card_ids if card_id in self.marked]
        return [self.result.card_ids[self.cursor]]

    def action_move(self, by: int) -> None:
        if self.result is not None and len(self.result):
            self.cursor = max(0, min(len(self.result) - 1, self.cursor + by))

    def action_page(self, pages: int) -> None:
        self.action_move(pages * max(1, self.scrollable_content_region.height - 1))

    def action_mark(self) -> None:
        if self.result is None or not len(self.result):
            return
        card_id = self.result.card_ids[self.cursor]
        self.marked ^= {card_id}
        self.action_move(1)
        self.refresh()

    def watch_cursor(self, old: int, new: int) -> None:
        self._follow()
        self.refresh()
        self.post_message(self.Moved())

    def _follow(self) -> None:
        """Scroll so the cursor's line is on screen."""
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        if self.result is not None:
            self.virtual_size = Size(self.size.width, len(self.result))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_offset.y) + y
        if self.result is None or index >= len(self.result):
            return Strip.blank(width)
        card_id = self.result.card_ids[index]
        mark = "* " if card_id in self.marked else "  "
        try:
            row = self.result[index]
        except LookupError:
            text = mark + "(no longer in its deck file; search again)"
        else:
            cells = (
                _cell(cell_of(row), w)
                for (_n, _t, _w, cell_of), w in zip(COLUMNS, widths(width), strict=True)
            )
            text = mark + " ".join(cells)
        style = _CURSOR if index == self.cursor else Style()
        if card_id in self.marked:
            style = style + _MARKED
        return Strip([Segment(text[:width].ljust(width), style)], width)

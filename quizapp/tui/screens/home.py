"""The home screen: every deck with its new / due / learning counts, today's progress and streak.

It draws at once with "Loading…" and fills in when the app's worker has opened the collection
(loading decks and the database is what takes time), so the first frame is never kept waiting.
Decks that failed to load are listed with their error lines in a notice, not a crash. Studying,
the statistics and a reload are the app's to do: the screen posts `quizapp.tui.messages` for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from quizapp.textsafe import printable
from quizapp.tui.messages import (
    BrowseRequested,
    HomeResumed,
    ReloadRequested,
    StatsRequested,
    StudyRequested,
)
from quizapp.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from quizapp.decks.problems import Problem
    from quizapp.session import DeckSummary, Today
    from quizapp.session.custom import CustomStudy

#: The deck id of the "all decks" row.
ALL_DECKS = "\x00all"
#: The count columns: (label, width). Narrow, so the deck titles keep most of an 80-column row.
COUNT_COLUMNS = (("New", 5), ("Due", 5), ("Learning", 8), ("Total", 5))


def fit(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells, with "…" where it was cut."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(0, width - 1)) + "…"


def today_line(today: Today) -> str:
    from quizapp.tui.screens.summary import format_duration

    days = "day" if today.streak_days == 1 else "days"
    reviews = "review" if today.reviews == 1 else "reviews"
    return (
        f"Today: {today.reviews} {reviews} in {format_duration(today.seconds)}"
        f" · streak {today.streak_days} {days}"
    )


class DeckTable(DataTable[str | int]):
    """The decks and their counts; Enter on a row studies that deck (shown in the footer)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Study deck", id="home.study_row"),
    ]


class HomeScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: Enter must wait for the arrow keys typed before it, which the
        # deck table handles in its own queue (a priority binding saw the old row). On the table,
        # Enter selects the row (`DataTable.RowSelected`, below); elsewhere it comes here.
        Binding("enter", "study_selected", "Study deck", id="home.study"),
        Binding("a", "study_all", "Study all due", id="home.study_all"),
        Binding("t", "stats", "Stats", id="home.stats"),
        Binding(
            "c",
            "custom_study",
            "Custom study",
            id="home.custom",
            show=False,
            tooltip="custom study: review ahead, forgotten today, more new cards",
        ),
        Binding("slash", "browse(True)", "Browse", id="home.browse", tooltip="search every card"),
        Binding(
            "b",
            "browse(False)",
            "Browse",
            id="home.browse_table",
            show=False,
            tooltip="browse, the rows first",
        ),
        Binding("r", "reload", "Reload decks", id="home.reload", show=False),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[DeckSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home-body"):
            yield Static("Loading your decks…", id="today", markup=False)
            yield DeckTable(id="decks", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="problems"):
                yield Static("", id="problems-text", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#decks", DataTable)
        # Labels as Text: a str label is parsed as Rich markup, which loads Rich's emoji table
        # (some milliseconds of the first frame) to look for :codes: that are not there.
        table.add_column(Text("Deck"), key="deck")
        for label, width in COUNT_COLUMNS:
            table.add_column(Text(label), key=label.lower(), width=width)
        self.query_one("#problems").display = False

    def show_decks(self, summaries: Sequence[DeckSummary], today: Today) -> None:
        """Fill in the counts (the app calls this from its worker's message)."""
        self.summaries = list(summaries)
        self.query_one("#today", Static).update(today_line(today))
        self._fill_table()
        table = self.query_one("#decks", DataTable)
        if not self.summaries:
            self.query_one("#today", Static).update(
                "No decks found. Add deck folders to the config file or run: quizapp review FOLDER"
            )
        table.focus()

    def clear_decks(self) -> None:
        """Take the counts off the screen (the collection could not be opened after all)."""
        self.summaries = []
        self.query_one("#decks", DataTable).clear()

    def _title_width(self) -> int:
        """Cells left for the deck titles once the count columns have theirs (at least 12)."""
        table = self.query_one("#decks", DataTable)
        padding = 2 * table.cell_padding
        counts = sum(width + padding for _label, width in COUNT_COLUMNS)
        # One more cell for the vertical scrollbar a long list of decks brings.
        return max(12, table.scrollable_content_region.width - counts - padding - 1)

    def _fill_table(self) -> None:
        table = self.query_one("#decks", DataTable)
        cursor = table.cursor_row
        table.clear()
        width = self._title_width()
        for deck in self.summaries:
            table.add_row(
                # Text, not str: a str cell is read as Rich markup ("[draft]" would vanish).
                Text(fit(printable(deck.title), width)),
                deck.new,
                deck.due,
                deck.learning,
                deck.total,
                key=deck.deck_id,
            )
        if len(self.summaries) > 1:
            table.add_row(
                Text("All decks"),
                sum(d.new for d in self.summaries),
                sum(d.due for d in self.summaries),
                sum(d.learning for d in self.summaries),
                sum(d.total for d in self.summaries),
                key=ALL_DECKS,
            )
        if self.summaries:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def on_resize(self) -> None:
        # Titles are cut to the width there is, so they are cut again when it changes.
        if self.summaries:
            self._fill_table()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        box = self.query_one("#problems")
        if not problems:
            box.display = False
            return
        files = sorted({p.path for p in problems if p.severity == "error"})
        heading = (
            f"{len(files)} deck file(s) could not be loaded and are skipped "
            "(fix them and press r, or run quizapp check):"
            if files
            else "Warnings in your deck files:"
        )
        self.query_one("#problems-text", Static).update(
            "\n".join([heading, *(str(p) for p in problems)])
        )
        box.display = True

    def show_opening(self) -> None:
        """The collection is being opened (again, after an error)."""
        today = self.query_one("#today", Static)
        today.update("Loading your decks…")
        today.remove_class("error")

    def show_error(self, message: str) -> None:
        self.query_one("#today", Static).update(message)
        self.query_one("#today").add_class("error")

    def selected_deck(self) -> str | None:
        table = self.query_one("#decks", DataTable)
        if table.row_count == 0:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(row_key.value) if row_key.value is not None else None

    @on(DataTable.RowSelected, "#decks")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        deck_id = event.row_key.value
        if deck_id is not None:
            self.post_message(StudyRequested(None if deck_id == ALL_DECKS else [str(deck_id)]))

    def action_study_selected(self) -> None:
        deck_id = self.selected_deck()
        if deck_id is None:
            return
        self.post_message(StudyRequested(None if deck_id == ALL_DECKS else [deck_id]))

    def action_study_all(self) -> None:
        self.post_message(StudyRequested(None))

    def action_custom_study(self) -> None:
        from quizapp.tui.screens.custom_study import CustomStudyScreen

        deck_id = self.selected_deck()
        if deck_id is None:
            return
        chosen = None if deck_id == ALL_DECKS else [deck_id]
        title = next((d.title for d in self.summaries if d.deck_id == deck_id), "All decks")

        def study(custom: CustomStudy | None) -> None:
            if custom is not None:
                self.post_message(StudyRequested(chosen, custom))

        self.app.push_screen(CustomStudyScreen(printable(title)), study)

    def action_browse(self, to_search: bool) -> None:
        """The browser on the deck under the cursor: `/` types a search, `b` goes to the rows."""
        deck_id = self.selected_deck()
        query = "" if deck_id in (None, ALL_DECKS) else f"deck:{deck_id}"
        self.post_message(BrowseRequested(query, to_search=to_search))

    def action_stats(self) -> None:
        self.post_message(StatsRequested())

    def action_reload(self) -> None:
        self.post_message(ReloadRequested())

    def on_screen_resume(self) -> None:
        self.post_message(HomeResumed())

"""The card browser: a search box (the language of `quizapp.search`), the table of the prompts it
selects (virtual: `CardTable`), and the card pane with the selected prompt's history.

Actions apply to the marked rows (space), or to the row under the cursor: suspend/unsuspend
(s), bury/unbury (b), reset to new (r), set due in N days (d), open in $EDITOR at its line
(e); each is one undoable batch of card events (u undoes the newest, as `quizapp cards` does).
`o` sorts by the next column, `O` turns the order around.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, Static

from quizapp.tui.messages import ReloadRequested
from quizapp.tui.widgets.card_pane import CardPane
from quizapp.tui.widgets.card_table import COLUMNS, CardTable, header_line
from quizapp.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from quizapp.session import Collection
    from quizapp.session.browse import SearchResult, SearchRow

#: What each action key does, as `Collection.change_cards` names it, and the word for it.
_DONE = {
    "suspend": "Suspended",
    "unsuspend": "Unsuspended",
    "bury": "Buried",
    "unbury": "Unburied",
    "reset": "Reset",
    "set_due": "Set due",
}


class SetDueScreen(ModalScreen[int | None]):
    """Ask in how many days the selected prompts are due (0: today); None if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="set-due"):
            yield Label("Due in how many days? (0: today)")
            yield Input(placeholder="days", id="set-due-days", type="integer")
            yield Static("", id="set-due-error")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            days = int(event.value)
        except ValueError:
            days = -1
        if not 0 <= days <= 36_500:
            self.query_one("#set-due-error", Static).update("A whole number of days, 0 to 36500.")
            return
        self.dismiss(days)

    def action_cancel(self) -> None:
        self.dismiss(None)


class BrowseScreen(Screen[None]):
    #: The table has the keys first (focusing the box, then the table, restyles twice).
    AUTO_FOCUS = "CardTable"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="browse.back"),
        Binding("slash", "focus_query", "Search", id="browse.search"),
        Binding("down", "focus_table", "Rows", id="browse.rows", show=False),
        Binding("s", "flip('suspend')", "Suspend", id="browse.suspend"),
        Binding("b", "flip('bury')", "Bury", id="browse.bury"),
        Binding("r", "change('reset')", "Reset", id="browse.reset", show=False),
        Binding("d", "set_due", "Set due", id="browse.set_due", show=False),
        Binding("e", "edit", "Edit", id="browse.edit", show=False),
        Binding("u", "undo", "Undo", id="browse.undo"),
        Binding("o", "sort(1)", "Sort", id="browse.sort"),
        Binding("O", "sort(0)", "Reverse", id="browse.reverse", show=False),
    ]
    DEFAULT_CSS = """
    BrowseScreen #browse-status { height: 1; padding: 0 1; }
    BrowseScreen #browse-status.error { color: $error; height: auto; }
    BrowseScreen #browse-header { height: 1; }
    BrowseScreen #browse-main { height: 1fr; }
    BrowseScreen #browse-rows { width: 2fr; }
    BrowseScreen #browse-pane { width: 1fr; border-left: solid $primary; }
    SetDueScreen { align: center middle; }
    SetDueScreen #set-due { width: 44; height: auto; border: round $primary; padding: 0 1; }
    """

    def __init__(self, collection: Collection, query: str = "", *, to_search: bool = False) -> None:
        super().__init__()
        #: Typed keys go to the search box, not to the rows' actions (AUTO_FOCUS gives the rows).
        self._to_search = to_search
        self.collection = collection
        self.query_text = query
        self.sort = "deck"
        self.descending = False
        self.result: SearchResult | None = None
        #: The status and header lines on screen.
        self._shown = ("", "")
        #: Whether the card pane is to be filled after the next frame (one read per frame).
        self._pane_due = False
        #: The store id of the prompt the pane shows, while what it shows is still so.
        self._pane_shows: int | None = None

    def compose(self) -> ComposeResult:
        yield Input(
            self.query_text,
            placeholder="search: deck:ID tag:T is:due prop:ivl>=10 rated:7 words -not OR (…)",
            id="browse-query",
        )
        yield Static("", id="browse-status")
        with Horizontal(id="browse-main"):
            with Vertical(id="browse-rows"):
                yield Static("", id="browse-header")
                yield CardTable(id="browse-table")
            with VerticalScroll(id="browse-pane"):
                yield CardPane("", id="browse-card")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.run_search(self.query_text)
        if self._to_search:
            self.query_one("#browse-query", Input).focus()

    @property
    def table(self) -> CardTable:
        return self.query_one(CardTable)

    def run_search(self, query: str) -> bool:
        """Show what `query` selects; a query that cannot be read is shown with its column.

        Only the first page of ids is read before the next frame; the rest (and the count)
        after it (`_count`), so 100,000 prompts show as soon as a page of them
        (`benchmarks/bench_browse.py`)."""
        from quizapp.search import QueryError
        from quizapp.session.browse import SearchResult

        status = self.query_one("#browse-status", Static)
        try:
            result = self.collection.search(query, SearchResult.PAGE)
        except QueryError as error:
            status.update(Text(str(error)))
            status.add_class("error")
            self._shown = ("", "")  # the next search's status replaces the error
            return False
        self.query_text, self.sort, self.descending = query, "deck", False
        status.remove_class("error")
        self._show(result, keep_cursor=False)
        if not result.complete:
            self.call_after_refresh(self._count, result)
        return True

    def _count(self, first: SearchResult) -> None:
        """Read every id the search shown selects, once its first page is on screen: in a
        thread, so keys typed meanwhile (a move, another search) are not kept waiting."""
        if self.result is None or self.result.card_ids != first.card_ids:
            return  # another search (or sort) took its place
        self._count_in_thread(self.query_text, first)

    @work(thread=True, exclusive=True, group="browse-count", exit_on_error=False)
    def _count_in_thread(self, query: str, first: SearchResult) -> None:
        from quizapp.store.errors import StoreError

        try:
            every = self.collection.search(query)
        except StoreError as error:
            # The first page stays on screen ("counting…"); searching again tries again.
            self.app.call_from_thread(
                self.notify, str(error), title="Not counted", severity="error"
            )
            return
        self.app.call_from_thread(self._counted, first, every)

    def _counted(self, first: SearchResult, every: SearchResult) -> None:
        if self.result is None or self.result.card_ids != first.card_ids:
            return  # another search (or sort) took its place meanwhile
        # The same rows first, the same cursor: the pane stays as it is.
        self._show(every, keep_cursor=True, changed=False)

    def _complete(self, result: SearchResult) -> SearchResult:
        """`result`, with every prompt its search selects if it has only the first ones."""
        return result if result.complete else self.collection.search(self.query_text)

    def _show(self, result: SearchResult, *, keep_cursor: bool, changed: bool = True) -> None:
        if changed:
            self._pane_shows = None
        self.result = result
        self.table.show(result, keep_cursor=keep_cursor)
        self._update_header()

    def _update_header(self) -> None:
        count = 0 if self.result is None else len(self.result)
        marked = len(self.table.marked)
        counting = self.result is not None and not self.result.complete
        status = f"{count:,}{'+ prompts, counting…' if counting else ' prompts'}"
        status += f" · {marked:,} marked" if marked else ""
        width = self.table.scrollable_content_region.width or self.size.width * 2 // 3
        header = header_line(width, self.sort, self.descending)
        # Only what changed is updated: each update lays the screen out again.
        if (status, header) == self._shown:
            return
        self._shown = (status, header)
        # Both are one line high (an error is not updated here): no new layout.
        if not self.query_one("#browse-status").has_class("error"):
            self.query_one("#browse-status", Static).update(status, layout=False)
        self.query_one("#browse-header", Static).update(Text(header, style="bold"), layout=False)

    @on(Input.Submitted, "#browse-query")
    def _searched(self, event: Input.Submitted) -> None:
        if self.run_search(event.value):
            self.table.focus()

    @on(CardTable.Moved)
    def _moved(self) -> None:
        # The pane (a read of the card's history) is filled after the frame that shows the
        # rows: the first frame does not wait for it, nor does a held-down arrow key.
        if not self._pane_due:
            self._pane_due = True
            self.call_after_refresh(self._fill_pane)
        self._update_header()

    def _fill_pane(self) -> None:
        self._pane_due = False
        pane = self.query_one(CardPane)
        row = self.table.current()
        if row is not None and row.card_id == self._pane_shows:
            return
        self._pane_shows = None if row is None else row.card_id
        if row is None:
            empty = self.result is not None and not len(self.result)
            pane.show(None, "No prompt matches." if empty else "This prompt is gone; search again.")
        else:
            from quizapp.session.card_info import card_info

            pane.show(card_info(self.collection, row))

    def on_resize(self) -> None:
        self._update_header()

    def action_back(self) -> None:
        if self.focused is self.query_one("#browse-query"):
            self.table.focus()
        else:
            self.dismiss()

    def action_focus_table(self) -> None:
        """↓ in the search box goes down to the rows (the rows take ↓ themselves)."""
        self.table.focus()

    def action_focus_query(self) -> None:
        self.query_one("#browse-query", Input).focus()

    def action_flip(self, action: str) -> None:
        """Suspend (bury) the selection, or unsuspend (unbury) it when all of it already is."""
        states = {"suspend": "suspended", "bury": "buried"}
        rows = self._selected_rows()
        if rows and all(row.state == states[action] for row in rows):
            action = "un" + action
        self.action_change(action)

    def action_change(self, action: str, days: int | None = None) -> None:
        selected = self.table.selected_ids()
        if not selected or self.result is None:
            self.notify("No prompt selected.", severity="warning")
            return
        from quizapp.store.errors import StoreError

        try:
            change = self.collection.change_cards(selected, action, days=days)
        except StoreError as error:
            self.notify(str(error), title="Not changed", severity="error")
            return
        already = f" ({change.unchanged:,} already were)" if change.unchanged else ""
        self.notify(f"{_DONE[action]} {change.changed:,}{already}. u undoes it.")
        self.table.marked.clear()
        self._show(self.result.reread(), keep_cursor=True)

    def action_set_due(self) -> None:
        def chosen(days: int | None) -> None:
            if days is not None:
                self.action_change("set_due", days)

        self.app.push_screen(SetDueScreen(), chosen)

    def action_undo(self) -> None:
        from quizapp.store.errors import StoreError

        try:
            undone = self.collection.undo_card_change()
        except StoreError as error:
            self.notify(str(error), title="Not undone", severity="error")
            return
        if undone is None:
            self.notify("Nothing to undo.")
            return
        kept = f"; {undone.kept:,} changed since were left" if undone.kept else ""
        self.notify(f"Undone: {undone.action.replace('_', ' ')} of {undone.restored:,}{kept}.")
        if self.result is not None:
            self._show(self.result.reread(), keep_cursor=True)

    def action_sort(self, forward: int) -> None:
        if self.result is None:
            return
        names = [name for name, *_rest in COLUMNS]
        if forward:
            self.sort = names[(names.index(self.sort) + 1) % len(names)]
        else:
            self.descending = not self.descending
        # Every prompt the search selects is sorted, even if not all are counted yet.
        ordered = self._complete(self.result).sorted_by(self.sort, self.descending)
        self._show(ordered, keep_cursor=False)

    def action_edit(self) -> None:
        from quizapp.tui.editor import edit_file

        row = self.table.current()
        if row is None:
            return
        if edit_file(self.app, row.path, row.line):
            self.post_message(ReloadRequested())
            if self.result is not None:
                self._show(self.result.reread(), keep_cursor=True)

    def _selected_rows(self) -> list[SearchRow]:
        if self.result is None:
            return []
        wanted = set(self.table.selected_ids())
        if not self.table.marked:
            row = self.table.current()
            return [] if row is None else [row]
        return [row for row in self.result if row.card_id in wanted]

"""The review screen's actions that change what is stored: undo, suspend or bury the card shown,
and reload its deck after an edit. Each goes through `save_or_ask`, so a write the database
refuses is asked about (try again, or go on without it) and, tried again, does only what the key
meant: the one action, on the card it was pressed on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizapp.tui.deck_files import report_problems
from quizapp.tui.editor import edit_card
from quizapp.tui.saving import save_or_ask

if TYPE_CHECKING:
    from quizapp.tui.screens.review import ReviewScreen


def undo_last(screen: ReviewScreen) -> None:
    """Take back the session's newest action (an answer, a suspension, a burial)."""
    session = screen.session
    steps = session.undo_steps

    def undo() -> None:
        # Again after a refusal: only the one action meant, not the one before it.
        if session.undo_steps < steps:
            return
        undone = session.undo()
        if undone is None:
            screen.confirm("Nothing to undo in this session.")
            return
        screen.show_current()
        screen.confirm(undone.message)

    save_or_ask(screen.app, "The action was not taken back", undo)


def set_aside(screen: ReviewScreen, title: str, *, suspend: bool) -> None:
    """Suspend (`suspend`) or bury the card shown, then the next card; `title` heads the
    question if the write is refused."""
    item = screen.item
    if item is None:
        return
    session = screen.session

    def aside() -> None:
        # Again after a refusal: only if the card is still the one shown.
        if session.current() is item and suspend:
            session.suspend()
        elif session.current() is item:
            session.bury()
        screen.next_card()
        screen.confirm(
            "Card suspended (quizapp suspended lists it)."
            if suspend
            else "Card buried until tomorrow."
        )

    save_or_ask(screen.app, title, aside)


def edit_and_reload(screen: ReviewScreen) -> None:
    """Open the card's deck file in $VISUAL/$EDITOR at the card's line, then reload it."""
    if screen.item is None or not edit_card(screen.app, screen.item):
        return
    collection = screen.collection

    def reload() -> None:
        problems = collection.reload_changed()
        screen.deck_files.changed(collection)  # take the edited files' stamps as seen
        report_problems(screen, problems)
        screen.show_current()
        if not problems:
            screen.confirm("Deck reloaded.")

    save_or_ask(screen.app, "The edited deck was not saved to the database", reload)

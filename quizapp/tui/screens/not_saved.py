"""The dialog shown when the review database refuses a change: what was not saved, why, and what
to do, with retry and quit.

The learner's card and answer stay where they were (on the review screen, in memory) while the
dialog is up; retry tries the same change again, and quit leaves quizapp with a non-zero exit
status and the message printed, since something the learner did is not in the database.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

#: The exit status when the learner quits with a change not saved.
NOT_SAVED_EXIT = 1


class NotSavedScreen(ModalScreen[bool]):
    """Dismissed with True to retry, False to quit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "Retry", id="not_saved.retry", tooltip="try to save it again"),
        Binding(
            "q,ctrl+q",
            "give_up",
            "Quit",
            id="not_saved.quit",
            tooltip="quit quizapp; what was not saved is lost",
        ),
    ]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        #: What was not saved ("Your answer was not saved").
        self.title_text = title
        #: Why, and what to do (the store's one-line message).
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="not-saved-box"):
            yield Static(self.title_text, id="not-saved-title", markup=False)
            yield Static(self.message, id="not-saved-message", markup=False)
            yield Static("Your card and answer are kept here until you retry.", classes="hint")
            with Horizontal(id="not-saved-buttons"):
                yield Button("Retry (r)", id="not-saved-retry", variant="primary")
                yield Button("Quit (q)", id="not-saved-quit", variant="error")

    def on_mount(self) -> None:
        self.query_one("#not-saved-retry", Button).focus()

    @on(Button.Pressed, "#not-saved-retry")
    def action_retry(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#not-saved-quit")
    def action_give_up(self) -> None:
        self.dismiss(False)

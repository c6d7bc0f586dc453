"""Asked before Esc ends a session while the card has typed text that was not checked yet.

Esc leaves the answer field, and a second Esc ends the session: typed in a hurry, the two would
throw away what the learner typed. This dialog asks first; "keep studying" puts the learner back
in the field with the text as it was.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class EndSessionScreen(ModalScreen[bool]):
    """Dismissed with True to end the session, False to go back to the card."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "end", "End session", id="end_session.end"),
        Binding("n,escape,enter", "stay", "Keep studying", id="end_session.stay"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="end-session-box"):
            yield Static("End the session?", id="end-session-title")
            yield Static(
                "What you typed on this card has not been checked; ending now drops it.",
                markup=False,
            )
            yield Static("y: end the session · n, Enter or Esc: back to the card", classes="hint")

    def action_end(self) -> None:
        self.dismiss(True)

    def action_stay(self) -> None:
        self.dismiss(False)

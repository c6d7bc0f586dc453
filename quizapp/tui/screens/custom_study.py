"""Custom study (`c` on the home screen): study beyond today's queue, as Anki's custom study.

Review ahead (cards due within N days), the cards forgotten today, or N more new cards, on the
selected deck (or all of them); "reschedule" off makes it a cram session whose answers change
nothing. The choice goes back to the home screen as a `quizapp.session.CustomStudy`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, RadioButton, RadioSet, Static

from quizapp.session.custom import CustomStudy

#: (label, what N means, N's default).
CHOICES: tuple[tuple[str, str, int], ...] = (
    ("Review ahead", "days ahead", 3),
    ("Cards forgotten today", "", 0),
    ("More new cards than today's limit", "new cards per deck", 10),
)


class CustomStudyScreen(ModalScreen[CustomStudy | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="custom.cancel"),
        Binding("ctrl+s", "study", "Study", id="custom.study", tooltip="start the custom session"),
    ]

    def __init__(self, deck_title: str) -> None:
        super().__init__()
        self.deck_title = deck_title

    def compose(self) -> ComposeResult:
        with Vertical(id="custom-box"):
            yield Static(f"Custom study: {self.deck_title}", id="custom-title", markup=False)
            with RadioSet(id="custom-kind"):
                for index, (label, _unit, _default) in enumerate(CHOICES):
                    yield RadioButton(label, value=index == 0)
            yield Input(str(CHOICES[0][2]), id="custom-count", type="integer")
            yield Static(CHOICES[0][1], id="custom-unit")
            yield Checkbox("Reschedule cards based on my answers", value=True, id="custom-resched")
            yield Static("", id="custom-error", markup=False)
            yield Static("Enter or ctrl+s: study · Esc: cancel", classes="hint")

    def _kind(self) -> int:
        return max(0, self.query_one(RadioSet).pressed_index)

    @on(RadioSet.Changed)
    def _changed(self) -> None:
        _label, unit, default = CHOICES[self._kind()]
        count = self.query_one("#custom-count", Input)
        count.display = bool(unit)
        count.value = str(default)
        self.query_one("#custom-unit", Static).update(unit)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_study()

    def chosen(self) -> CustomStudy:
        """What the dialog asks for; `ValueError` with a message for a wrong number."""
        kind = self._kind()
        reschedule = self.query_one("#custom-resched", Checkbox).value
        if kind == 1:
            return CustomStudy(forgotten=True, reschedule=reschedule)
        text = self.query_one("#custom-count", Input).value.strip()
        if not text.isdigit() or not 1 <= int(text) <= 100_000:
            raise ValueError(f"{CHOICES[kind][1]}: give a whole number from 1 to 100000")
        if kind == 0:
            return CustomStudy(ahead_days=int(text), reschedule=reschedule)
        return CustomStudy(extra_new=int(text), reschedule=reschedule)

    def action_study(self) -> None:
        try:
            chosen = self.chosen()
        except ValueError as error:
            self.query_one("#custom-error", Static).update(str(error))
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""What every card view shares: the item it shows, revealing, checking, and what was given.

The review screen owns the keys (space/Enter reveals, numbers grade) and asks the view what to do
with them before the answer is shown: a choice view takes the number keys to pick an option, an
order view takes Enter to check the order. A view that checks an answer posts `CardView.Checked`
with the grade it suggests; the screen then reveals and preselects that grade.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Rule

from quizapp.scheduling.base import Mark
from quizapp.tui.widgets.card_text import CardText

if TYPE_CHECKING:
    from quizapp.session import StudyItem


def numbered_row(sign: str, number: int, text: str) -> Table:
    """ "✓ 2. text" with the sign and number in a column of their own, so long text wraps under
    itself rather than under the number (choice options, order items)."""
    row = Table.grid(padding=(0, 1))
    row.add_column(no_wrap=True)
    row.add_column()
    row.add_row(f"{sign} {number}.", Text(text))
    return row


class CardView(Vertical):
    """Base class: the front of the card, then (after reveal) its back."""

    DEFAULT_CSS = """
    CardView { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # Active only while a field of the view has the focus (typed and exercise cards): the
        # letters then type, and Esc gives the screen's keys back (u, s, b, e); Tab returns.
        Binding(
            "escape",
            "leave_field",
            "Leave field",
            id="card.leave_field",
            tooltip="stop typing, so u, s, b and e work; Tab goes back to the field",
        ),
    ]

    #: Whether number keys pick something before the answer is shown (choice cards).
    takes_numbers = False
    #: The keys that work before the answer is shown, on the line under the card.
    hint = "space: show answer"
    #: The same line once Esc has left the view's answer field (the screen's keys work then).
    hint_left = "Tab: back to the field · Enter: check · Esc: end the session"

    class HintChanged(Message):
        """The keys that work have changed (a field of the view took or lost the focus)."""

    class Checked(Message):
        """The learner's answer was checked; its `mark` preselects a rating button."""

        def __init__(self, mark: Mark) -> None:
            super().__init__()
            self.mark = mark

    def __init__(self, item: StudyItem, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="card-view")
        self.item = item
        self.revealed = False
        #: What the check found, once checked (None: the learner grades themself).
        self.mark: Mark | None = None
        #: The answer field Esc left last (`back_to_field` focuses it again).
        self._left_field: Input | None = None

    def hint_now(self) -> str:
        """The line under the card: `hint_left` while no field of a view that has fields holds
        the focus (before the answer is shown), else `hint`."""
        fields = [field for field in self.query(Input) if not field.disabled]
        if self.mark is None and fields and self.screen.focused not in fields:
            return self.hint_left
        return self.hint

    def on_descendant_focus(self) -> None:
        self.post_message(self.HintChanged())

    def on_descendant_blur(self) -> None:
        self.post_message(self.HintChanged())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_field":
            # Only from a text field: elsewhere (an order list) Esc ends the session as usual.
            return isinstance(self.screen.focused, Input)
        return True

    def action_leave_field(self) -> None:
        focused = self.screen.focused
        if isinstance(focused, Input):
            self._left_field = focused
        self.screen.set_focus(None)

    def back_to_field(self) -> None:
        """Focus the field Esc left (Tab, or "keep studying" when asked before ending), else
        the first one."""
        field = self._left_field
        if field is not None and field.is_attached and not field.disabled:
            field.focus()
        else:
            self.focus_first()

    # What a view shows. Subclasses override these.

    def front_markdown(self) -> str:
        return self.item.prompt.card.front

    def back_markdown(self) -> str:
        return self.item.prompt.card.back

    def reveal(self) -> None:
        """Show the answer side (called once; after a check, or on space/Enter)."""
        if self.revealed:
            return
        self.revealed = True
        back = self.back_markdown()
        if back.strip():
            # Below what a subclass may have mounted already (an exercise's worked solution).
            rule = [] if self.query(".card-rule") else [Rule(classes="card-rule")]
            self.mount(*rule, CardText(back, classes="card-back"))

    def submit(self) -> bool:
        """Space/Enter before the answer is shown: True if the view checked something itself."""
        return False

    def advance(self, field: Input) -> None:
        """Enter in one of the view's answer fields: check (a view of several fields moves on
        to the next empty one first, `ExerciseView.advance`)."""
        self.submit()

    def unchecked_text(self) -> bool:
        """Whether an answer field holds text that has not been checked (Esc would drop it)."""
        return self.mark is None and any(
            field.value.strip() for field in self.query(Input) if not field.disabled
        )

    def number(self, n: int) -> None:
        """A number key before the answer is shown (only when `takes_numbers`)."""

    def given(self) -> Mapping[str, str] | str | None:
        """What the learner answered, to keep with the review (None for self-graded cards)."""
        return None

    def focus_first(self) -> None:
        """Put the keyboard focus where the learner starts (an input, a list...)."""

    def _checked(self, mark: Mark) -> None:
        self.mark = mark
        self.post_message(self.Checked(mark))

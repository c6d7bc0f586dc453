"""`choice` cards: numbered options picked by number key or mouse; right and wrong shown after.

The options are shown in the session's order for this showing (`option_order`: shuffled anew
each time the card is asked, unless the card says `shuffle: false`); numbers are screen
positions, while picks are checked and logged as the options' places in the file. With one
right option a pick is checked at once; with several, picks toggle and space/Enter checks them,
since the learner must pick all of the right ones.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Static

from quizapp.judge import check_choice
from quizapp.session.judging import option_order
from quizapp.tui.mathtext import plain_math
from quizapp.tui.widgets.base import CardView, numbered_row
from quizapp.tui.widgets.card_text import CardText


class ChoiceOption(Static):
    """One option; a click picks it like its number key."""

    class Picked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: int, text: str, position: int) -> None:
        """`index`: the option's place in the file; `position`: its place on the screen."""
        # Markup off: an option is deck text, and "[x]" in it is not a style.
        super().__init__(markup=False, classes="choice", id=f"choice-{position + 1}")
        self.index = index
        self.position = position
        self.text = plain_math(text)
        self.mark(" ")

    def mark(self, sign: str, note: str = "") -> None:
        """Show ● (picked), ✓ or ✗ before the option: colour alone would not do for every learner.

        The sign and number are a column of their own, so a long option wraps under its text.
        """
        self.update(numbered_row(sign, self.position + 1, self.text + note))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Picked(self.index))


class ChoiceView(CardView):
    takes_numbers = True
    hint = "number or click: pick · space: show answer"

    def compose(self) -> ComposeResult:
        card = self.item.prompt.card
        yield CardText(card.front, classes="card-front")
        if len(card.correct) > 1:
            which = "both" if len(card.correct) == 2 else f"all {len(card.correct)}"
            yield Static(
                f"Pick {which} right options (● marks a pick), then press space.",
                classes="hint",
            )
        for position, index in enumerate(self.order):
            yield ChoiceOption(index, card.choices[index], position)

    @property
    def order(self) -> list[int]:
        """The file index of the option at each screen position."""
        return option_order(self.item)

    @property
    def multiple(self) -> bool:
        return len(self.item.prompt.card.correct) > 1

    def picked(self) -> list[int]:
        return [option.index for option in self.query(ChoiceOption) if option.has_class("-picked")]

    def number(self, n: int) -> None:
        if 1 <= n <= len(self.item.prompt.card.choices):
            self._pick(self.query(ChoiceOption)[n - 1])

    def on_choice_option_picked(self, message: ChoiceOption.Picked) -> None:
        if not self.revealed and self.mark is None:
            self._pick(next(o for o in self.query(ChoiceOption) if o.index == message.index))

    def _pick(self, option: ChoiceOption) -> None:
        if self.multiple:
            option.toggle_class("-picked")
            option.mark("●" if option.has_class("-picked") else " ")
        else:
            option.add_class("-picked")
            self.submit()

    def submit(self) -> bool:
        picked = self.picked()
        if not picked:
            return False  # nothing picked yet: space/Enter simply shows the answer
        correct = self.item.prompt.card.correct
        _, mark = check_choice(picked, correct)
        for option in self.query(ChoiceOption):
            if option.index in correct:
                option.add_class("-right")
                option.mark("✓", "" if option.index in picked else "  (not picked)")
            elif option.index in picked:
                option.add_class("-wrong")
                option.mark("✗")
        self._checked(mark)
        return True

    def reveal(self) -> None:
        # After a check the options are marked already (with what was missed): leave them.
        if not self.revealed and self.mark is None:
            for option in self.query(ChoiceOption):
                if option.index in self.item.prompt.card.correct:
                    option.add_class("-right")
                    option.mark("✓")
        super().reveal()

    def given(self) -> str | None:
        # The options' numbers in the file (1 for its first), whatever their places on screen.
        picked = sorted(self.picked())
        return ",".join(str(i + 1) for i in picked) if picked else None

"""`typed` cards: an input; Enter checks it (case, spacing and accents ignored; typos "near")."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Static

from quizapp.judge import Verdict, check_typed
from quizapp.tui.widgets.answer_input import AnswerInput
from quizapp.tui.widgets.base import CardView
from quizapp.tui.widgets.card_text import CardText

_VERDICT_TEXT = {
    Verdict.RIGHT: "✓ Right",
    Verdict.NEAR: "≈ Near",
    Verdict.WRONG: "✗ Wrong",
}


class TypedView(CardView):
    hint = "type the answer · Enter: check · Esc: leave the field (Tab: back)"

    def compose(self) -> ComposeResult:
        yield CardText(self.item.prompt.card.front, classes="card-front")
        yield AnswerInput(placeholder="Type the answer, then Enter", id="typed-answer")
        yield Static("", id="typed-verdict", markup=False)

    def focus_first(self) -> None:
        self.query_one(Input).focus()

    def check(self) -> None:
        if self.mark is not None:
            return
        card = self.item.prompt.card
        field = self.query_one(Input)
        result = check_typed(field.value, card.answer, card.accept)
        text = _VERDICT_TEXT[result.verdict]
        if result.verdict is not Verdict.RIGHT or result.closest != card.answer:
            text += f" — the answer is: {card.answer}"
            if result.verdict is Verdict.NEAR and result.closest != card.answer:
                text += f" (close to {result.closest})"
        verdict = self.query_one("#typed-verdict", Static)
        verdict.update(text)
        verdict.add_class(f"-{result.verdict.value}")
        # Disabled, the input lets the number keys through to the grade buttons.
        field.disabled = True
        self._checked(result.mark)

    def submit(self) -> bool:
        self.check()
        return True

    def given(self) -> str | None:
        return self.query_one(Input).value

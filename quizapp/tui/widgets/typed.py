"""`typed` cards: an input; Enter has the session's judge check it (case, spacing, punctuation
and accents ignored; numbers by value; typos "near"; the deck's other terms wrong).

A near or wrong answer shows what was typed against the answer, as Anki's typed-answer
comparison does: the letters in common, those typed that are not in the answer (red, struck
through) and those of the answer that were not typed (a "-" in the typed line; underlined in
the answer's). Case and accents do not count as differences there either.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from quizapp.judge import Verdict
from quizapp.session.judging import judge_typed
from quizapp.tui.widgets.answer_input import AnswerInput
from quizapp.tui.widgets.base import CardView
from quizapp.tui.widgets.card_text import CardText

_VERDICT_TEXT = {
    Verdict.RIGHT: "✓ Right",
    Verdict.NEAR: "≈ Near",
    Verdict.WRONG: "✗ Wrong",
}
#: The styles of the comparison: letters in common, typed but not in the answer, in the answer
#: but not typed. Struck through and underlined, so colour is not the only sign.
SAME = "green"
EXTRA = "bold red strike"
MISSING = "bold yellow underline"
GAP = "dim"


def _key(ch: str) -> str:
    """A letter as the comparison sees it: case and accents do not make a difference."""
    return unicodedata.normalize("NFKD", ch)[:1].casefold()


def typed_diff(given: str, answer: str) -> tuple[Text, Text]:
    """The typed text and the answer, each styled where they differ (difflib's opcodes over
    their letters, as Anki compares a typed answer)."""
    typed = " ".join(given.split())
    matcher = SequenceMatcher(None, [_key(c) for c in typed], [_key(c) for c in answer], False)
    top, bottom = Text(), Text()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            top.append(typed[i1:i2], SAME)
            bottom.append(answer[j1:j2], SAME)
            continue
        if i2 > i1:  # replace, delete: typed, not in the answer
            top.append(typed[i1:i2], EXTRA)
        elif j2 > j1:  # insert: the answer's letters that were not typed
            top.append("-" * (j2 - j1), GAP)
        if j2 > j1:
            bottom.append(answer[j1:j2], MISSING)
    return top, bottom


class TypedView(CardView):
    DEFAULT_CSS = """
    TypedView #typed-diff { height: auto; padding: 0 1; }
    """
    hint = "type the answer · Enter: check · Esc: leave the field (Tab: back)"

    def compose(self) -> ComposeResult:
        yield CardText(self.item.prompt.card.front, classes="card-front")
        yield AnswerInput(placeholder="Type the answer, then Enter", id="typed-answer")
        yield Static("", id="typed-verdict", markup=False)
        yield Static("", id="typed-diff", markup=False)

    def focus_first(self) -> None:
        self.query_one(Input).focus()

    def check(self) -> None:
        if self.mark is not None:
            return
        card = self.item.prompt.card
        field = self.query_one(Input)
        result = judge_typed(self.item, field.value)
        text = _VERDICT_TEXT[result.verdict]
        if result.verdict is not Verdict.RIGHT or result.closest != card.answer:
            text += f" — the answer is: {card.answer}"
            if result.verdict is Verdict.NEAR and result.closest != card.answer:
                text += f" (close to {result.closest})"
        if result.why:
            text += f" · {result.why}"
        verdict = self.query_one("#typed-verdict", Static)
        verdict.update(text)
        verdict.add_class(f"-{result.verdict.value}")
        if result.verdict is not Verdict.RIGHT and field.value.strip():
            typed, answer = typed_diff(field.value, result.closest)
            grid = Table.grid(padding=(0, 1))
            grid.add_column(style="dim", no_wrap=True)
            grid.add_column()
            grid.add_row("typed", typed)
            grid.add_row("answer", answer)
            self.query_one("#typed-diff", Static).update(grid)
        # Disabled, the input lets the number keys through to the grade buttons.
        field.disabled = True
        self._checked(result.mark)

    def submit(self) -> bool:
        self.check()
        return True

    def given(self) -> str | None:
        return self.query_one(Input).value

"""`cloze` cards: the sentence with this prompt's deletions blanked, then filled in.

Deletions of other numbers are shown as plain text: each number is its own prompt, and seeing the
other answers is part of the context, as in Anki.
"""

from __future__ import annotations

import re

from textual.app import ComposeResult

from quizapp.model import CLOZE_PATTERN
from quizapp.tui.widgets.base import CardView
from quizapp.tui.widgets.card_text import CardText


def _number(variant: str) -> int:
    return int(variant[1:]) if re.fullmatch(r"c\d+", variant) else 0


def cloze_front(text: str, variant: str) -> str:
    """The text with deletion `variant` ("c1") blanked as **[…]** or **[hint]**."""
    number = _number(variant)

    def blank(match: re.Match[str]) -> str:
        if int(match.group(1)) != number:
            return match.group(2)
        hint = match.group(3)
        return f"**[{hint}]**" if hint else "**[…]**"

    return CLOZE_PATTERN.sub(blank, text)


def cloze_back(text: str, variant: str) -> str:
    """The text with deletion `variant` filled in and emphasised."""
    number = _number(variant)

    def fill(match: re.Match[str]) -> str:
        answer = match.group(2)
        return f"**[{answer}]**" if int(match.group(1)) == number else answer

    return CLOZE_PATTERN.sub(fill, text)


class ClozeView(CardView):
    def front_markdown(self) -> str:
        return cloze_front(self.item.prompt.card.text, self.item.prompt.variant)

    def compose(self) -> ComposeResult:
        yield CardText(self.front_markdown(), classes="card-front")

    def reveal(self) -> None:
        if self.revealed:
            return
        # The filled sentence replaces the blanked one rather than repeating it below.
        self.query_one(".card-front", CardText).set_markdown(
            cloze_back(self.item.prompt.card.text, self.item.prompt.variant)
        )
        super().reveal()

"""`basic` and `reverse` cards: the front, then the back (swapped for the reverse direction)."""

from __future__ import annotations

from textual.app import ComposeResult

from quizapp.model import REVERSE_VARIANT
from quizapp.tui.widgets.base import CardView
from quizapp.tui.widgets.card_text import CardText


class BasicView(CardView):
    def front_markdown(self) -> str:
        card = self.item.prompt.card
        return card.back if self.item.prompt.variant == REVERSE_VARIANT else card.front

    def back_markdown(self) -> str:
        card = self.item.prompt.card
        return card.front if self.item.prompt.variant == REVERSE_VARIANT else card.back

    def compose(self) -> ComposeResult:
        yield CardText(self.front_markdown(), classes="card-front")

"""Card text on screen: Markdown rendered by Rich, inline math as Unicode, code highlighted.

Rich's Markdown inside a `Static` is used rather than Textual's `Markdown` widget: a card is a few
lines, and one renderable draws in a fraction of the time a tree of block widgets takes to mount,
which keeps the step from a grade key to the next card well under the 50 ms budget.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.markdown import Markdown
from textual.widgets import Static

from quizapp.textsafe import printable
from quizapp.tui.mathtext import render_math


class CardText(Static):
    """One Markdown field of a card (front, back, cloze text...)."""

    DEFAULT_CSS = """
    CardText { height: auto; }
    """

    def __init__(self, markdown: str, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.markdown = markdown

    def render(self) -> RenderableType:
        dark = self.app.current_theme.dark
        return Markdown(
            render_math(printable(self.markdown, multiline=True)),
            code_theme="monokai" if dark else "default",
            inline_code_theme="monokai" if dark else "default",
            hyperlinks=False,
        )

    def set_markdown(self, markdown: str) -> None:
        self.markdown = markdown
        self.refresh(layout=True)

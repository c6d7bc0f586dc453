"""`order` cards: the items shuffled; up/down moves the cursor, shift+up/down moves the item."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from quizapp.judge import check_order, shuffled_order
from quizapp.tui.mathtext import plain_math
from quizapp.tui.widgets.base import CardView, numbered_row
from quizapp.tui.widgets.card_text import CardText


class OrderList(Vertical, can_focus=True):
    """The items in the learner's current order, with a cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        # Not in the footer (no room at 80 columns): the card's own hint line says them.
        Binding("shift+up,K", "move(-1)", "Move up", id="order.move_up", show=False),
        Binding("shift+down,J", "move(1)", "Move down", id="order.move_down", show=False),
    ]

    DEFAULT_CSS = """
    OrderList { height: auto; }
    """

    def __init__(self, items: tuple[str, ...], order: list[int]) -> None:
        super().__init__(id="order-list")
        self.items = items
        #: order[position] = index of the item (in the right order) shown at that position.
        self.order = order
        self.cursor = 0
        self.locked = False

    def compose(self) -> ComposeResult:
        for _ in self.order:
            yield Static("", classes="order-item", markup=False)

    def on_mount(self) -> None:
        self._draw()

    def _draw(self, marks: list[bool] | None = None) -> None:
        for position, row in enumerate(self.query(".order-item").results(Static)):
            at_cursor = position == self.cursor and not self.locked
            if marks is not None:
                sign = "✓" if marks[position] else "✗"
            else:
                sign = "›" if at_cursor else " "
            text = plain_math(self.items[self.order[position]])
            row.update(numbered_row(sign, position + 1, text))
            row.set_class(at_cursor, "-cursor")

    def action_cursor(self, step: int) -> None:
        if not self.locked:
            self.cursor = max(0, min(len(self.order) - 1, self.cursor + step))
            self._draw()

    def action_move(self, step: int) -> None:
        target = self.cursor + step
        if self.locked or not 0 <= target < len(self.order):
            return
        self.order[self.cursor], self.order[target] = self.order[target], self.order[self.cursor]
        self.cursor = target
        self._draw()

    def mark(self, in_place: list[bool]) -> None:
        self.locked = True
        self._draw(in_place)
        for row, right in zip(self.query(".order-item").results(Static), in_place, strict=True):
            row.add_class("-right" if right else "-wrong")


class OrderView(CardView):
    hint = "↑/↓: cursor · shift+↑/↓ (K/J): move the item · space: check"

    def compose(self) -> ComposeResult:
        card = self.item.prompt.card
        yield CardText(card.front, classes="card-front")
        yield OrderList(card.items, shuffled_order(card.items, self.item.prompt.key))

    def focus_first(self) -> None:
        self.query_one(OrderList).focus()

    def submit(self) -> bool:
        if self.mark is not None:
            return False
        order_list = self.query_one(OrderList)
        in_place, mark = check_order(order_list.order)
        order_list.mark(in_place)
        self._checked(mark)
        return True

    def back_markdown(self) -> str:
        card = self.item.prompt.card
        right = "\n".join(f"{n}. {item}" for n, item in enumerate(card.items, start=1))
        return f"**Right order:**\n\n{right}" + (f"\n\n{card.back}" if card.back.strip() else "")

    def given(self) -> str:
        return ",".join(str(i + 1) for i in self.query_one(OrderList).order)

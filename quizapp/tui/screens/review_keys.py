"""The review screen's keys (`ReviewScreen.BINDINGS`): what each does is the screen's
(`quizapp.tui.screens.review`); the help screen and the footer read them from here.

Space/Enter has two bindings, one enabled at a time: before the answer it reveals (or checks),
after it takes the suggested rating (`ReviewScreen.check_action`).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

REVIEW_BINDINGS: list[BindingType] = [
    Binding(
        "space,enter",
        "reveal",
        "Show answer",
        id="review.reveal",
        tooltip="show the answer (or check what you typed, picked or ordered)",
    ),
    Binding(
        "space,enter",
        "accept",
        "Suggested rating",
        id="review.accept",
        tooltip="after the answer: take the suggested rating (Good if none)",
    ),
    *(
        Binding(str(n), f"number({n})", f"Grade {n}", show=False, id=f"review.number_{n}")
        for n in range(10)
    ),
    Binding(
        "u",
        "undo",
        "Undo",
        id="review.undo",
        tooltip="take back the last answer, suspension or burial",
    ),
    Binding("s", "suspend_card", "Suspend", id="review.suspend", tooltip="suspend this card"),
    Binding("b", "bury", "Bury", id="review.bury", tooltip="put this card off until tomorrow"),
    Binding(
        "e",
        "edit",
        "Edit",
        id="review.edit",
        tooltip="edit the card in $EDITOR at its line; the deck is reloaded after",
    ),
    Binding(
        "tab",
        "to_field",
        "Answer field",
        id="review.to_field",
        show=False,
        tooltip="back to the card's answer field, after Esc left it",
    ),
    Binding(
        "escape",
        "leave",
        "End session",
        id="review.leave",
        show=False,
        tooltip="end the session, asked first if typed text is unchecked",
    ),
    # The card scrolls without Tab, whatever has the focus (an exercise's results at 80×24).
    *(
        Binding(
            key,
            f"scroll_card('{how}')",
            name,
            show=False,
            id=f"review.scroll_{how}",
            tooltip=f"scroll the card {name.lower()}, wherever the focus is",
        )
        for key, how, name in (
            ("up", "up", "Up a line"),
            ("down", "down", "Down a line"),
            ("pageup", "page_up", "Up a page"),
            ("pagedown", "page_down", "Down a page"),
        )
    ),
]

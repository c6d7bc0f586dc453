"""Help (`?`): every key binding of every screen, read from the screens' own binding lists.

Reading the bindings rather than restating them keeps this screen true when a key changes. The
app's own bindings ("Everywhere") come as an argument: this screen does not import the app.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

#: Keys handled inside the card views, which have no binding of their own on the screens.
CARD_KEYS: tuple[tuple[str, str], ...] = (
    (
        "typed",
        "type the answer, Enter checks it; Esc leaves the field (then u, s, b, e work), and Esc "
        "again ends the session (asking first while typed text is unchecked)",
    ),
    ("choice", "1–9 or a click picks an option (several right: pick all, then space)"),
    ("order", "↑/↓ (k/j) moves the cursor, shift+↑/↓ (K/J) moves the item, space checks"),
    (
        "exercise",
        "type each quantity; Enter goes to the next empty field and checks once all are filled, "
        "ctrl+Enter checks at once; Tab moves between fields; Esc leaves the fields",
    ),
    (
        "after the answer",
        "a rating key or a click rates; space/Enter takes the suggested rating "
        "(the scheduler's Good when nothing was checked)",
    ),
)

#: The scale of each scheduler, when the app knows none yet (before the decks are open).
DEFAULT_SCALES: tuple[str, ...] = (
    "SM-2: 0 Blackout · 1 Wrong · 2 Almost · 3 Hard · 4 Good · 5 Easy",
)


def _key_text(key: str) -> str:
    names = {
        "question_mark": "?",
        "enter": "Enter",
        "escape": "Esc",
        "tab": "Tab",
        "up": "↑",
        "down": "↓",
        "pageup": "PgUp",
        "pagedown": "PgDn",
    }
    return "/".join(names.get(k.strip(), k.strip()) for k in key.split(","))


def binding_rows(bindings: list[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do) for each binding, number-key bindings folded into one row."""
    rows: list[tuple[str, str]] = []
    numbers: list[str] = []
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue
        if binding.key.isdigit():
            numbers.append(binding.key)
            continue
        # A binding's tooltip, where it has one, says more than its short footer label.
        rows.append((_key_text(binding.key), binding.tooltip or binding.description))
    if numbers:
        rows.append((f"{numbers[0]}–{numbers[-1]}", "pick (choice cards), then rate (see below)"))
    return rows


def help_sections(
    app_bindings: Sequence[BindingType], scales: Sequence[str] = DEFAULT_SCALES
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each screen's title and its (keys, what they do) rows, after the app's own bindings;
    `scales`: the rating scales of the decks' schedulers, which the rating keys give."""
    from quizapp.tui.screens.home import HomeScreen
    from quizapp.tui.screens.review import ReviewScreen
    from quizapp.tui.screens.summary import SummaryScreen

    everywhere = binding_rows(list(app_bindings))
    everywhere.append(("ctrl+p", "command palette: study a deck, statistics, theme, keys…"))
    sections = [
        ("Everywhere", everywhere),
        ("Decks (home)", binding_rows(list(HomeScreen.BINDINGS))),
        ("Review", binding_rows(list(ReviewScreen.BINDINGS))),
        ("Card kinds", list(CARD_KEYS)),
        ("Rating keys", [("ratings", scale) for scale in scales]),
        ("Session summary", binding_rows(list(SummaryScreen.BINDINGS))),
    ]
    # Screens other parts of quizapp provide, when this version has them.
    for title, module_name, class_name in (
        ("Statistics", "quizapp.tui.screens.stats", "StatsScreen"),
        ("Add a card", "quizapp.tui.screens.add_card", "AddCardScreen"),
        ("Custom study", "quizapp.tui.screens.custom_study", "CustomStudyScreen"),
        ("Card browser", "quizapp.tui.screens.browse", "BrowseScreen"),
    ):
        try:
            screen = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError):
            continue
        sections.append((title, binding_rows(list(screen.BINDINGS))))
    return sections


def help_table(
    app_bindings: Sequence[BindingType], scales: Sequence[str] = DEFAULT_SCALES
) -> Table:
    """The sections as one two-column table; long descriptions wrap in their own column."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for index, (title, rows) in enumerate(help_sections(app_bindings, scales)):
        if index:
            table.add_row("", "")
        table.add_row(Text(title, style="underline"), "")
        for keys, what in rows:
            table.add_row(keys, what)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help.close")
    ]

    def __init__(
        self, app_bindings: Sequence[BindingType], scales: Sequence[str] = DEFAULT_SCALES
    ) -> None:
        super().__init__()
        #: The app's bindings, listed first as the keys that work everywhere.
        self.app_bindings = app_bindings
        #: The rating scales live in the learner's decks.
        self.scales = tuple(scales)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static("Keys", id="help-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_table(self.app_bindings, self.scales), id="help-text")
            yield Static("Esc or ? closes · ctrl+p: command palette", classes="hint")

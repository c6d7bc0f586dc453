"""The add-card form (ctrl+n): write a new card into one of the learner's deck files.

The screen only collects the fields and shows the outcome: the card is built, given a stable id,
checked and appended by `quizapp.decks.authoring.add_card`, the same code as `quizapp add`. The
screen is dismissed with the new card's id (None when cancelled); the app then reloads the
changed deck so the card can be studied at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar, Protocol

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from quizapp.model import Deck
from quizapp.textsafe import printable
from quizapp.tui.widgets.footer import KeyFooter

#: What each kind asks for, shown under the kind selector so the learner knows which fields count
#: (one entry per kind `quizapp.decks.authoring.KINDS` offers; a test keeps it complete).
KIND_HELP = {
    "basic": "Front and back.",
    "reverse": "Front and back; asked both ways.",
    "cloze": "Front holds the text with {{c1::deletions}}; back is optional.",
    "choice": "Options separated by |, answer = the right number(s), e.g. 2 or 1,3.",
    "typed": "Answer = what the learner types; also accept: other answers, separated by |.",
    "order": "Options = the items in the right order, separated by |.",
}


#: The text fields, in order: (id, label, placeholder).
_FIELDS = (
    ("front", "Front", "What does bagging stand for? (cloze: the text with {{c1::…}})"),
    ("back", "Back", "Bootstrap aggregating"),
    ("options", "Options", "choice, order: Bias | Variance | Noise"),
    ("answer", "Answer", "choice: the right number(s), e.g. 2 or 1,3; typed: the answer"),
    ("accept", "Also accept", "typed: other right answers, separated by |"),
    ("tags", "Tags", "separated by spaces"),
)


class HasDecks(Protocol):
    """What the form needs of the collection: its decks (each with the file it came from)."""

    decks: list[Deck]


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split("|") if part.strip()]


class AddCardScreen(ModalScreen[str | None]):
    """A form that appends one card to a chosen deck file."""

    DEFAULT_CSS = """
    AddCardScreen { align: center middle; }
    AddCardScreen > VerticalScroll {
        width: 90%; max-width: 100; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    AddCardScreen .field { height: auto; }
    AddCardScreen #title { margin-bottom: 1; }
    AddCardScreen .field Label { width: 14; padding-right: 1; }
    AddCardScreen .field Input, AddCardScreen .field Select { width: 1fr; }
    AddCardScreen #kind-help { color: $text-muted; padding-left: 14; }
    AddCardScreen #error { color: $error; margin-top: 1; }
    AddCardScreen #buttons { height: auto; margin-top: 1; }
    AddCardScreen #buttons Button { margin-right: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close the form without adding a card"),
        Binding("ctrl+s", "save", "Add card", tooltip="Check the card and add it to the deck"),
    ]

    def __init__(self, collection: HasDecks, deck_id: str | None = None) -> None:
        super().__init__()
        from quizapp import paths

        # Only the learner's own deck files take new cards: the bundled decks live inside the
        # installed package, where an edit would be lost on the next upgrade.
        bundled = paths.bundled_decks_dir().resolve()
        self.decks: Sequence[Deck] = [
            d
            for d in collection.decks
            if d.path and not Path(d.path).resolve().is_relative_to(bundled)
        ]
        self.initial_deck = deck_id

    def compose(self) -> ComposeResult:
        from quizapp.decks.authoring import KINDS

        # Text prompts: a str prompt is read as markup, and deck titles are the learner's.
        deck_options = [(Text(printable(f"{d.title}  ({d.path})")), d.id) for d in self.decks]
        initial = self.initial_deck if any(d.id == self.initial_deck for d in self.decks) else None
        if initial is None and len(self.decks) == 1:
            initial = self.decks[0].id  # the only deck file there is
        # One line per field (label, then the field), so the whole form fits 80×24; the scroll
        # container itself takes no focus, so Tab goes from field to field.
        with VerticalScroll(can_focus=False):
            yield Static("[b]Add a card[/b]  [dim]ctrl+s adds it · Esc cancels[/dim]", id="title")
            with Horizontal(classes="field"):
                yield Label("Deck")
                yield Select(
                    deck_options,
                    id="deck",
                    prompt="Choose a deck",
                    value=initial if initial is not None else Select.NULL,
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("Kind")
                yield Select(
                    [(k, k) for k in KINDS],
                    id="kind",
                    value="basic",
                    allow_blank=False,
                    compact=True,
                )
            yield Static(KIND_HELP["basic"], id="kind-help")
            for field_id, label, placeholder in _FIELDS:
                with Horizontal(classes="field"):
                    yield Label(label)
                    yield Input(id=field_id, placeholder=placeholder, compact=True)
            yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button("Add card", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        # Typing starts where it is needed: the front, or the deck when none is chosen yet.
        deck = self.query_one("#deck", Select)
        start = self.query_one("#front", Input) if deck.value != Select.NULL else deck
        self.call_after_refresh(start.focus)
        if not self.decks:
            self._show_error(
                "No deck file to add to: create one with `quizapp new FILE` "
                "and add its folder to deck_folders."
            )

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.query_one("#kind-help", Static).update(KIND_HELP.get(str(event.value), ""))

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def _show_error(self, message: str) -> None:
        self.query_one("#error", Static).update(message)

    def action_save(self) -> None:
        from quizapp.decks.authoring import KINDS, CardFields, CardInputError, add_card
        from quizapp.decks.edit import EditError
        from quizapp.model import CardKind, kind_spec

        deck_value = self.query_one("#deck", Select).value
        deck = next((d for d in self.decks if d.id == deck_value), None)
        if deck is None:
            self._show_error("Choose the deck to add the card to.")
            return
        kind = str(self.query_one("#kind", Select).value)
        # The form has one field for the card's main text and one for its list of options; the
        # kind says which of the card's fields they are.
        takes = kind_spec(CardKind(kind)).fields if kind in KINDS else ()
        front = self._value("front")
        options = _split(self._value("options"))
        fields = CardFields(
            kind=kind,
            front="" if "text" in takes else front,
            text=front if "text" in takes else "",
            back=self._value("back"),
            choices=options if "choices" in takes else (),
            items=options if "items" in takes else (),
            answer=self._value("answer"),
            accept=_split(self._value("accept")),
            tags=self._value("tags").split(),
        )
        try:
            card = add_card(Path(deck.path), fields, taken={card.id for card in deck.cards})
        except (CardInputError, EditError) as error:
            self._show_error(str(error))
            return
        except OSError as error:
            self._show_error(f"Could not write {deck.path}: {error.strerror}")
            return
        self.notify(f"Added card {card['id']!r} to {deck.title}.")
        self.dismiss(str(card["id"]))

"""The add-card form (ctrl+n): checks the card, appends it to the chosen deck, or says why not."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from textual.app import App
from textual.widgets import Input, Select, Static

from quizapp.model import Card, CardKind, Deck
from quizapp.tui.screens.add_card import AddCardScreen

DECK = """\
deck: mine   # my own deck
title: Mine
cards:
  - id: first
    front: First?
    back: yes
"""


@dataclass
class Decks:
    """The part of the collection the form reads: its decks."""

    decks: list[Deck] = field(default_factory=list)


class Host(App[None]):
    def __init__(self, decks: Decks, deck_id: str | None = "mine") -> None:
        super().__init__()
        self.decks = decks
        self.deck_id = deck_id
        self.results: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(
            AddCardScreen(self.decks, deck_id=self.deck_id), callback=self.results.append
        )


def _decks(tmp_path: Path) -> tuple[Path, Decks]:
    path = tmp_path / "mine.yaml"
    path.write_text(DECK, encoding="utf-8")
    card = Card(id="first", kind=CardKind.BASIC, front="First?", back="yes", line=4)
    return path, Decks([Deck(id="mine", title="Mine", cards=(card,), path=str(path))])


async def test_adding_a_choice_card(tmp_path: Path) -> None:
    path, decks = _decks(tmp_path)
    app = Host(decks)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, AddCardScreen)
        screen.query_one("#kind", Select).value = "choice"
        screen.query_one("#front", Input).value = "First or second?"
        screen.query_one("#options", Input).value = "first | second"
        screen.query_one("#answer", Input).value = "2"
        screen.query_one("#tags", Input).value = "quiz ml"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == ["first-or-second"]
    assert path.read_text(encoding="utf-8") == DECK + (
        "  - id: first-or-second\n"
        "    kind: choice\n"
        "    front: First or second?\n"
        "    choices: [first, second]\n"
        "    answer: 2\n"
        "    tags: [quiz, ml]\n"
    )


async def test_a_bad_card_shows_why_and_writes_nothing(tmp_path: Path) -> None:
    path, decks = _decks(tmp_path)
    app = Host(decks)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        screen.query_one("#kind", Select).value = "cloze"
        screen.query_one("#front", Input).value = "no deletion here"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AddCardScreen)
        error = str(screen.query_one("#error", Static).render())
        assert "has no deletion" in error
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
    assert path.read_text(encoding="utf-8") == DECK


async def test_same_front_gets_a_unique_id(tmp_path: Path) -> None:
    path, decks = _decks(tmp_path)
    app = Host(decks)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        screen.query_one("#front", Input).value = "First?"
        screen.query_one("#back", Input).value = "again"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == ["first-2"]
    assert path.read_text(encoding="utf-8").endswith(
        "  - id: first-2\n    front: First?\n    back: again\n"
    )


async def test_opened_with_no_deck_chosen_asks_for_one(tmp_path: Path) -> None:
    # ctrl+n from the home screen of a learner with no deck selected and two deck files: the
    # form opens with no deck chosen (this once crashed on the blank value) and asks for one.
    path, decks = _decks(tmp_path)
    other = tmp_path / "other.yaml"
    other.write_text(DECK.replace("mine", "other"), encoding="utf-8")
    decks.decks.append(Deck(id="other", title="Other", cards=decks.decks[0].cards, path=str(other)))
    app = Host(decks, deck_id=None)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, AddCardScreen)
        assert screen.query_one("#deck", Select).is_blank()
        screen.query_one("#front", Input).value = "Second?"
        screen.query_one("#back", Input).value = "yes"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Choose the deck" in str(screen.query_one("#error", Static).render())
    assert path.read_text(encoding="utf-8") == DECK


async def test_typing_starts_at_the_front_and_tab_goes_field_to_field(tmp_path: Path) -> None:
    """The form opens ready to type (QA: keys typed at once went nowhere, and Tab passed a
    stop that could not be seen); it fits 80×24 with its keys in its own footer."""
    from tests.tui.screen import screen_text

    path, decks = _decks(tmp_path)
    app = Host(decks, deck_id=None)  # no deck chosen, but the only deck file is preselected
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AddCardScreen)
        assert screen.query_one("#deck", Select).value == "mine"
        await pilot.press(*"Capital of Germany?", "tab", *"Berlin")
        assert screen.query_one("#front", Input).value == "Capital of Germany?"
        assert screen.query_one("#back", Input).value == "Berlin"
        text = screen_text(app)
        assert "Add card" in text.splitlines()[-1] and "Cancel" in text.splitlines()[-1]
        assert "Tags" in text and "Add card   " in text  # the last field and the button show
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == ["capital-of-germany"]
    assert "front: Capital of Germany?" in path.read_text(encoding="utf-8")


def test_every_kind_the_form_offers_has_its_help() -> None:
    from quizapp.decks.authoring import KINDS
    from quizapp.tui.screens.add_card import KIND_HELP

    assert list(KIND_HELP) == list(KINDS)

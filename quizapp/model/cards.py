"""Cards, decks and prompts: what a deck file means, as frozen data (no YAML, no I/O).

A `Card` is one entry of a deck file. Some cards are asked in more than one way: a `reverse` card
is asked front-to-back and back-to-front, a `cloze` card once per deletion number. Each way of
asking is a `Prompt`, and a prompt's `key` (deck id + card id + variant) is what progress hangs on.
The forward direction of a card has no variant, so its key is just the card id: turning a `basic`
card into a `reverse` one keeps its progress.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from quizapp.model.kinds import KIND_SPECS, CardKind

#: The longest deck id and card key (card id plus ``#variant``) the store keeps: its column
#: sizes (`quizapp.store.models` uses these), here so that checking an id needs no SQLAlchemy.
MAX_DECK_ID_LENGTH = 200
MAX_CARD_KEY_LENGTH = 400

#: A cloze deletion: ``{{c1::answer}}`` or ``{{c1::answer::hint}}``.
CLOZE_PATTERN = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


@dataclass(frozen=True, slots=True)
class ExerciseSpec:
    """A computed exercise as the deck file states it; `quizapp.exercises` draws and checks it.

    `params` holds each parameter as written: a fixed value, ``{range: [low, high], step: s}``
    or ``{choices: [...]}`` (plain JSON-like values, so the spec can be cached as JSON).
    """

    generator: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    ask: tuple[str, ...] = ()
    rel_tol: float | None = None
    abs_tol: float | None = None


@dataclass(frozen=True, slots=True)
class Card:
    """One card of a deck file. Which fields matter depends on `kind` (see docs/decks.md).

    Text fields are Markdown, with inline ``$...$`` math allowed.
    """

    id: str
    kind: CardKind
    front: str = ""
    back: str = ""
    #: cloze: the text holding ``{{cN::...}}`` deletions.
    text: str = ""
    #: choice: the options, in the order the file gives them.
    choices: tuple[str, ...] = ()
    #: choice: the 0-based indexes of the right options (the file writes them 1-based).
    correct: tuple[int, ...] = ()
    #: choice: whether the options are shuffled for each showing (`shuffle: false` keeps the
    #: file's order, where it carries meaning: a scale, years in order).
    shuffle: bool = True
    #: typed: the expected answer, and other answers accepted as right.
    answer: str = ""
    accept: tuple[str, ...] = ()
    #: order: the items in their right order (they are shuffled when asked).
    items: tuple[str, ...] = ()
    exercise: ExerciseSpec | None = None
    tags: tuple[str, ...] = ()
    #: 1-based line of the card's entry in its deck file (0 when unknown).
    line: int = 0
    #: True when the file gave no `id` and one was derived from the content.
    id_derived: bool = False

    def cloze_numbers(self) -> tuple[int, ...]:
        """The distinct deletion numbers of a cloze card, in ascending order."""
        return tuple(sorted({int(m.group(1)) for m in CLOZE_PATTERN.finditer(self.text)}))

    def variants(self) -> tuple[str, ...]:
        """The ways this card is asked; "" is the forward direction."""
        return KIND_SPECS[self.kind].variants(self)


@dataclass(frozen=True, slots=True)
class Prompt:
    """One way of asking one card: the unit that is scheduled and reviewed."""

    deck_id: str
    card: Card
    variant: str = ""

    @property
    def key(self) -> str:
        """The card's key within its deck: the card id, plus ``#variant`` when there is one."""
        return prompt_key(self.card.id, self.variant)


def prompt_key(card_id: str, variant: str) -> str:
    return f"{card_id}#{variant}" if variant else card_id


@dataclass(frozen=True, slots=True)
class Deck:
    """A deck file, loaded and validated."""

    id: str
    title: str
    cards: tuple[Card, ...]
    description: str = ""
    tags: tuple[str, ...] = ()
    #: The scheduler the deck file asks for (its `scheduler:` key); None: config.toml decides.
    scheduler: str | None = None
    #: The file it was read from ("" for a deck built in memory).
    path: str = ""
    #: sha256 of the file's bytes: unchanged files are not parsed again.
    content_hash: str = ""

    def prompts(self) -> tuple[Prompt, ...]:
        """Every prompt of the deck, in file order (new cards are introduced in this order)."""
        return tuple(Prompt(self.id, card, v) for card in self.cards for v in card.variants())

    def card(self, card_id: str) -> Card | None:
        for card in self.cards:
            if card.id == card_id:
                return card
        return None

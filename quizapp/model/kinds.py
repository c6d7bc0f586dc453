"""The card kinds, one entry each: what a kind's file entry holds, how it is asked, how its
answers are checked and which of its fields make its content. Frozen data, no I/O.

Layers above key their own tables by `CardKind` (the loader's per-kind checks, the TUI's widget
per kind, the Anki export), each checked complete by a test; this module imports none of them.
A new kind is a new `CardKind` member, its `KindSpec` here, and an entry in each of those tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class Card(Protocol):
    """What a kind's prompts are worked out from (`quizapp.model.cards.Card` is one)."""

    def cloze_numbers(self) -> tuple[int, ...]: ...


class CardKind(StrEnum):
    """The kinds of card a deck file may hold (docs/decks.md describes each)."""

    BASIC = "basic"
    REVERSE = "reverse"
    CLOZE = "cloze"
    CHOICE = "choice"
    TYPED = "typed"
    ORDER = "order"
    EXERCISE = "exercise"


class Judge(StrEnum):
    """Which check an answer to a kind needs."""

    #: Nothing to check: the learner reveals the back and grades their own recall.
    SELF = "self"
    #: The options picked against the right ones.
    CHOICE = "choice"
    #: The typed text against the answer and the other accepted answers.
    TYPED = "typed"
    #: The order given against the file's order.
    ORDER = "order"
    #: The exercise's own checker (`quizapp.exercises`), on freshly drawn values.
    EXERCISE = "exercise"


#: The variant name of the back-to-front direction of a `reverse` card.
REVERSE_VARIANT = "reverse"

#: File fields every kind may have.
COMMON_FIELDS = ("id", "kind", "tags", "back")


def _forward_only(card: Card) -> tuple[str, ...]:
    return ("",)


def _both_directions(card: Card) -> tuple[str, ...]:
    return ("", REVERSE_VARIANT)


def _one_per_deletion(card: Card) -> tuple[str, ...]:
    return tuple(f"c{n}" for n in card.cloze_numbers())


@dataclass(frozen=True, slots=True)
class KindSpec:
    """Everything the core knows of one card kind."""

    kind: CardKind
    #: The file fields of this kind beyond `COMMON_FIELDS`, in the order a form asks for them.
    fields: tuple[str, ...]
    #: The file fields a card of this kind must have.
    required: tuple[str, ...]
    #: The `Card` attributes that make the card's content: a change in one is an edit of the
    #: card (its content hash changes). Line, id and tags never count.
    hashed: tuple[str, ...]
    #: The ways a card is asked (its prompts' variants; "" is the forward direction).
    variants: Callable[[Card], tuple[str, ...]]
    judge: Judge
    #: Whether `quizapp add` and the TUI's add-card form can build it from a few form fields
    #: (an exercise has too many: it is written in the file).
    authorable: bool = True
    #: Kinds sharing a group derive the same id from the same content, so switching between
    #: them keeps a card's progress as an explicit id does ("" means the kind's own name).
    id_group: str = ""
    #: Optional file fields that set how the card is asked rather than what it asks (a choice
    #: card's `shuffle`): read from the file, never asked for by a form, not in the content.
    settings: tuple[str, ...] = ()


KIND_SPECS: dict[CardKind, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            CardKind.BASIC,
            fields=("front",),
            required=("front", "back"),
            hashed=("front", "back"),
            variants=_forward_only,
            judge=Judge.SELF,
        ),
        KindSpec(
            CardKind.REVERSE,
            fields=("front",),
            required=("front", "back"),
            hashed=("front", "back"),
            variants=_both_directions,
            judge=Judge.SELF,
            id_group="basic",
        ),
        KindSpec(
            CardKind.CLOZE,
            fields=("text",),
            required=("text",),
            hashed=("back", "text"),
            variants=_one_per_deletion,
            judge=Judge.SELF,
        ),
        KindSpec(
            CardKind.CHOICE,
            fields=("front", "choices", "answer"),
            required=("front", "choices", "answer"),
            hashed=("front", "back", "choices", "correct"),
            variants=_forward_only,
            judge=Judge.CHOICE,
            settings=("shuffle",),
        ),
        KindSpec(
            CardKind.TYPED,
            fields=("front", "answer", "accept"),
            required=("front", "answer"),
            hashed=("front", "back", "answer", "accept"),
            variants=_forward_only,
            judge=Judge.TYPED,
        ),
        KindSpec(
            CardKind.ORDER,
            fields=("front", "items"),
            required=("front", "items"),
            hashed=("front", "back", "items"),
            variants=_forward_only,
            judge=Judge.ORDER,
        ),
        KindSpec(
            CardKind.EXERCISE,
            fields=("front", "generator", "params", "ask", "tolerance"),
            required=("front", "generator"),
            hashed=("front", "back", "exercise"),
            variants=_forward_only,
            judge=Judge.EXERCISE,
            authorable=False,
        ),
    )
}


def kind_spec(kind: CardKind) -> KindSpec:
    """The registry's entry for `kind`."""
    return KIND_SPECS[kind]

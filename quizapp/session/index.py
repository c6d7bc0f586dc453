"""The loaded decks, indexed for a session: a prompt by (deck id, key), and the orders they take."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quizapp.model import Deck, Prompt

if TYPE_CHECKING:
    from quizapp.judge import KnownTerms


@dataclass
class _DeckEntry:
    deck: Deck
    prompts: dict[str, Prompt] = field(default_factory=dict)
    #: key -> place in the deck's file order.
    positions: dict[str, int] = field(default_factory=dict)
    #: key -> place in the order new prompts are introduced: the first prompt of every card in
    #: file order, then the second ones (a reverse card's other direction, a cloze card's next
    #: deletion), and so on; so a card's siblings are introduced on different days, not in a row.
    new_order: dict[str, int] = field(default_factory=dict)
    #: The deck's terms for the typed judge (`quizapp.judge.terms`), gathered when first asked.
    terms: KnownTerms | None = None


class DeckIndex:
    """Every prompt of the loaded decks, found by (deck id, key); rebuilt when decks reload."""

    def __init__(self, decks: Sequence[Deck]) -> None:
        self._entries: dict[str, _DeckEntry] = {}
        for deck in decks:
            entry = _DeckEntry(deck)
            ordinals: dict[str, int] = {}
            ranked = []
            for position, prompt in enumerate(deck.prompts()):
                entry.prompts[prompt.key] = prompt
                entry.positions[prompt.key] = position
                ordinal = ordinals[prompt.card.id] = ordinals.get(prompt.card.id, -1) + 1
                ranked.append((ordinal, position, prompt.key))
            entry.new_order = {key: rank for rank, (_o, _p, key) in enumerate(sorted(ranked))}
            self._entries[deck.id] = entry

    def __contains__(self, deck_id: object) -> bool:
        return deck_id in self._entries

    def prompt(self, deck_id: str, key: str) -> tuple[Deck, Prompt] | None:
        """The deck and prompt of this key, or None if the deck as loaded now has none."""
        entry = self._entries.get(deck_id)
        if entry is None:
            return None
        prompt = entry.prompts.get(key)
        return None if prompt is None else (entry.deck, prompt)

    def card_of(self, deck_id: str, key: str) -> tuple[str, str]:
        """The card a prompt asks, as (deck id, card id): its siblings share it."""
        return deck_id, self._entries[deck_id].prompts[key].card.id

    def position(self, deck_id: str, key: str) -> int | None:
        """The prompt's place in its deck's file order (None if not in the deck)."""
        entry = self._entries.get(deck_id)
        return None if entry is None else entry.positions.get(key)

    def terms(self, deck_id: str) -> KnownTerms:
        """The deck's terms, held against each typed answer (`check_typed`'s `known`): gathered
        once per deck as loaded, and shared by all its cards."""
        from quizapp.judge.known import KnownTerms
        from quizapp.judge.terms import deck_terms

        entry = self._entries.get(deck_id)
        if entry is None:
            return KnownTerms(())
        if entry.terms is None:
            entry.terms = deck_terms(entry.deck)
        return entry.terms

    def prepare_terms(self) -> None:
        """Gather the terms of every deck with typed cards and build their lookups: a 100,000-
        card deck takes about two seconds, better spent in a worker than on its first typed
        card (`benchmarks/bench_judge.py`)."""
        from quizapp.model import CardKind

        for deck_id, entry in list(self._entries.items()):
            if any(card.kind is CardKind.TYPED for card in entry.deck.cards):
                self.terms(deck_id).prepare()

    def new_order(self, deck_id: str) -> dict[str, int]:
        """key -> the place each prompt of the deck takes among new prompts."""
        return self._entries[deck_id].new_order

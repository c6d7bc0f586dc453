"""The deck and card model: what a deck file means, as frozen data (no YAML, no I/O).

`cards` holds the cards, decks and prompts; `kinds` the registry of card kinds; `content_hash`
the hash that tells an edited card from an unchanged one.
"""

from __future__ import annotations

from quizapp.model.cards import (
    CLOZE_PATTERN,
    MAX_CARD_KEY_LENGTH,
    MAX_DECK_ID_LENGTH,
    Card,
    Deck,
    ExerciseSpec,
    Prompt,
    prompt_key,
)
from quizapp.model.content_hash import card_hash
from quizapp.model.kinds import (
    COMMON_FIELDS,
    KIND_SPECS,
    REVERSE_VARIANT,
    CardKind,
    Judge,
    KindSpec,
    kind_spec,
)

__all__ = [
    "CLOZE_PATTERN",
    "COMMON_FIELDS",
    "KIND_SPECS",
    "MAX_CARD_KEY_LENGTH",
    "MAX_DECK_ID_LENGTH",
    "REVERSE_VARIANT",
    "Card",
    "CardKind",
    "Deck",
    "ExerciseSpec",
    "Judge",
    "KindSpec",
    "Prompt",
    "card_hash",
    "kind_spec",
    "prompt_key",
]

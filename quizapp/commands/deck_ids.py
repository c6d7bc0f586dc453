"""Deck and card ids that load but cannot be studied: a bundled deck's id, or too long to store.

`quizapp check` reports these as errors at the id's line, and `quizapp import` refuses such an
id before writing anything. The longest ids are the database's column sizes (the model's
constants, which the store's columns are declared with), so a longer id never reaches
PostgreSQL to fail there with a raw `DataError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quizapp.decks import load_deck, load_decks
from quizapp.decks.problems import Problem
from quizapp.model import MAX_CARD_KEY_LENGTH, MAX_DECK_ID_LENGTH, Deck


@dataclass(frozen=True, slots=True)
class IdLimits:
    """The longest deck id, and the longest card key (card id plus ``#variant``), stored."""

    deck: int
    card_key: int


def id_limits() -> IdLimits:
    """The column sizes of `decks.id` and `cards.key` (every database the store supports).

    The model's constants, which the store's columns are declared with: checking an id does not
    import SQLAlchemy (a third of a second of `quizapp import --deck-id`).
    """
    return IdLimits(deck=MAX_DECK_ID_LENGTH, card_key=MAX_CARD_KEY_LENGTH)


def deck_id_length_problem(deck_id: str, limits: IdLimits) -> str | None:
    if len(deck_id) <= limits.deck:
        return None
    return f"deck id is {len(deck_id)} characters long; the database keeps at most {limits.deck}"


def stored_id_problems(decks: list[Deck], limits: IdLimits | None = None) -> list[Problem]:
    """An error for each deck id or card key longer than its database column."""
    limits = limits or id_limits()
    problems: list[Problem] = []
    for deck in decks:
        message = deck_id_length_problem(deck.id, limits)
        if message is not None:
            line, col = _deck_position(deck)
            problems.append(
                Problem(deck.path, line, col, "error", message, "choose a shorter deck id")
            )
        for card in deck.cards:
            longest = max((p.key for p in deck.prompts() if p.card is card), key=len, default="")
            if len(longest) > limits.card_key:
                problems.append(
                    Problem(
                        deck.path,
                        card.line,
                        0,
                        "error",
                        f"card id is {len(card.id)} characters long (key {len(longest)}); the "
                        f"database keeps keys of at most {limits.card_key}",
                        "choose a shorter card id",
                    )
                )
    return problems


def bundled_deck_ids() -> dict[str, str]:
    """deck id -> file of each bundled deck."""
    from quizapp.paths import bundled_decks_dir

    return {deck.id: deck.path for deck in load_decks([bundled_decks_dir()]).decks}


def bundled_clash_problems(decks: list[Deck]) -> list[Problem]:
    """An error for each deck (not itself bundled) whose id a bundled deck already has."""
    from quizapp.paths import bundled_decks_dir

    bundled_dir = bundled_decks_dir().resolve()
    bundled = bundled_deck_ids()
    problems = []
    for deck in decks:
        if deck.id not in bundled or Path(deck.path).resolve().is_relative_to(bundled_dir):
            continue
        line, col = _deck_position(deck)
        problems.append(
            Problem(
                deck.path,
                line,
                col,
                "error",
                f"deck id '{deck.id}' is the id of a bundled deck ({Path(bundled[deck.id]).name})",
                "choose another deck id, or set include_bundled = false in config.toml; "
                "otherwise one of the two decks is skipped",
            )
        )
    return problems


def _deck_position(deck: Deck) -> tuple[int, int]:
    result = load_deck(Path(deck.path))
    return result.deck_line, result.deck_col

"""Deck files: YAML in (validated, with file:line errors) and YAML out (comments kept).

`load_deck` reads one file and `load_decks` files and folders; both report every problem of a
file as a `Problem` and never raise on bad input. `edit` writes ids and cards back into files.

The names are imported on first use (PEP 562), so that importing a sibling such as
`quizapp.decks.edit` for the command line's argument parser does not load PyYAML.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizapp.decks.loader import DeckSet, LoadResult, deck_files, load_deck, load_decks
    from quizapp.decks.problems import Problem

__all__ = ["DeckSet", "LoadResult", "Problem", "deck_files", "load_deck", "load_decks"]

_HOMES = {
    "DeckSet": "quizapp.decks.loader",
    "LoadResult": "quizapp.decks.loader",
    "deck_files": "quizapp.decks.loader",
    "load_deck": "quizapp.decks.loader",
    "load_decks": "quizapp.decks.loader",
    "Problem": "quizapp.decks.problems",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'quizapp.decks' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # later lookups skip this function
    return value

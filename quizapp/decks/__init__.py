"""Deck files: YAML in (validated, with file:line errors) and YAML out (comments kept).

`load_deck` reads one file and `load_decks` files and folders; both report every problem of a
file as a `Problem` and never raise on bad input. `edit` writes ids and cards back into files.
"""

from quizapp.decks.loader import DeckSet, LoadResult, deck_files, load_deck, load_decks
from quizapp.decks.problems import Problem

__all__ = ["DeckSet", "LoadResult", "Problem", "deck_files", "load_deck", "load_decks"]

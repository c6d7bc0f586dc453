"""Live reload: which decks a fresh reading of the deck files replaces, keeps or adds.

A deck file edited while the app runs is reloaded on the next card. A broken edit keeps the last
good version in use (its problems are shown); a file that is gone stops being shown (its
history stays in the store); a changed or new file is synced into the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.decks.problems import Problem
from quizapp.model import Deck


@dataclass(frozen=True)
class Reloaded:
    """The decks to study from now on, and those of them the store must sync."""

    decks: list[Deck]
    changed: list[Deck]


def reloaded(
    current: Sequence[Deck], fresh: Sequence[Deck], problems: Sequence[Problem]
) -> Reloaded:
    """The decks after reading the files again: `fresh` (read now, with `problems`) in place of
    `current` (in use), file by file."""
    by_path = {deck.path: deck for deck in fresh}
    broken = {problem.path for problem in problems if problem.severity == "error"}
    decks: list[Deck] = []
    changed: list[Deck] = []
    for old in current:
        new = by_path.pop(old.path, None)
        if new is None:
            if old.path in broken:
                decks.append(old)  # a broken edit: keep studying the last good version
            continue  # the file is gone: stop showing it (its history stays in the store)
        decks.append(new)
        if new.content_hash != old.content_hash or new.id != old.id:
            changed.append(new)
    for new in by_path.values():
        decks.append(new)
        changed.append(new)
    return Reloaded(decks, changed)

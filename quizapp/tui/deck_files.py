"""Whether the deck files of a collection changed since the last look, told by a stat per file.

The review screen looks before each card, so a deck edited in another window is read again at
once. A stat per file costs microseconds; reloading reads and hashes every file, which would take
a good part of the 50 ms budget between a grade key and the next card. `report_problems` says
what a reload found wrong.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from textual.screen import Screen

    from quizapp.session import Collection


class DeckFileStamps:
    """The (mtime, size) of each deck file, and of each file that failed to load, when last seen."""

    def __init__(self) -> None:
        #: None: not looked yet (the first look only takes the stamps).
        self._stamps: dict[str, tuple[int, int] | None] | None = None

    def changed(self, collection: Collection) -> bool:
        """Whether a file changed since the last look; the stamps seen now are kept for the next."""
        files = {deck.path for deck in collection.decks if deck.path}
        files.update(problem.path for problem in collection.problems)
        seen: dict[str, tuple[int, int] | None] = {}
        for path in files:
            try:
                stat = os.stat(path)
            except OSError:
                seen[path] = None
            else:
                seen[path] = (stat.st_mtime_ns, stat.st_size)
        changed = self._stamps is not None and seen != self._stamps
        self._stamps = seen
        return changed


def report_problems(screen: Screen[Any], problems: Sequence[object]) -> None:
    """Say on `screen` what is wrong with the deck files just reloaded (the first five), and
    that the last good version of each is kept."""
    if problems:
        lines = "\n".join(str(p) for p in problems[:5])
        more = f"\n… and {len(problems) - 5} more" if len(problems) > 5 else ""
        screen.notify(
            f"{lines}{more}\nThe last good version of the deck is kept.",
            title="A deck file has errors",
            severity="error",
            timeout=10,
        )

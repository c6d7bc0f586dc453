"""Command palette entries for the main actions: study a deck or all, stats, add a card, reload.

The app says what the entries are and what each does (`PaletteSource.palette_commands`): this
module only finds them by fuzzy search, and does not import the app.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, NamedTuple, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from quizapp.textsafe import printable

if TYPE_CHECKING:
    from quizapp.model import Deck


class PaletteCommand(NamedTuple):
    """One entry: its name, a line of help under it, and what choosing it does."""

    name: str
    description: str
    run: Callable[[], object]


def study_commands(
    study: Callable[[Sequence[str] | None], object],
    show_stats: Callable[[], object],
    add_card: Callable[[], object],
    reload_decks: Callable[[], object],
    decks: Sequence[Deck],
) -> list[PaletteCommand]:
    """The study app's entries, given what each does: one to study each of `decks` at the end."""
    commands = [
        PaletteCommand(
            "Study all due cards", "Every deck's due and new cards", partial(study, None)
        ),
        PaletteCommand("Statistics", "Reviews, retention, streaks and forecast", show_stats),
        PaletteCommand("Add a card", "Write a new card into a deck file", add_card),
        PaletteCommand("Reload decks", "Read edited deck files again", reload_decks),
    ]
    for deck in decks:
        commands.append(
            PaletteCommand(
                f"Study {printable(deck.title)}",
                f"Deck {printable(deck.id)}",
                partial(study, [deck.id]),
            )
        )
    return commands


@runtime_checkable
class PaletteSource(Protocol):
    """An app that lists its own palette entries (the study app does)."""

    def palette_commands(self) -> Sequence[PaletteCommand]: ...


class StudyCommands(Provider):
    """Study, statistics, add a card, reload, found by fuzzy search (help is a system command)."""

    def _commands(self) -> Sequence[PaletteCommand]:
        app = self.app
        return app.palette_commands() if isinstance(app, PaletteSource) else ()

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)

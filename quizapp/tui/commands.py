"""Command palette entries for the main actions: study a deck or all, stats, add a card, reload."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from quizapp.tui.app import QuizApp


class StudyCommands(Provider):
    """Study, statistics, add a card, reload, found by fuzzy search (help is a system command)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = cast("QuizApp", self.app)
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Study all due cards", "Every deck's due and new cards", partial(app.study, None)),
            ("Statistics", "Reviews, retention, streaks and forecast", app.action_show_stats),
            ("Add a card", "Write a new card into a deck file", app.action_add_card),
            ("Reload decks", "Read edited deck files again", app.action_reload_decks),
        ]
        if app.collection is not None:
            for deck in app.collection.decks:
                commands.append(
                    (f"Study {deck.title}", f"Deck {deck.id}", partial(app.study, [deck.id]))
                )
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)

"""Each deck's scheduler, as config.toml and the deck file choose it (`Config.scheduler_of`).

Decks that share a choice and its settings share one scheduler object. A deck the store knows
but no file holds now takes the learner's default.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from quizapp.config import Config
from quizapp.model import Deck

if TYPE_CHECKING:
    from quizapp.scheduling.base import Scheduler


class DeckSchedulers:
    """deck id -> its scheduler."""

    def __init__(self, config: Config, decks: Iterable[Deck]) -> None:
        self._config = config
        self._by_deck: dict[str, Scheduler] = {}
        self._made: dict[tuple[str, str], Scheduler] = {}
        self.default = self._make(None, None)
        for deck in decks:
            self._by_deck[deck.id] = self._make(deck.id, deck.scheduler)

    def _make(self, deck_id: str | None, from_file: str | None) -> Scheduler:
        from quizapp.scheduling.registry import scheduler_named

        choice = self._config.scheduler_of(deck_id, from_file)
        key = (choice.name, repr(sorted(choice.settings.items())))
        made = self._made.get(key)
        if made is None:
            # config.toml was checked when read: these settings are known to be good.
            made = self._made[key] = scheduler_named(
                choice.name,
                max_interval_days=self._config.max_interval_days,
                settings=choice.settings,
                where=choice.where,
            )
        return made

    def __call__(self, deck_id: str) -> Scheduler:
        """The scheduler of deck `deck_id`."""
        found = self._by_deck.get(deck_id)
        if found is None:
            found = self._by_deck[deck_id] = self._make(deck_id, None)
        return found

    def used(self, deck_ids: Iterable[str] | None = None) -> list[Scheduler]:
        """The distinct schedulers of these decks (None: of every loaded deck), default first."""
        chosen = self._by_deck.values() if deck_ids is None else map(self, deck_ids)
        found = {id(s): s for s in chosen}
        return sorted(found.values(), key=lambda s: s is not self.default)

    def reloaded(self, decks: Iterable[Deck]) -> DeckSchedulers:
        """The schedulers after the deck files were read again (a `scheduler:` key may change)."""
        return DeckSchedulers(self._config, decks)

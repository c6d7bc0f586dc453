"""Opening a collection in two steps, for the TUI's start-up: a glance, then the whole."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp import paths
from quizapp.clock import Clock, SystemClock
from quizapp.config import Config
from quizapp.model import Deck
from quizapp.session.collection import (
    Collection,
    calendar_for,
    load_deck_files,
)
from quizapp.session.home import home_view
from quizapp.session.schedulers import DeckSchedulers
from quizapp.session.views import HomeView

if TYPE_CHECKING:
    from quizapp.decks.problems import Problem


class CollectionOpener:
    """Opens a collection in two steps, for the TUI's start-up: a glance, then the whole.

    `glance()` loads the decks and, when the store allows it, reads the home screen's counts
    with the standard library's sqlite3 (`quizapp.store.quick_home`), before SQLAlchemy is even
    imported; `open()` then opens the `Collection` on the decks already loaded. The counts are
    the same either way (a test compares them): the glance is only taken when the store needs
    no migration and no deck has changed since its last sync.
    """

    def __init__(
        self,
        *,
        deck_paths: Sequence[Path],
        db_url: str | None = None,
        clock: Clock | None = None,
        config: Config | None = None,
        rng: random.Random | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.deck_paths = tuple(deck_paths)
        self.db_url = db_url
        self.clock = clock or SystemClock()
        self.config = config
        self.rng = rng
        self.cache_dir = cache_dir
        self._decks: tuple[list[Deck], list[Problem]] | None = None

    def _config(self) -> Config:
        if self.config is None:
            from quizapp import config as config_module

            self.config = config_module.load()
        return self.config

    def _loaded(self) -> tuple[list[Deck], list[Problem]]:
        """The decks, loaded once (unchanged files come from the cache) for both steps."""
        if self._decks is None:
            decks, problems, self.cache_dir = load_deck_files(self.deck_paths, self.cache_dir)
            self._decks = (decks, problems)
        return self._decks

    def glance(self) -> HomeView | None:
        """The home screen as `Collection.home()` would show it, or None when only the full
        open can tell (another database than a SQLite file, a migration or a sync to run)."""
        from quizapp.store.fast.quick_home import read_home_quickly

        config = self._config()
        decks, problems = self._loaded()
        calendar = calendar_for(config, self.clock)
        schedulers = DeckSchedulers(config, decks)
        reads = read_home_quickly(
            self.db_url or paths.default_db_url(),
            {deck.id: deck.content_hash for deck in decks},
            today=calendar.day_of(self.clock.now()),
            calendar=calendar,
            min_reviews=config.streak_min_reviews,
            max_interval_days=config.max_interval_days,
            deck_schedulers={deck.id: schedulers(deck.id).name for deck in decks},
            max_answer_seconds=config.max_answer_seconds,
        )
        if reads is None:
            return None
        return home_view(decks, problems, reads, config, schedulers)

    def open(self) -> Collection:
        """Open the database (migrating it if needed) and sync the decks.

        Decks that fail to load are left out and listed in `problems`; the store keeps their
        cards as they were. Raises `quizapp.store.StoreError` if the database cannot be used.
        """
        decks, problems = self._loaded()
        return Collection.from_decks(
            decks,
            problems,
            db_url=self.db_url,
            clock=self.clock,
            config=self._config(),
            rng=self.rng,
            deck_paths=self.deck_paths,
            cache_dir=self.cache_dir,
            daily_backup=True,
        )

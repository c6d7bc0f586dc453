"""The review store opened only to read it: no deck sync, no migration, no write.

`quizapp stats` (and any other reader) opens the store this way, so looking at one's progress
never changes the database, even one an older or newer quizapp wrote. Its statistics come from
the very function `Collection.stats` uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from quizapp.clock import Clock, SystemClock
from quizapp.config import Config
from quizapp.model import Deck
from quizapp.session.collection import calendar_for, scheduler_for
from quizapp.session.schedulers import DeckSchedulers

if TYPE_CHECKING:
    from quizapp.stats.report import StatsReport
    from quizapp.store.collection_store import CollectionStore


class CollectionReader:
    """A read-only view of the review store (`open()` says None when nothing is stored yet)."""

    def __init__(self, store: CollectionStore, *, config: Config, clock: Clock) -> None:
        self.store = store
        self.config = config
        self.clock = clock
        self.scheduler = scheduler_for(config)
        self.calendar = calendar_for(config, clock)

    @classmethod
    def open(
        cls, db_url: str, *, config: Config, clock: Clock | None = None
    ) -> CollectionReader | None:
        """The store at `db_url`, read-only; None for a SQLite file that does not exist yet
        (nothing was ever studied). `StoreError` if the store cannot be read as it is."""
        from quizapp.store.collection_store import CollectionStore

        if CollectionStore.nothing_stored(db_url):
            return None
        return cls(
            CollectionStore.open(db_url, read_only=True),
            config=config,
            clock=clock or SystemClock(),
        )

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> CollectionReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def today_study_day(self) -> date:
        """The study day it is now, by the learner's rollover hour."""
        return self.calendar.day_of(self.clock.now())

    def known_decks(self) -> list[str]:
        """The ids of every deck the store knows, sorted."""
        return self.store.known_decks()

    def needs_deck_files(self, tags: Sequence[str]) -> bool:
        """Whether `stats()` needs the deck files: for tags, or to mark exercise answers again."""
        return bool(tags) or self.store.has_exercise_answers()

    def stats(
        self,
        *,
        decks: Sequence[Deck] = (),
        deck_ids: Sequence[str] | None = None,
        tags: Sequence[str] = (),
        since: date | None = None,
        today: date | None = None,
    ) -> StatsReport:
        """As `Collection.stats`, with `today` given (a report as of an earlier day) or now."""
        from quizapp.stats.days import day_number

        return self.store.stats(
            config=self.config,
            today=day_number(today or self.today_study_day()),
            measure=self.scheduler.measure,
            decks=decks,
            deck_ids=deck_ids,
            tags=tags,
            since_day=None if since is None else day_number(since),
            tz=self.calendar.zone,
            schedulers=DeckSchedulers(self.config, decks),
            now=self.clock.now(),
        )

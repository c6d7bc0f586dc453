"""The learner's decks and review store, opened once per run: what the home screen, the stats
and the suspended list read, and where a study session starts.

`Collection.open()` loads the decks, opens (and migrates) the store and syncs the cards;
`start()` gives a `StudySession` over some decks. The time comes from an injected clock, and
seeds for exercise cards from an injected random source, so tests travel across days and
replay exercises exactly. The deck's scheduler comes from `quizapp.scheduling.registry`: nothing
here knows which algorithm it is.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp import paths
from quizapp.clock import Clock, SystemClock
from quizapp.config import Config
from quizapp.model import Deck, Prompt
from quizapp.scheduling.days import StudyCalendar
from quizapp.session.home import home_view
from quizapp.session.index import DeckIndex
from quizapp.session.schedulers import DeckSchedulers
from quizapp.session.views import DeckSummary, HomeView, SuspendedCard, Today

if TYPE_CHECKING:
    from quizapp.decks.problems import Problem
    from quizapp.scheduling.base import Scheduler
    from quizapp.scheduling.fsrs_fit_eval import CalibrationBin
    from quizapp.session.browse import SearchResult, SearchRow
    from quizapp.session.custom import CustomStudy
    from quizapp.session.study import StudySession
    from quizapp.stats.report import StatsReport
    from quizapp.store.collection_store import CardChange, CollectionStore, UndoneChange

#: Exercise seeds are drawn below this, so they fit a signed 32-bit column on any database.
_SEED_LIMIT = 2**31


def scheduler_for(config: Config) -> Scheduler:
    """The learner's default scheduler (config.toml's `scheduler`, with its settings)."""
    return DeckSchedulers(config, ()).default


def clock_zone(clock: Clock) -> tzinfo | None:
    """The zone study days are counted in: the system's (None: with its DST changes) for the
    real clock, or an injected clock's own zone (tests and benchmarks run in a fixed zone)."""
    return None if isinstance(clock, SystemClock) else clock.now().tzinfo


def calendar_for(config: Config, clock: Clock) -> StudyCalendar:
    """The learner's study days: the configured rollover hour, in the clock's zone."""
    return StudyCalendar(config.rollover_hour, clock_zone(clock))


def load_deck_files(
    deck_paths: Sequence[Path], cache_dir: Path | None
) -> tuple[list[Deck], list[Problem], Path]:
    """The decks of these files and folders (unchanged files come from the cache, by default
    the user's), the problems of those that failed, and the cache folder used."""
    from quizapp.decks import load_decks

    cache = paths.cache_dir() if cache_dir is None else cache_dir
    deck_set = load_decks(list(deck_paths), cache_dir=cache)
    return list(deck_set.decks), list(deck_set.problems), cache


class Collection:
    """The learner's decks and review store, opened once per run."""

    def __init__(
        self,
        *,
        decks: Sequence[Deck],
        problems: Sequence[Problem],
        store: CollectionStore,
        clock: Clock,
        config: Config,
        rng: random.Random,
        deck_paths: Sequence[Path] = (),
        cache_dir: Path | None = None,
    ) -> None:
        """Use `open()` or `from_decks()`; this only wires together what they prepared."""
        self.decks: list[Deck] = list(decks)
        self.problems: list[Problem] = list(problems)
        self.config = config
        self.clock = clock
        #: Each deck's scheduler (`schedulers(deck id)`).
        self.schedulers = DeckSchedulers(config, self.decks)
        #: The store, for the session's reads and writes (see `CollectionStore`).
        self.store = store
        self._rng = rng
        self._deck_paths = tuple(deck_paths)
        self._cache_dir = cache_dir
        self.index = DeckIndex(self.decks)
        self._calendar: StudyCalendar | None = None

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        *,
        deck_paths: Sequence[Path],
        db_url: str | None = None,
        clock: Clock | None = None,
        config: Config | None = None,
        rng: random.Random | None = None,
        cache_dir: Path | None = None,
    ) -> Collection:
        """Load the decks (unchanged files come from the cache), open the database, sync.

        Decks that fail to load are left out and listed in `problems`; the store keeps their
        cards as they were. Raises `quizapp.store.StoreError` if the database cannot be used.
        """
        if config is None:
            from quizapp import config as config_module

            config = config_module.load()
        decks, problems, cache = load_deck_files(deck_paths, cache_dir)
        return cls.from_decks(
            decks,
            problems,
            db_url=db_url,
            clock=clock,
            config=config,
            rng=rng,
            deck_paths=deck_paths,
            cache_dir=cache,
            daily_backup=True,
        )

    @classmethod
    def from_decks(
        cls,
        decks: Sequence[Deck],
        problems: Sequence[Problem] = (),
        *,
        db_url: str | None = None,
        clock: Clock | None = None,
        config: Config | None = None,
        rng: random.Random | None = None,
        deck_paths: Sequence[Path] = (),
        cache_dir: Path | None = None,
        daily_backup: bool = False,
    ) -> Collection:
        """Open the store for decks already loaded (tests and benchmarks build them in memory).

        `daily_backup`: back a SQLite file up first if it was not today (`open` does, for the
        study app; see `quizapp.store.backups`)."""
        from quizapp.store.collection_store import CollectionStore

        clock = clock or SystemClock()
        config = config or Config()
        # The learner's rollover rule, for a migration that needs it.
        store = CollectionStore.open(
            db_url or paths.default_db_url(),
            calendar=calendar_for(config, clock),
            daily_backup=daily_backup,
        )
        try:
            store.sync(
                decks,
                now=clock.now(),
                schedulers=DeckSchedulers(config, decks),
                calendar=calendar_for(config, clock),
            )
        except BaseException:
            store.close()
            raise
        return cls(
            decks=decks,
            problems=problems,
            store=store,
            clock=clock,
            config=config,
            rng=rng or random.Random(),
            deck_paths=deck_paths,
            cache_dir=cache_dir,
        )

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- the time ------------------------------------------------------------------------------

    @property
    def calendar(self) -> StudyCalendar:
        """The learner's study days: the configured rollover hour, in the clock's zone."""
        # Asked several times per answer: made again only when the clock's zone has changed.
        zone = clock_zone(self.clock)
        calendar = self._calendar
        if calendar is None or calendar.zone is not zone:
            calendar = self._calendar = StudyCalendar(self.config.rollover_hour, zone)
        return calendar

    def today_study_day(self) -> date:
        """The study day it is now (the day starts at the configured rollover hour)."""
        return self.calendar.day_of(self.clock.now())

    # -- what the home screen shows ------------------------------------------------------------

    def home(self) -> HomeView:
        """Everything the home screen shows, read in one transaction."""
        reads = self.store.home(
            self.today_study_day(),
            calendar=self.calendar,
            min_reviews=self.config.streak_min_reviews,
            max_interval_days=self.config.max_interval_days,
            max_answer_seconds=self.config.max_answer_seconds,
        )
        return home_view(self.decks, self.problems, reads, self.config, self.schedulers)

    def deck_summaries(self) -> list[DeckSummary]:
        """Per deck: new cards left today, due cards, cards to repeat today, cards in the file."""
        return self.home().summaries

    def today(self) -> Today:
        """Reviews and time spent today, and the streak of study days up to today.

        The streak follows the rules of `quizapp stats` (a day with nothing due does not break
        it; a day counts with `Config.streak_min_reviews` answers), computed by the same
        function from a read small enough for start-up (see `home_reads.today_activity`).
        """
        return self.home().today

    # -- statistics ----------------------------------------------------------------------------

    def stats(
        self,
        *,
        deck_ids: Sequence[str] | None = None,
        tags: Sequence[str] = (),
        since: date | None = None,
    ) -> StatsReport:
        """Every statistic `quizapp stats` shows, read from this collection's review store.

        `deck_ids` narrows to those decks (None: every deck the store knows, loaded or not),
        `tags` to the cards carrying any of them (deck tags count for every card of the deck),
        `since` counts only answers from that study day on. Safe to call from a worker thread
        while a session studies: it reads in its own short transaction. Raises `ValueError`
        for a deck id the store does not know and `StoreError` if the store cannot be read.
        """
        from quizapp.stats.days import day_number

        return self.store.stats(
            config=self.config,
            today=day_number(self.today_study_day()),
            measure=self.schedulers.default.measure,
            decks=self.decks,
            deck_ids=deck_ids,
            tags=tags,
            since_day=None if since is None else day_number(since),
            tz=self.calendar.zone,
            schedulers=self.schedulers,
            now=self.clock.now(),
        )

    def recall_calibration(
        self, deck_ids: Sequence[str] | None = None, bins: int = 10
    ) -> tuple[CalibrationBin, ...]:
        """How well the decks' recall predictions (FSRS's) held: the answers a day or more
        after their card's previous one, by predicted recall in `bins` bins, against the recall
        seen (empty when no deck's scheduler predicts recall). Safe from a worker thread."""
        import numpy as np

        from quizapp.scheduling.fsrs_fit_eval import calibration

        predicted, recalled = self.store.recall_predictions(deck_ids, self.schedulers)
        return calibration(np.array(predicted), np.array(recalled, dtype=bool), bins)

    def tags(self) -> list[str]:
        """Every tag of the loaded decks (deck tags and card tags), sorted: the stats' filters."""
        found = {tag for deck in self.decks for tag in deck.tags}
        found.update(tag for deck in self.decks for card in deck.cards for tag in card.tags)
        return sorted(found)

    # -- studying ------------------------------------------------------------------------------

    def start(
        self, deck_ids: Sequence[str] | None = None, *, custom: CustomStudy | None = None
    ) -> StudySession:
        """A session over these decks (None: every deck), its queue built from today's state,
        or with `custom` what it chooses (`quizapp.session.custom`)."""
        from quizapp.session.custom import custom_queue
        from quizapp.session.queue import build_session_queue
        from quizapp.session.study import StudySession

        if deck_ids is None:
            chosen = [deck.id for deck in self.decks]
        else:
            unknown = [deck_id for deck_id in deck_ids if deck_id not in self.index]
            if unknown:
                raise ValueError(f"no deck with id {', '.join(map(repr, unknown))} is loaded")
            chosen = list(dict.fromkeys(deck_ids))
        if custom is not None:
            if custom.query is not None:
                # The search's prompts, as it lists them (QueryError if it cannot be read).
                found = self.search(custom.query).card_ids
                custom = replace(custom, query=None, card_ids=found)
            queue, where = custom_queue(self, chosen, custom)
            return StudySession(self, chosen, queue, where, reschedule=custom.reschedule)
        queue, where = build_session_queue(self, chosen)
        # States are read as the session reaches them (see StudySession), not all now.
        return StudySession(self, chosen, queue, where)

    def prompt(self, deck_id: str, key: str) -> tuple[Deck, Prompt] | None:
        """The deck and prompt of a stored card, as the deck files are loaded now."""
        return self.index.prompt(deck_id, key)

    def draw_seed(self) -> int:
        """A seed for an exercise card's numbers."""
        return self._rng.randrange(_SEED_LIMIT)

    # -- suspended cards -----------------------------------------------------------------------

    def suspended_cards(self, deck_id: str | None = None) -> list[SuspendedCard]:
        """The suspended cards of one deck (None: of every deck), in deck and file order."""
        chosen = [deck.id for deck in self.decks] if deck_id is None else [deck_id]
        found = self.store.suspended_cards(chosen)
        order = {deck: rank for rank, deck in enumerate(chosen)}
        cards = []
        for deck, key in found:
            located = self.index.prompt(deck, key)
            position = self.index.position(deck, key)
            if located is not None and position is not None:
                cards.append((order[deck], position, SuspendedCard(deck, key, located[1])))
        return [card for *_, card in sorted(cards, key=lambda item: item[:2])]

    def unsuspend(self, deck_id: str, key: str) -> bool:
        """Let a suspended card be asked again, from the next session on (its progress kept).

        Returns False if no such card is suspended (already unsuspended, or no such card).
        """
        card_id = self.store.card_id_of(deck_id, key)
        if card_id is None:
            return False
        return self.store.set_suspended(card_id, False)

    # -- searching the cards, and changing what a search selects ------------------------------

    def search(self, query: str, limit: int | None = None) -> SearchResult:
        """The prompts `query` selects (the language of `quizapp.search`; the first `limit`),
        one row each (a sequence whose rows are read as they are asked for);
        `quizapp.search.QueryError` for a query that cannot be read."""
        from quizapp.session.browse import search

        return search(self, query, limit)

    def change_cards(
        self, selected: Sequence[SearchRow] | Sequence[int], action: str, *, days: int | None = None
    ) -> CardChange:
        """Suspend, unsuspend, bury, unbury, reset or set due (`days` from today) the rows (or
        store ids) selected: one undoable event (`quizapp.session.browse.change_cards`)."""
        from quizapp.session.browse import change_cards

        return change_cards(self, selected, action, days=days)

    def undo_card_change(self) -> UndoneChange | None:
        """Take back the newest `change_cards` (None: nothing to undo)."""
        from quizapp.session.browse import undo_card_change

        return undo_card_change(self)

    # -- deck files ----------------------------------------------------------------------------

    def reload_changed(self) -> list[Problem]:
        """Re-read the deck files; sync those that changed. A broken edit keeps the last good deck.

        Returns the problems of this reading (the files with errors are the ones not updated).
        """
        from quizapp.decks import load_decks
        from quizapp.session.reload import reloaded

        deck_set = load_decks(list(self._deck_paths), cache_dir=self._cache_dir)
        result = reloaded(self.decks, deck_set.decks, deck_set.problems)
        decks, changed = result.decks, result.changed
        schedulers = self.schedulers.reloaded(decks)
        if changed:
            self.store.sync(
                changed, now=self.clock.now(), schedulers=schedulers, calendar=self.calendar
            )
        self.decks = decks
        self.schedulers = schedulers
        self.problems = list(deck_set.problems)
        self.index = DeckIndex(decks)
        return list(deck_set.problems)

"""A UI-free study session: queue, reveal, answer, undo, counts (the TUI and the tests drive it).

`Collection` is the learner's decks and review store, opened once per run: it loads the decks,
opens (and migrates) the database, and syncs the cards. `Collection.start()` gives a
`StudySession`, which holds its queue in memory: due cards (most overdue first), then new cards
in deck order within the daily limits, then SM-2's step-7 repeats of the cards graded below 4.

Every answer is written (new state and review row) in one transaction, committed before
`answer()` returns, so a crash never loses an answer the learner has seen accepted. The time
comes from an injected clock and seeds for exercise cards from an injected random source, so
tests travel across days and replay exercises exactly.
"""

from __future__ import annotations

import os
import random
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizapp import paths
from quizapp.clock import Clock, SystemClock
from quizapp.config import Config
from quizapp.model import CardKind, Deck, Prompt
from quizapp.scheduling.days import study_day
from quizapp.scheduling.sm2 import SM2Scheduler, check_grade
from quizapp.store.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from quizapp.decks.problems import Problem
    from quizapp.scheduling.queue import StudyQueue
    from quizapp.stats.report import StatsReport
    from quizapp.store.database import Database
    from quizapp.store.home_reads import HomeReads
    from quizapp.store.queries import StateRecord

#: What each grade means to the learner (SM-2's 0-5 scale), for the answer buttons.
GRADE_LABELS: Mapping[int, str] = {
    0: "Blackout",
    1: "Wrong",
    2: "Almost",
    3: "Hard",
    4: "Good",
    5: "Easy",
}

#: Exercise seeds are drawn below this, so they fit a signed 32-bit column on any database.
_SEED_LIMIT = 2**31


@dataclass(frozen=True)
class DeckSummary:
    """A deck on the home screen: what today holds for it."""

    deck_id: str
    title: str
    path: str
    new: int
    due: int
    learning: int
    total: int


@dataclass(frozen=True)
class GradeChoice:
    """One answer button: the grade, its label, and when the card would come back."""

    grade: int
    label: str
    interval_days: int
    due: date


@dataclass(frozen=True)
class StudyItem:
    """The card being asked."""

    prompt: Prompt
    deck_title: str
    deck_path: str
    #: The deck's tags followed by the card's own.
    tags: tuple[str, ...]
    is_new: bool
    #: An SM-2 step-7 repeat in the same session (it does not change the card's state).
    is_repeat: bool
    #: Exercise cards: the seed to draw the numbers with (stored with the answer).
    seed: int | None


@dataclass(frozen=True)
class SuspendedCard:
    """A card set aside with suspend: it is not asked again until it is unsuspended."""

    deck_id: str
    key: str
    #: The card as its deck file has it now.
    prompt: Prompt


@dataclass(frozen=True)
class SessionProgress:
    done: int
    left: int


@dataclass(frozen=True)
class SessionSummary:
    #: Cards (prompts) answered at least once in the session.
    reviewed: int
    #: Every answer given, the same-day repeats of cards graded below 4 included.
    answers: int
    #: Answers graded 3 or more (SM-2 counts them as recalled), and below 3.
    right: int
    wrong: int
    seconds: float
    #: The first study day after today on which a card of the session's decks falls due.
    next_due: date | None
    #: Cards of the session's decks due tomorrow (overdue ones left today included).
    due_tomorrow: int


@dataclass(frozen=True)
class Today:
    reviews: int
    #: Study days in a row, up to today, with enough reviews (today counts once it has them).
    streak_days: int
    seconds: float


@dataclass(frozen=True)
class HomeView:
    """What the home screen shows: each deck's counts, today's line, the decks' problems."""

    summaries: list[DeckSummary]
    today: Today
    problems: list[Problem]


def home_view(
    decks: Sequence[Deck], problems: Sequence[Problem], reads: HomeReads, config: Config
) -> HomeView:
    """The home screen's counts from the store's reads: the daily limits applied as a session
    applies them (new cards per deck, reviews per day; step-7 repeats owed today)."""
    from quizapp.scheduling.queue import pending_repeats
    from quizapp.store.home_reads import DeckTotals as DeckCounts

    answers = reads.answers
    deck_of = {a.card_id: a.deck_id for a in answers}
    learning_per_deck: dict[str, int] = {}
    for card_id in pending_repeats((a.card_id, a.grade) for a in answers):
        deck_id = deck_of[card_id]
        learning_per_deck[deck_id] = learning_per_deck.get(deck_id, 0) + 1
    reviews_done = sum(not a.repeat for a in answers) - sum(reads.introduced.values())
    review_room = max(0, config.reviews_per_day - reviews_done)
    summaries = []
    for deck in decks:
        count = reads.counts.get(deck.id, DeckCounts())
        allowance = max(0, config.new_per_deck - reads.introduced.get(deck.id, 0))
        summaries.append(
            DeckSummary(
                deck_id=deck.id,
                title=deck.title,
                path=deck.path,
                new=min(count.new, allowance),
                due=min(count.due, review_room),
                learning=learning_per_deck.get(deck.id, 0),
                total=count.total,
            )
        )
    activity = reads.activity
    today = Today(
        reviews=activity.reviews, streak_days=activity.streak_days, seconds=activity.seconds
    )
    return HomeView(summaries=summaries, today=today, problems=list(problems))


@dataclass(frozen=True)
class _Answered:
    """What undo needs to take an answer back exactly."""

    queue: StudyQueue[int]
    shown: tuple[StudyQueue[int], StudyItem]
    review_id: str
    before: StateRecord
    grade: int
    response_ms: int


@dataclass
class _DeckIndex:
    deck: Deck
    prompts: dict[str, Prompt] = field(default_factory=dict)
    #: key -> place in the deck's file order.
    positions: dict[str, int] = field(default_factory=dict)
    #: key -> place in the order new prompts are introduced: the first prompt of every card in
    #: file order, then the second ones (a reverse card's other direction, a cloze card's next
    #: deletion), and so on; so a card's siblings are introduced on different days, not in a row.
    new_order: dict[str, int] = field(default_factory=dict)


class Collection:
    """The learner's decks and review store, opened once per run."""

    def __init__(
        self,
        *,
        decks: Sequence[Deck],
        problems: Sequence[Problem],
        database: Database,
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
        self.scheduler = SM2Scheduler(max_interval_days=config.max_interval_days)
        self._database = database
        self._rng = rng
        self._deck_paths = tuple(deck_paths)
        self._cache_dir = cache_dir
        self._lock = threading.RLock()
        self._index: dict[str, _DeckIndex] = {}
        self._reindex()
        # The answer path reuses one connection for the whole run: checking one out of the pool
        # and building an ORM Session per answer would cost more than the commit itself.
        from quizapp.store.study import open_study_connection

        self._study = open_study_connection(database)

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
        return CollectionOpener(
            deck_paths=deck_paths,
            db_url=db_url,
            clock=clock,
            config=config,
            rng=rng,
            cache_dir=cache_dir,
        ).open()

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
    ) -> Collection:
        """Open the store for decks already loaded (tests and benchmarks build them in memory)."""
        from quizapp.store.database import open_database
        from quizapp.store.deck_sync import sync_decks

        clock = clock or SystemClock()
        config = config or Config()
        database = open_database(db_url or paths.default_db_url())
        try:
            scheduler = SM2Scheduler(max_interval_days=config.max_interval_days)
            with database.writing() as db:
                sync_decks(
                    db,
                    decks,
                    now=clock.now(),
                    scheduler=scheduler.name,
                    initial_state=scheduler.initial_state().to_dict(),
                )
        except BaseException:
            database.close()
            raise
        return cls(
            decks=decks,
            problems=problems,
            database=database,
            clock=clock,
            config=config,
            rng=rng or random.Random(),
            deck_paths=deck_paths,
            cache_dir=cache_dir,
        )

    def close(self) -> None:
        with self._lock:
            self._study.close()
            self._database.close()

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- what the home screen shows ------------------------------------------------------------

    def today_study_day(self) -> date:
        """The study day it is now (the day starts at the configured rollover hour)."""
        return study_day(self.clock.now(), self.config.rollover_hour)

    def home(self) -> HomeView:
        """Everything the home screen shows, read in one transaction."""
        from quizapp.store.home_reads import read_home
        from quizapp.store.home_statements import CoreReader

        with self._reading() as db:
            reads = read_home(
                CoreReader(db),
                today=self.today_study_day(),
                min_reviews=self.config.streak_min_reviews,
                max_interval_days=self.config.max_interval_days,
            )
        return home_view(self.decks, self.problems, reads, self.config)

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
        from quizapp.store.stats_queries import build_report, known_decks

        with self._reading() as db:
            if deck_ids is not None:
                unknown = sorted(set(deck_ids) - set(known_decks(db)))
                if unknown:
                    raise ValueError(f"no deck with id {', '.join(map(repr, unknown))}")
            return build_report(
                db,
                config=self.config,
                today=day_number(self.today_study_day()),
                decks=self.decks,
                deck_ids=None if deck_ids is None else list(deck_ids),
                tags=tags,
                since_day=None if since is None else day_number(since),
                tz=self._zone(),
            )

    def tags(self) -> list[str]:
        """Every tag of the loaded decks (deck tags and card tags), sorted: the stats' filters."""
        found = {tag for deck in self.decks for tag in deck.tags}
        found.update(tag for deck in self.decks for card in deck.cards for tag in card.tags)
        return sorted(found)

    def _zone(self) -> tzinfo | None:
        """The zone study days are counted in: the system's (with its DST changes), or the
        injected clock's own zone (tests and benchmarks run in a fixed zone)."""
        if isinstance(self.clock, SystemClock):
            return None
        return self.clock.now().tzinfo

    # -- studying ------------------------------------------------------------------------------

    def start(self, deck_ids: Sequence[str] | None = None) -> StudySession:
        """A session over these decks (None: every deck), its queue built from today's state."""
        from quizapp.scheduling.queue import DoneToday, Limits, build_queue, pending_repeats
        from quizapp.store import queries

        if deck_ids is None:
            chosen = [deck.id for deck in self.decks]
        else:
            unknown = [deck_id for deck_id in deck_ids if deck_id not in self._index]
            if unknown:
                raise ValueError(f"no deck with id {', '.join(map(repr, unknown))} is loaded")
            chosen = list(dict.fromkeys(deck_ids))
        today = self.today_study_day()
        with self._reading() as db:
            answers = queries.answers_on(db, today)
            introduced = queries.introduced_on(db, today)
            owed = pending_repeats((a.card_id, a.grade) for a in answers)
            owed_rows = queries.queue_rows_of(db, owed)
        # Reviews already given today (not first answers of new cards, not repeats).
        reviews_done = sum(not a.repeat for a in answers) - sum(introduced.values())
        with self._lock:
            candidates = self._study.queue_rows(today)
        where: dict[int, tuple[str, str]] = {}
        rows = []
        # One pass over plain tuples (tens of thousands of cards in a big collection): keep the
        # chosen decks' cards that are in their files as loaded now, in their order for new ones.
        positions = {deck_id: self._index[deck_id].new_order for deck_id in chosen}
        for card_id, deck_id, key, due, buried_until in (*candidates, *owed_rows):
            in_deck = positions.get(deck_id)
            position = None if in_deck is None else in_deck.get(key)
            if position is None:
                continue  # another deck, or not in the deck as loaded now
            where[card_id] = (deck_id, key)
            rows.append((card_id, deck_id, position, due, False, buried_until))
        queue = build_queue(
            rows,
            today,
            Limits(self.config.new_per_deck, self.config.reviews_per_day),
            DoneToday(new_by_deck=introduced, reviews=max(0, reviews_done)),
            repeats=owed,
            deck_ids=chosen,
            deck_order=chosen,
            sibling_group=lambda card_id: self._card_of(*where[card_id]),
        )
        # States are read as the session reaches them (see StudySession._state), not all now.
        return StudySession(self, chosen, queue, where)

    # -- suspended cards -----------------------------------------------------------------------

    def suspended_cards(self, deck_id: str | None = None) -> list[SuspendedCard]:
        """The suspended cards of one deck (None: of every deck), in deck and file order."""
        from quizapp.store import queries

        chosen = [deck.id for deck in self.decks] if deck_id is None else [deck_id]
        with self._reading() as db:
            found = queries.suspended_cards(db, chosen)
        order = {deck: rank for rank, deck in enumerate(chosen)}
        cards = []
        for deck, key in found:
            entry = self._index.get(deck)
            prompt = None if entry is None else entry.prompts.get(key)
            if entry is not None and prompt is not None:
                cards.append((order[deck], entry.positions[key], SuspendedCard(deck, key, prompt)))
        return [card for *_, card in sorted(cards, key=lambda item: item[:2])]

    def unsuspend(self, deck_id: str, key: str) -> bool:
        """Let a suspended card be asked again, from the next session on (its progress kept).

        Returns False if no such card is suspended (already unsuspended, or no such card).
        """
        from quizapp.store import queries

        with self._reading() as db:
            card_id = queries.card_id_of(db, deck_id, key)
        if card_id is None:
            return False
        with self._lock:
            return self._study.set_suspended(card_id, False)

    # -- deck files ----------------------------------------------------------------------------

    def reload_changed(self) -> list[Problem]:
        """Re-read the deck files; sync those that changed. A broken edit keeps the last good deck.

        Returns the problems of this reading (the files with errors are the ones not updated).
        """
        from quizapp.decks import load_decks
        from quizapp.store.deck_sync import sync_decks

        deck_set = load_decks(list(self._deck_paths), cache_dir=self._cache_dir)
        fresh = {deck.path: deck for deck in deck_set.decks}
        broken = {problem.path for problem in deck_set.problems if problem.severity == "error"}
        decks: list[Deck] = []
        changed: list[Deck] = []
        for old in self.decks:
            new = fresh.pop(old.path, None)
            if new is None:
                if old.path in broken:
                    decks.append(old)  # a broken edit: keep studying the last good version
                continue  # the file is gone: stop showing it (its history stays in the store)
            decks.append(new)
            if new.content_hash != old.content_hash or new.id != old.id:
                changed.append(new)
        for new in fresh.values():
            decks.append(new)
            changed.append(new)
        with self._lock:
            if changed:
                with self._database.writing() as db:
                    sync_decks(
                        db,
                        changed,
                        now=self.clock.now(),
                        scheduler=self.scheduler.name,
                        initial_state=self.scheduler.initial_state().to_dict(),
                    )
            self.decks = decks
            self.problems = list(deck_set.problems)
            self._reindex()
        return list(deck_set.problems)

    # -- internals -----------------------------------------------------------------------------

    def _reindex(self) -> None:
        index: dict[str, _DeckIndex] = {}
        for deck in self.decks:
            entry = _DeckIndex(deck)
            ordinals: dict[str, int] = {}
            ranked = []
            for position, prompt in enumerate(deck.prompts()):
                entry.prompts[prompt.key] = prompt
                entry.positions[prompt.key] = position
                ordinal = ordinals[prompt.card.id] = ordinals.get(prompt.card.id, -1) + 1
                ranked.append((ordinal, position, prompt.key))
            entry.new_order = {key: rank for rank, (_o, _p, key) in enumerate(sorted(ranked))}
            index[deck.id] = entry
        self._index = index

    def _card_of(self, deck_id: str, key: str) -> tuple[str, str]:
        """The card a prompt asks, as (deck id, card id): its siblings share it."""
        return deck_id, self._index[deck_id].prompts[key].card.id

    def _prompt(self, deck_id: str, key: str) -> tuple[Deck, Prompt] | None:
        entry = self._index.get(deck_id)
        if entry is None:
            return None
        prompt = entry.prompts.get(key)
        return None if prompt is None else (entry.deck, prompt)

    def _draw_seed(self) -> int:
        return self._rng.randrange(_SEED_LIMIT)

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        try:
            with self._database.reading() as db:
                yield db
        except _db_errors() as exc:
            raise StoreError(
                f"{self._database.url}: cannot read the review database: {exc}"
            ) from exc

    def _read_state(self, card_id: int) -> StateRecord:
        with self._lock:
            state = self._study.state(card_id)
        if state is None:
            raise StoreError(
                f"{self._database.url}: card {card_id} has no scheduling state; "
                "the database may have been changed by hand"
            )
        return state


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
            from quizapp.decks import load_decks

            if self.cache_dir is None:
                self.cache_dir = paths.cache_dir()
            deck_set = load_decks(list(self.deck_paths), cache_dir=self.cache_dir)
            self._decks = (list(deck_set.decks), list(deck_set.problems))
        return self._decks

    def glance(self) -> HomeView | None:
        """The home screen as `Collection.home()` would show it, or None when only the full
        open can tell (another database than a SQLite file, a migration or a sync to run)."""
        from quizapp.store.fast.quick_home import read_home_quickly

        config = self._config()
        decks, problems = self._loaded()
        reads = read_home_quickly(
            self.db_url or paths.default_db_url(),
            {deck.id: deck.content_hash for deck in decks},
            today=study_day(self.clock.now(), config.rollover_hour),
            min_reviews=config.streak_min_reviews,
            max_interval_days=config.max_interval_days,
        )
        return None if reads is None else home_view(decks, problems, reads, config)

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
        )


def _db_errors() -> type[Exception]:
    from sqlalchemy.exc import SQLAlchemyError

    return SQLAlchemyError


class StudySession:
    """One sitting: the queue in memory, each answer committed as it is given."""

    def __init__(
        self,
        collection: Collection,
        deck_ids: Sequence[str],
        queue: StudyQueue[int],
        where: dict[int, tuple[str, str]],
    ) -> None:
        self._collection = collection
        self._deck_ids = list(deck_ids)
        self._queue = queue
        #: The newest state of the queued cards read so far (card id -> state row).
        self._states: dict[int, StateRecord] = {}
        #: card id -> (deck id, key)
        self._where = where
        self._done: list[_Answered] = []
        #: Cards suspended or buried in this session: an undo must not bring them back.
        self._set_aside_ids: set[int] = set()
        #: The current item, made once per queue position (it holds the exercise's seed).
        self._shown: tuple[StudyQueue[int], StudyItem] | None = None

    def current(self) -> StudyItem | None:
        """The card to ask now; None when the session is finished."""
        while True:
            entry = self._queue.current()
            if entry is None:
                return None
            collection = self._collection
            deck_id, key = self._where[entry.key]
            found = collection._prompt(deck_id, key)
            if found is None:
                # Gone from its deck file since the queue was built (see reload_changed).
                self._queue = self._queue.without([entry.key])
                continue
            deck, prompt = found
            shown = self._shown
            if shown is not None and shown[0] is self._queue:
                if shown[1].prompt is prompt and shown[1].deck_title == deck.title:
                    return shown[1]
                seed = shown[1].seed  # the deck file was edited: same card, same numbers
            else:
                seed = None
            if seed is None and prompt.card.kind is CardKind.EXERCISE:
                seed = collection._draw_seed()
            item = StudyItem(
                prompt=prompt,
                deck_title=deck.title,
                deck_path=deck.path,
                tags=tuple(dict.fromkeys((*deck.tags, *prompt.card.tags))),
                is_new=entry.kind == "new",
                is_repeat=entry.kind == "repeat",
                seed=seed,
            )
            self._shown = (self._queue, item)
            return item

    def preview(self) -> list[GradeChoice]:
        """Grades 0-5 for the current card, with the interval and due day each would give."""
        item, card_id = self._require_current()
        collection = self._collection
        today = collection.today_study_day()
        state = self._state(card_id)
        if item.is_repeat:
            # A step-7 repeat leaves the state alone: every grade keeps the due day it has.
            due = state.due or today
            return [
                GradeChoice(grade, GRADE_LABELS[grade], max(0, (due - today).days), due)
                for grade in GRADE_LABELS
            ]
        scheduler = collection.scheduler
        return [
            GradeChoice(o.grade, GRADE_LABELS[o.grade], o.interval, o.due)
            for o in scheduler.preview(scheduler.state_from_dict(state.state), today)
        ]

    def answer(
        self,
        grade: int,
        response_ms: int,
        *,
        given: Mapping[str, str] | str | None = None,
    ) -> str:
        """Record the answer to the current card (durably) and move on; returns the review id."""
        check_grade(grade)
        if isinstance(response_ms, bool) or not isinstance(response_ms, int) or response_ms < 0:
            raise ValueError(f"response_ms must be a whole number >= 0, not {response_ms!r}")
        item, card_id = self._require_current()
        collection = self._collection
        from quizapp.store import queries

        now = collection.clock.now()
        today = study_day(now, collection.config.rollover_hour)
        before = self._state(card_id)
        if item.is_repeat:
            after = before
        else:
            scheduler = collection.scheduler
            outcome = scheduler.answer(scheduler.state_from_dict(before.state), grade, today)
            new_state = outcome.state.to_dict()
            after = queries.StateRecord(
                card_id=card_id,
                scheduler=scheduler.name,
                state=new_state,
                due=outcome.due,
                interval=outcome.state.interval,
                easiness=float(new_state.get("easiness", before.easiness)),
                repetitions=int(new_state.get("repetitions", before.repetitions)),
                lapses=before.lapses + (1 if outcome.lapse else 0),
                suspended=before.suspended,
                buried_until=before.buried_until,
                introduced=before.introduced or today,
            )
        review_id = review_uuid(now, os.urandom(10))
        review = queries.ReviewRecord(
            id=review_id,
            card_id=card_id,
            reviewed_at=now,
            study_day=today,
            grade=grade,
            response_ms=response_ms,
            scheduler=after.scheduler,
            state_before=before.state,
            state_after=after.state,
            seed=item.seed,
            given=_given_json(given),
            repeat=item.is_repeat,
        )
        following = self._queue.answered(grade)
        with collection._lock:
            # A step-7 repeat leaves the card's state as it was: only its review row is written.
            ahead = collection._study.record(
                review, None if item.is_repeat else after, self._to_read_ahead(following)
            )
        # Only now, with the answer committed, does the session move on.
        assert self._shown is not None
        self._done.append(
            _Answered(self._queue, self._shown, review_id, before, grade, response_ms)
        )
        self._states.update(ahead)
        self._states[card_id] = after
        self._queue = following
        return review_id

    def undo(self) -> bool:
        """Take back the last answer: its state and review row go; that card is current again."""
        if not self._done:
            return False
        last = self._done[-1]
        card_id = last.before.card_id
        collection = self._collection
        with collection._lock:
            collection._study.take_back(
                last.review_id, None if last.shown[1].is_repeat else last.before
            )
        self._done.pop()
        self._states[card_id] = last.before
        # The queue as it stood before that answer, less the cards set aside since: a suspended
        # or buried card stays out (the undone card itself is current again, whatever happened).
        queue = last.queue.without(self._set_aside_ids - {card_id})
        self._queue = queue
        self._shown = (queue, last.shown[1])  # the same card, with the same numbers if an exercise
        return True

    def suspend(self) -> None:
        """Never show the current card again (until unsuspended); move on."""
        self._set_aside(suspend=True)

    def bury(self) -> None:
        """Hide the current card until tomorrow's study day; move on."""
        self._set_aside(suspend=False)

    def unsuspend(self, deck_id: str, key: str) -> bool:
        """`Collection.unsuspend`, also from a session: the card comes in the next session."""
        unsuspended = self._collection.unsuspend(deck_id, key)
        if unsuspended:
            # A state this session read before is stale now; read it again if it is needed.
            self._states = {
                card_id: state
                for card_id, state in self._states.items()
                if self._where.get(card_id) != (deck_id, key)
            }
        return unsuspended

    def progress(self) -> SessionProgress:
        self.current()  # drop cards whose deck file no longer has them
        return SessionProgress(done=len(self._done), left=self._queue.left)

    def summary(self) -> SessionSummary:
        from quizapp.store import queries

        collection = self._collection
        today = collection.today_study_day()
        with collection._reading() as db:
            next_due = queries.next_due(db, self._deck_ids, today)
            due_tomorrow = queries.due_by(db, self._deck_ids, today + timedelta(days=1))
        right = sum(1 for answered in self._done if answered.grade >= 3)
        return SessionSummary(
            reviewed=len({answered.before.card_id for answered in self._done}),
            answers=len(self._done),
            right=right,
            wrong=len(self._done) - right,
            seconds=sum(answered.response_ms for answered in self._done) / 1000,
            next_due=next_due,
            due_tomorrow=due_tomorrow,
        )

    # -- internals -----------------------------------------------------------------------------

    def _state(self, card_id: int) -> StateRecord:
        """The card's state, read when the session first reaches the card.

        One primary-key lookup on the study connection (some tens of microseconds): reading
        each card as it comes keeps a session's start fast whatever the queue's length, with no
        batch read to make one answer in many slower than the rest.
        """
        state = self._states.get(card_id)
        if state is None:
            state = self._states[card_id] = self._collection._read_state(card_id)
        return state

    def _to_read_ahead(self, queue: StudyQueue[int]) -> list[int]:
        """The next cards of `queue` whose states are not read yet, if the very next is not."""
        from quizapp.store.study import READ_AHEAD

        entry = queue.current()
        if entry is None or entry.key in self._states:
            return []
        start = queue.position
        upcoming = queue.keys[start : start + READ_AHEAD]
        return [key for key in dict.fromkeys((entry.key, *upcoming)) if key not in self._states][
            :READ_AHEAD
        ]

    def _require_current(self) -> tuple[StudyItem, int]:
        item = self.current()
        entry = self._queue.current()
        if item is None or entry is None:
            raise RuntimeError("the session is finished: there is no current card")
        return item, entry.key

    def _set_aside(self, *, suspend: bool) -> None:
        from dataclasses import replace

        _item, card_id = self._require_current()
        collection = self._collection
        state = self._state(card_id)
        with collection._lock:
            if suspend:
                collection._study.set_suspended(card_id, True)
                after = replace(state, suspended=True)
            else:
                tomorrow = collection.today_study_day() + timedelta(days=1)
                collection._study.bury(card_id, tomorrow)
                after = replace(state, buried_until=tomorrow)
        self._states[card_id] = after
        self._set_aside_ids.add(card_id)
        # The card leaves the queue, any repeat it still owes today included.
        self._queue = self._queue.skipped()


def review_uuid(moment: datetime, random_bytes: bytes) -> str:
    """A UUID version 7 (RFC 9562) for a review given at `moment`: its millisecond, then 74
    random bits taken from `random_bytes` (at least 10 bytes).

    Still a UUID, unique across devices as the issue asks, but ordered by time: new reviews
    land at the end of the review table's primary-key index instead of anywhere in it, so an
    answer's commit writes one index page that is already in memory, not a random one.
    """
    if len(random_bytes) < 10:
        raise ValueError("review_uuid needs 10 random bytes")
    millis = int(moment.timestamp() * 1000) & ((1 << 48) - 1)
    bits = int.from_bytes(random_bytes[:10], "big") >> 6  # 74 random bits
    rand_a = bits >> 62  # 12 bits
    rand_b = bits & ((1 << 62) - 1)
    value = (millis << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b
    return str(uuid.UUID(int=value))


def _given_json(given: Mapping[str, str] | str | None) -> Any:
    if given is None or isinstance(given, str):
        return given
    return {str(name): str(value) for name, value in given.items()}

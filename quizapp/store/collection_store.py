"""The store as the session sees it: one object, a few public methods, every error a StoreError.

The session never holds an ORM session, a connection or a SQLAlchemy exception: it asks this
object for what a learner's action needs (the day's queue rows, a card's state, an answer
written) and gets plain values back. Reads run in their own short transaction; the answer path
goes through the study connection (`quizapp.store.study`), one committed transaction each, under
a lock so a worker thread (the stats) and the session never interleave on it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from quizapp.store import queries
from quizapp.store.card_actions import CardActions
from quizapp.store.card_events import CardChange, UndoneChange
from quizapp.store.card_listing import ListedCard
from quizapp.store.card_texts import LEECH_TAG
from quizapp.store.database import Database, open_database, sqlite_file
from quizapp.store.errors import StoreError
from quizapp.store.home_reads import HomeReads, TodayAnswer, read_home
from quizapp.store.home_statements import CoreReader
from quizapp.store.records import (
    READ_AHEAD,
    QueueRow,
    ReviewRecord,
    StateConflict,
    StateRecord,
    scheduled,
)
from quizapp.store.search_sql import SearchContext
from quizapp.store.study import StudyConnection, open_study_connection

if TYPE_CHECKING:
    from quizapp.config import Config
    from quizapp.model import Deck
    from quizapp.scheduling.base import CardMeasure, Scheduler
    from quizapp.scheduling.days import StudyCalendar
    from quizapp.stats.report import StatsReport
    from quizapp.store.fit_log import FitLog

__all__ = [
    "LEECH_TAG",
    "READ_AHEAD",
    "CardChange",
    "CollectionStore",
    "ListedCard",
    "QueueRow",
    "ReviewRecord",
    "SearchContext",
    "StateConflict",
    "StateRecord",
    "UndoneChange",
    "scheduled",
]


class CollectionStore(CardActions):
    """An open review store: the decks' sync, the session's reads and the answer path, and the
    card browser's search and changes (`CardActions`)."""

    def __init__(self, database: Database) -> None:
        """Use `open()`: this takes a database already opened (and migrated, unless read-only)."""
        super().__init__(database)
        # The answer path reuses one connection for the whole run: checking one out of the pool
        # and building an ORM Session per answer would cost more than the commit itself.
        self._study_connection: StudyConnection | None = (
            None if database.read_only else open_study_connection(database)
        )

    @classmethod
    def open(
        cls,
        url: str,
        *,
        calendar: StudyCalendar | None = None,
        read_only: bool = False,
        daily_backup: bool = False,
    ) -> CollectionStore:
        """Open the store at `url`: created and migrated if need be, or with `read_only` as it
        is, never written (`quizapp stats`); `StoreError` if it cannot be used.

        `calendar` is the learner's rollover rule, which a migration may need, and
        `daily_backup` asks for the day's backup of a SQLite file (see `open_database`).
        """
        if read_only:
            from quizapp.store.read_only import open_read_only

            database = open_read_only(url)
        else:
            database = open_database(url, calendar=calendar, daily_backup=daily_backup)
        try:
            return cls(database)
        except BaseException:
            database.close()
            raise

    @staticmethod
    def nothing_stored(url: str) -> bool:
        """Whether `url` names a SQLite file that does not exist yet (nothing was studied)."""
        file = sqlite_file(url)
        return file is not None and not file.exists()

    @property
    def _study(self) -> StudyConnection:
        if self._study_connection is None:
            raise StoreError(f"{self.url}: opened read-only; nothing can be written to it")
        return self._study_connection

    @property
    def url(self) -> str:
        """The database as messages name it (no password)."""
        return self._database.url

    def close(self) -> None:
        with self._lock:
            if self._study_connection is not None:
                self._study_connection.close()
            self._database.close()

    # -- deck files --------------------------------------------------------------------------

    def sync(
        self,
        decks: Sequence[Deck],
        *,
        now: datetime,
        schedulers: Callable[[str], Scheduler],
        calendar: StudyCalendar,
    ) -> None:
        """Bring the store's cards in line with these deck files, in one transaction; a deck
        whose scheduler (`schedulers(deck id)`) changed has its cards switched over."""
        from quizapp.store.deck_sync import sync_decks

        with (
            self._lock,
            self._errors("the deck files were not recorded"),
            self._database.writing() as db,
        ):
            sync_decks(db, decks, now=now, schedulers=schedulers, calendar=calendar)

    # -- reads -------------------------------------------------------------------------------

    def home(
        self,
        today: date,
        *,
        calendar: StudyCalendar,
        min_reviews: int,
        max_interval_days: int,
        max_answer_seconds: int = 60,
    ) -> HomeReads:
        """Everything the home screen's counts are made of, read in one transaction."""
        with self._reading() as db:
            return read_home(
                CoreReader(db),
                today=today,
                calendar=calendar,
                min_reviews=min_reviews,
                max_interval_days=max_interval_days,
                max_answer_seconds=max_answer_seconds,
            )

    def day_so_far(
        self, today: date, owed_of: Callable[[list[TodayAnswer]], list[int]]
    ) -> tuple[list[TodayAnswer], dict[str, int], list[int], list[QueueRow]]:
        """Today's answers, the new cards introduced today per deck, the cards `owed_of` those
        answers says still owe a repeat, and their queue rows, read in one transaction."""
        with self._reading() as db:
            answers = queries.answers_on(db, today)
            introduced = queries.introduced_on(db, today)
            owed = owed_of(answers)
            return answers, introduced, owed, queries.queue_rows_of(db, owed)

    def queue_rows(self, day_end: datetime) -> list[QueueRow]:
        """Every card a queue may take on the study day that ends at `day_end`: new, or due
        before it."""
        with self._lock, self._errors():
            return self._study.queue_rows(day_end)

    def queue_rows_of(self, card_ids: Collection[int]) -> list[QueueRow]:
        with self._reading() as db:
            return queries.queue_rows_of(db, card_ids)

    def state(self, card_id: int) -> StateRecord:
        """A card's state row as committed now."""
        with self._lock, self._errors():
            state = self._study.state(card_id)
        if state is None:
            raise StoreError(
                f"{self.url}: card {card_id} has no scheduling state; "
                "the database may have been changed by hand"
            )
        return state

    def card_id_of(self, deck_id: str, key: str) -> int | None:
        with self._reading() as db:
            return queries.card_id_of(db, deck_id, key)

    def review_count(self, card_id: int) -> int:
        """How many times the card was answered (its rows in the review log): a choice card's
        options are shuffled by it, so each showing has its own order."""
        with self._reading() as db:
            return queries.review_count(db, card_id)

    def suspended_cards(self, deck_ids: Collection[str]) -> list[tuple[str, str]]:
        with self._reading() as db:
            return queries.suspended_cards(db, deck_ids)

    def next_due(self, deck_ids: Collection[str], after: datetime) -> datetime | None:
        """The first instant from `after` on at which a card of these decks falls due."""
        with self._reading() as db:
            return queries.next_due(db, deck_ids, after)

    def due_between(self, start: datetime, end: datetime) -> list[datetime]:
        """The due instants in [start, end) of every card that may be asked."""
        with self._reading() as db:
            return queries.due_between(db, start, end)

    def due_count(self, start: datetime, end: datetime) -> int:
        """The cards that may be asked (any deck) due in [start, end): one study day's load."""
        with self._lock:
            return self._study.due_count(start, end)

    def due_by(self, deck_ids: Collection[str], day: date, calendar: StudyCalendar) -> int:
        """Cards of these decks due by the end of study day `day` (overdue ones included)."""
        with self._reading() as db:
            return queries.due_by(db, deck_ids, day, calendar)

    def known_decks(self) -> list[str]:
        """The ids of every deck the store knows, sorted."""
        from quizapp.store.stats_queries import known_decks

        with self._reading() as db:
            return known_decks(db)

    def has_exercise_answers(self) -> bool:
        """Whether an exercise answer kept its seed (its deck's spec is needed to mark it)."""
        from quizapp.store.stats_queries import has_exercise_answers

        with self._reading() as db:
            return has_exercise_answers(db)

    def fit_log(self, deck_ids: Collection[str] | None = None) -> FitLog:
        """Every answer of these decks (None: all) with its FSRS rating, for the FSRS fit
        (`quizapp.store.fit_log`)."""
        from quizapp.store.fit_log import read_fit_log

        with self._reading() as db:
            return read_fit_log(db, deck_ids)

    def recall_predictions(
        self, deck_ids: Collection[str] | None, schedulers: Callable[[str], Scheduler]
    ) -> tuple[list[float], list[bool]]:
        """Each answer's predicted recall and outcome (`quizapp.store.fit_log`)."""
        from quizapp.store.fit_log import read_recall_predictions

        with self._reading() as db:
            return read_recall_predictions(db, deck_ids, schedulers)

    def stats(
        self,
        *,
        config: Config,
        today: int,
        measure: CardMeasure,
        decks: Sequence[Deck],
        deck_ids: Sequence[str] | None,
        tags: Sequence[str],
        since_day: int | None,
        tz: tzinfo | None,
        schedulers: Callable[[str], Scheduler] | None = None,
        now: datetime | None = None,
    ) -> StatsReport:
        """The statistics report (`quizapp.store.stats_queries.build_report`); `ValueError`
        for a deck id the store does not know."""
        from quizapp.store.stats_queries import build_report, known_decks

        with self._reading() as db:
            if deck_ids is not None:
                unknown = sorted(set(deck_ids) - set(known_decks(db)))
                if unknown:
                    raise ValueError(f"no deck with id {', '.join(map(repr, unknown))}")
            return build_report(
                db,
                config=config,
                today=today,
                measure=measure,
                decks=decks,
                deck_ids=None if deck_ids is None else list(deck_ids),
                tags=tags,
                since_day=since_day,
                tz=tz,
                schedulers=schedulers,
                now=now,
            )

    # -- writes: each its own committed transaction -------------------------------------------

    def record(
        self, review: ReviewRecord, schedule: StateRecord | None, ahead: Sequence[int] = ()
    ) -> dict[int, StateRecord]:
        """Write an answer (its review row, and the card's new state unless None) and read the
        states of the cards `ahead` in the same transaction; `StateConflict` (nothing written)
        if the card's row is no longer at the version the new state was computed from."""
        # `_errors` written out: its context manager cost some microseconds of every answer.
        with self._lock:
            try:
                self._database.check_writable()
                return self._study.record(review, schedule, ahead)
            except (StoreError, SQLAlchemyError, sqlite3.Error) as exc:
                error = self._failure(exc, "the answer was not saved")
                if error is exc:
                    raise
                raise error from exc

    def take_back(self, review_id: str, before: StateRecord | None) -> None:
        """Undo an answer: its review row goes and (unless None) the state row is put back."""
        with self._lock, self._errors("the answer was not taken back"):
            self._database.check_writable()
            self._study.take_back(review_id, before)

    def set_suspended(self, card_id: int, suspended: bool) -> bool:
        """Suspend or unsuspend a card; False if it was so already."""
        with self._lock, self._errors("the card was not suspended or unsuspended"):
            self._database.check_writable()
            return self._study.set_suspended(card_id, suspended)

    def bury(self, card_id: int, until: date | None) -> None:
        with self._lock, self._errors("the card was not buried"):
            self._database.check_writable()
            self._study.bury(card_id, until)

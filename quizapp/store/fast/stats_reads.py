"""The statistics' two big reads, literal-bound and run on the driver: cards and the review log.

Two SELECTs (cards with their states; every answer) read only the columns the statistics need,
and the rows go straight into numpy arrays. Nothing becomes a Python `datetime`: answer times
come back as seconds since 1970 (``EXTRACT(EPOCH ...)``, which SQLAlchemy writes for each
database), due instants as text parsed by numpy in bulk and turned into study days
(`quizapp.stats.days`), and the SM-2 fields of each answer's
state before and after through SQLAlchemy's portable JSON accessors.

Each function takes a SQLAlchemy `Session` or `Connection`, only reads, and never commits.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import tzinfo
from typing import Any, cast

import numpy as np
from sqlalchemy import BigInteger, Connection, Select, String, Table, case, extract, func, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session

from quizapp.scheduling import registry
from quizapp.stats.days import study_days
from quizapp.stats.history import LEARNING, REPEAT, REVIEW, CardTable, ReviewLog
from quizapp.store.models import CardRow, CardStateRow, DeckRow, ReviewRow, SchedulerStateRow

_cards = cast(Table, CardRow.__table__)
_states = cast(Table, CardStateRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)
_decks = cast(Table, DeckRow.__table__)
_stash = cast(Table, SchedulerStateRow.__table__)


def fetch_rows(db: Session | Connection, query: Select[Any]) -> list[tuple[Any, ...]]:
    """The rows of `query` as plain tuples, straight from the database driver.

    For a million answers, building SQLAlchemy `Row` objects costs about as much as the
    database's own work, and nothing here needs them: every column is a number. The statement is
    still SQLAlchemy's, compiled for the connection's own dialect; its few constants (JSON keys,
    deck ids already checked against the store) are rendered by SQLAlchemy as SQL literals.
    """
    connection = db.connection() if isinstance(db, Session) else db
    sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _column(rows: Sequence[Any], index: int, dtype: Any) -> np.ndarray[Any, Any]:
    return np.fromiter((r[index] for r in rows), dtype=dtype, count=len(rows))


def _seconds_from_text(texts: Sequence[str | None]) -> np.ndarray[Any, np.dtype[np.int64]]:
    """UTC instants as the database writes them as text (NULL as 1970-01-01) to whole seconds
    since 1970, parsed by numpy in one call (a third cheaper than SQLite's strftime per row)."""
    instants = np.array([t or "1970-01-01" for t in texts], dtype="datetime64[s]")
    return instants.astype(np.int64)


def cards_query(deck_ids: Sequence[str]) -> Select[Any]:
    """The cards of these decks with their states, the columns `read_cards` unpacks."""
    return (
        select(
            _cards.c.id,
            _cards.c.deck_id,
            _cards.c.key,
            _cards.c.path,
            _cards.c.line,
            _cards.c.removed,
            # The due instant (naive UTC) as text, NULL while new.
            sql_cast(_states.c.due_at, String),
            _states.c.interval,
            _states.c.easiness,
            _states.c.repetitions,
            _states.c.lapses,
            _states.c.suspended,
        )
        .select_from(_cards.outerjoin(_states, _states.c.card_id == _cards.c.id))
        .where(_cards.c.deck_id.in_(list(deck_ids)))
        .order_by(_cards.c.deck_id, _cards.c.line, _cards.c.id)
    )


def read_cards(
    db: Session | Connection,
    deck_ids: Collection[str] | None = None,
    *,
    rollover_hour: int,
    tz: tzinfo | None = None,
) -> tuple[CardTable, np.ndarray[Any, np.dtype[np.int64]]]:
    """Every card of the given decks (None: all decks) with its state, and the store's card ids.

    Decks appear in id order; cards in deck order, then by file line. A card's due instant is
    read as the study day it falls in, counted with `rollover_hour` in the zone `tz` (None: the
    system's), as the review log's days are.
    """
    deck_query = select(_decks.c.id, _decks.c.title, _decks.c.path).order_by(_decks.c.id)
    if deck_ids is not None:
        deck_query = deck_query.where(_decks.c.id.in_(list(deck_ids)))
    decks = db.execute(deck_query).all()
    deck_index = {row.id: i for i, row in enumerate(decks)}
    query = cards_query(list(deck_index))
    rows = fetch_rows(db, query)
    due_text = [r[6] for r in rows]
    new = np.fromiter((d is None for d in due_text), dtype=np.bool_, count=len(rows))
    # A new card's due day is day 0 (1970-01-01), never read: `new` says it has none.
    due = np.where(new, 0, study_days(_seconds_from_text(due_text), rollover_hour, tz))
    table = CardTable.build(
        decks=[row.id for row in decks],
        deck=[deck_index[r[1]] for r in rows],
        key=[r[2] for r in rows],
        path=[r[3] for r in rows],
        line=_column(rows, 4, np.int64),
        removed=_column(rows, 5, np.bool_),
        # A card is new until its first answer gives it a due time.
        new=new,
        due=due,
        interval=np.fromiter((r[7] or 0 for r in rows), dtype=np.int64, count=len(rows)),
        # A card without a state row has never been answered: its measure is never shown.
        measure=np.fromiter(
            (0.0 if r[8] is None else r[8] for r in rows), dtype=np.float64, count=len(rows)
        ),
        repetitions=np.fromiter((r[9] or 0 for r in rows), dtype=np.int64, count=len(rows)),
        lapses=np.fromiter((r[10] or 0 for r in rows), dtype=np.int64, count=len(rows)),
        suspended=np.fromiter((bool(r[11]) for r in rows), dtype=np.bool_, count=len(rows)),
        deck_titles=[row.title for row in decks],
        deck_paths=[row.path for row in decks],
    )
    return table, _column(rows, 0, np.int64)


def _whole_seconds_since_epoch(db: Session | Connection, column: Any) -> Any:
    """A time as whole seconds since 1970, rounded down, on every database.

    SQLite's EXTRACT already gives whole seconds; PostgreSQL's has a fraction, and casting it to
    an integer rounds, which would move an answer in the last half second before the rollover
    hour to the next study day. `floor` is not used on SQLite, whose build may lack math functions.
    """
    seconds: Any = extract("epoch", column)
    bind = db.get_bind() if isinstance(db, Session) else db
    if bind.dialect.name != "sqlite":
        seconds = func.floor(seconds)
    return sql_cast(seconds, BigInteger)


def log_query(
    db: Session | Connection, deck_ids: Collection[str] | None, *, by_scheduler: bool = False
) -> Select[Any]:
    """Every answer (to the cards of `deck_ids`; None: all), the columns `read_log` unpacks;
    with `by_scheduler`, also each answer's scheduler (as its place in `registry.names()`)."""
    before = _reviews.c.state_before
    after = _reviews.c.state_after
    columns: list[Any] = [
        _reviews.c.card_id,
        # Seconds since 1970 (UTC: the store keeps UTC), computed by the database.
        _whole_seconds_since_epoch(db, _reviews.c.reviewed_at),
        _reviews.c.grade,
        _reviews.c.response_ms,
        func.coalesce(before["repetitions"].as_integer(), 0),
        func.coalesce(before["interval"].as_integer(), 0),
        func.coalesce(after["interval"].as_integer(), 0),
        _reviews.c.repeat,
    ]
    if by_scheduler:
        # -1: a scheduler this quizapp does not know.
        names = {name: i for i, name in enumerate(registry.names())}
        columns.append(case(names, value=_reviews.c.scheduler, else_=-1))
    query = select(*columns)
    if deck_ids is not None:
        # Only the decks asked for: the database skips the other answers.
        wanted = select(_cards.c.id).where(_cards.c.deck_id.in_(list(deck_ids)))
        query = query.where(_reviews.c.card_id.in_(wanted))
    return query


def read_log(
    db: Session | Connection,
    card_ids: np.ndarray[Any, np.dtype[np.int64]],
    *,
    rollover_hour: int,
    tz: tzinfo | None = None,
    max_interval_days: int = 36_500,
    deck_ids: Collection[str] | None = None,
    max_answer_seconds: int | None = None,
) -> ReviewLog:
    """Every answer to the cards `card_ids` (the rows of a `CardTable`), as a `ReviewLog`.

    Each answer's time counts for at most `max_answer_seconds` (None: as logged), as the
    session summary counts it: the log keeps the time measured, the statistics the capped one.

    Study days are counted from each answer's time with `rollover_hour` in the zone `tz` (None:
    the system's), so changing the rollover hour re-buckets the whole history consistently.
    """
    # An answer's scheduler is one its card is or was scheduled by: with a single one in the
    # store (the usual case), no column of a million rows is needed to tell them apart.
    used = _schedulers_used(db)
    query = log_query(db, deck_ids, by_scheduler=len(used) > 1)
    rows = fetch_rows(db, query)
    if not rows:
        return ReviewLog.empty()
    # Every value is a whole number: one 2-D array, then a column per field.
    data = np.array(rows, dtype=np.int64)
    store_id, seconds, grade, response_ms = (np.ascontiguousarray(data[:, i]) for i in range(4))
    repetitions_before, interval_before, interval_after = (data[:, i] for i in range(4, 7))
    if max_answer_seconds is not None:
        response_ms = np.minimum(response_ms, max_answer_seconds * 1000)
    repeat = data[:, 7] != 0
    if len(used) > 1:
        scheduler = data[:, 8]
    else:
        names = registry.names()
        only = names.index(used[0]) if used and used[0] in names else -1
        scheduler = np.full(len(grade), only, dtype=np.int64)
    passed = _passed(scheduler, grade)
    # Store ids to table rows; answers to cards outside the table (other decks) are dropped.
    row_of = np.full(int(max(store_id.max(), card_ids.max(initial=0))) + 1, -1, dtype=np.int64)
    row_of[card_ids] = np.arange(len(card_ids))
    card = row_of[store_id]
    kind = np.where(repetitions_before > 0, REVIEW, LEARNING)
    kind[repeat] = REPEAT
    day = study_days(seconds, rollover_hour, tz)
    log = ReviewLog(
        card=card,
        day=day,
        grade=grade,
        passed=passed,
        response_ms=response_ms,
        kind=kind,
        interval_before=interval_before,
        # The due day the answer set: its study day plus the interval, capped as the session caps.
        due_after=day + np.minimum(interval_after, max_interval_days),
    )
    kept = card >= 0
    return log if kept.all() else log.select(kept)


def _schedulers_used(db: Session | Connection) -> list[str]:
    """The schedulers that cards are or were scheduled by (their states, active and stashed)."""
    active = select(_states.c.scheduler).distinct()
    stashed = select(_stash.c.scheduler).distinct()
    return sorted(set(db.execute(active).scalars()) | set(db.execute(stashed).scalars()))


def _passed(scheduler: np.ndarray[Any, Any], grade: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Whether each answer's scheduler counts its rating as recalled (False for a scheduler or
    a rating this quizapp does not know)."""
    names = registry.names()
    scales = [registry.scheduler_named(name, max_interval_days=1).ratings for name in names]
    top = max(rating.value for ratings in scales for rating in ratings)
    # One row per scheduler, one column per rating value; the extra last row is "unknown".
    table = np.zeros((len(names) + 1, top + 1), dtype=np.bool_)
    for row, ratings in enumerate(scales):
        for rating in ratings:
            table[row, rating.value] = rating.passed
    known = (grade >= 0) & (grade <= top)
    passed: np.ndarray[Any, Any] = known & table[scheduler, np.where(known, grade, 0)]
    return passed

"""The home screen's reads: SQLAlchemy's way and the quick stdlib-sqlite3 way give the same rows.

A history is made by studying through the session service over five weeks (skipped days, wrong
answers with their step-7 repeats, suspended and buried cards, a card removed from its deck, an
undo), then every statement is run both ways on the same file for every day of it.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from quizapp.config import Config
from quizapp.scheduling.days import StudyCalendar
from quizapp.session import CollectionOpener
from quizapp.store import home_reads
from quizapp.store.database import open_database
from quizapp.store.fast.home_sql import generated_path, render
from quizapp.store.fast.quick_home import SqliteReader, read_home_quickly, sqlite_path
from quizapp.store.home_statements import CoreReader
from quizapp.store.revision import HEAD_REVISION
from tests.store.factory import ZONE, clock_at

START = date(2026, 3, 2)
DAYS = 35
CONFIG = Config(new_per_deck=6, reviews_per_day=25, streak_min_reviews=3)
#: The study days of the history: the configured rollover hour in the clock's zone.
CALENDAR = StudyCalendar(CONFIG.rollover_hour, ZONE)


def write_decks(folder: Path, *, removed: bool = False) -> None:
    """Three deck files; with `removed`, the last card of `algebra` has left its file."""
    folder.mkdir(exist_ok=True)
    for deck_id, size in (("algebra", 11 if removed else 12), ("history", 9), ("adam", 7)):
        cards = "".join(
            f"  - id: c{i}\n    front: Question {i} of {deck_id}\n    back: Answer {i}\n"
            for i in range(size)
        )
        text = f"deck: {deck_id}\ntitle: Deck {deck_id}\ncards:\n{cards}"
        (folder / f"{deck_id}.yaml").write_text(text, encoding="utf-8")


def opener(root: Path, day: date, **extra: object) -> CollectionOpener:
    return CollectionOpener(
        deck_paths=[root / "decks"],
        db_url=f"sqlite:///{root / 'reviews.sqlite3'}",
        clock=clock_at(day.year, day.month, day.day, 19),
        config=CONFIG,
        cache_dir=root / "cache",
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Deck files and a review store with five weeks of study (see the module's docstring)."""
    root = tmp_path_factory.mktemp("quick")
    write_decks(root / "decks")
    rng = random.Random(20261124)
    for offset in range(DAYS):
        if offset == 24:
            write_decks(root / "decks", removed=True)
        if offset % 7 in (3, 4) or offset in (20, 21, 22):
            continue  # days off: some break the streak, some fall where nothing was due
        with opener(root, START + timedelta(days=offset), rng=rng).open() as collection:
            session = collection.start()
            answered = 0
            while session.current() is not None and answered < 30:
                choice = rng.random()
                if choice < 0.04:
                    session.suspend()
                elif choice < 0.08:
                    session.bury()
                else:
                    session.answer(rng.choice([1, 2, 3, 4, 4, 5, 5]), rng.randint(800, 9000))
                    answered += 1
                    if choice > 0.97:
                        session.undo()
    return root


@pytest.fixture(scope="module")
def studied(root: Path) -> Path:
    return root / "reviews.sqlite3"


@pytest.fixture
def connection(studied: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(f"{studied.as_uri()}?mode=ro", uri=True)) as connection:
        yield connection


def test_the_generated_sqlite_statements_are_current() -> None:
    assert generated_path().read_text(encoding="utf-8") == render(), (
        "quizapp/store/fast/home_sql.json is stale: run `python -m quizapp.store.fast.home_sql`"
    )


def test_every_statement_gives_the_same_rows_both_ways(
    studied: Path, connection: sqlite3.Connection
) -> None:
    quick = SqliteReader(connection)
    database = open_database(f"sqlite:///{studied}")
    try:
        with database.reading() as db:
            core = CoreReader(db)
            seen_rows = 0
            for offset in range(-1, DAYS + 2):
                day = START + timedelta(days=offset)
                params = {
                    "today": day,
                    "day": day,
                    "day_end": CALENDAR.end_of(day),
                    "last": day + timedelta(days=3),
                    "cap_ms": 60_000,
                }
                for name, wanted in home_reads.STATEMENT_NAMES.items():
                    given = {key: params[key] for key in wanted}
                    expected = list(core.rows(name, **given))
                    assert list(quick.rows(name, **given)) == expected, (name, day)
                    seen_rows += len(expected)
    finally:
        database.close()
    assert seen_rows > 1_000  # the comparison saw a real history, not empty results


def test_the_history_has_what_the_home_screen_counts(connection: sqlite3.Connection) -> None:
    """The fixture's history exercises every branch: checked with plain SQL of our own."""
    ((suspended, buried, removed),) = connection.execute(
        "SELECT (SELECT count(*) FROM card_states WHERE suspended),"
        " (SELECT count(*) FROM card_states WHERE buried_until IS NOT NULL),"
        " (SELECT count(*) FROM cards WHERE removed)"
    )
    ((repeats, wrong, days),) = connection.execute(
        "SELECT sum(repeat), sum(grade < 3), count(DISTINCT study_day) FROM reviews"
    )
    assert suspended > 0 and buried > 0 and removed == 1
    assert repeats > 0 and wrong > 0 and 18 <= days <= DAYS - 13  # at most one day per day on


def test_the_glance_equals_the_collections_home_on_every_day(root: Path) -> None:
    streaks = set()
    for offset in range(0, DAYS + 3):
        day = START + timedelta(days=offset)
        glance = opener(root, day).glance()
        assert glance is not None
        with opener(root, day).open() as collection:
            assert glance == collection.home(), day
        streaks.add(glance.today.streak_days)
        assert sum(s.total for s in glance.summaries) == 11 + 9 + 7
    assert len(streaks) > 3  # streaks grew and broke over the history


def test_no_glance_after_a_deck_file_changed_until_the_open_syncs_it(
    root: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "root"
    (copy / "decks").mkdir(parents=True)
    (copy / "reviews.sqlite3").write_bytes((root / "reviews.sqlite3").read_bytes())
    write_decks(copy / "decks")  # the removed card is back
    day = START + timedelta(days=DAYS)
    assert opener(copy, day).glance() is None
    with opener(copy, day).open() as collection:
        home = collection.home()
    assert opener(copy, day).glance() == home
    assert sum(s.total for s in home.summaries) == 12 + 9 + 7


def _quick(path: Path, hashes: dict[str, str] | None = None) -> home_reads.HomeReads | None:
    if hashes is None:  # the hashes of the last sync: the decks as they are on disk
        with closing(sqlite3.connect(path)) as db:
            hashes = dict(db.execute("SELECT id, content_hash FROM decks"))
    return read_home_quickly(
        f"sqlite:///{path}",
        hashes,
        today=START,
        calendar=CALENDAR,
        min_reviews=1,
        max_interval_days=36_500,
    )


def test_no_quick_read_when_the_store_cannot_vouch_for_the_counts(
    studied: Path, tmp_path: Path
) -> None:
    assert _quick(studied) is not None
    # A deck edited since its last sync, a deck never synced, a deck without a hash.
    stored = {"algebra": "", "history": "", "adam": ""}
    with closing(sqlite3.connect(studied)) as db:
        stored.update(db.execute("SELECT id, content_hash FROM decks"))
    assert _quick(studied, stored) is not None
    assert _quick(studied, stored | {"algebra": "0" * 64}) is None
    assert _quick(studied, stored | {"new-deck": "0" * 64}) is None
    assert _quick(studied, stored | {"algebra": ""}) is None
    # No file yet (the first start), a file that is not a database, an empty database.
    assert _quick(tmp_path / "missing.sqlite3", stored) is None
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database" * 100)
    assert _quick(tmp_path / "junk.sqlite3", stored) is None
    sqlite3.connect(tmp_path / "empty.sqlite3").close()
    assert _quick(tmp_path / "empty.sqlite3", stored) is None
    # A schema older than this program's: the full open migrates it first.
    older = tmp_path / "older.sqlite3"
    older.write_bytes(studied.read_bytes())
    with closing(sqlite3.connect(older)) as db, db:
        db.execute("UPDATE alembic_version SET version_num = '0001'")
    assert HEAD_REVISION != "0001" and _quick(older, stored) is None


def test_only_plain_sqlite_file_urls_are_read_quickly() -> None:
    assert sqlite_path("sqlite:////data/quizapp.sqlite3") == Path("/data/quizapp.sqlite3")
    assert sqlite_path("sqlite:///relative.sqlite3") == Path("relative.sqlite3")
    for url in (
        "postgresql+psycopg://me@/quizapp?host=/run/pg",
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///file.db?mode=ro",
        "sqlite:///with%20space.db",
    ):
        assert sqlite_path(url) is None, url


def test_the_quick_read_writes_nothing(studied: Path) -> None:
    before = studied.read_bytes()
    assert _quick(studied) is not None
    assert studied.read_bytes() == before

"""The store and the study session on a real PostgreSQL server (issue 3: any SQLAlchemy URL).

The server comes from ``QUIZAPP_TEST_PG_URL`` (a SQLAlchemy URL of a database the tests may
create databases from; .ci/run starts a throwaway cluster and sets it). Without it these tests
skip, saying so. Each test gets a database of its own, created empty and dropped afterwards.

The database is read back with psycopg directly, independently of the code under test, and the
expected intervals and E-Factors are worked out by hand from SM-2's rules, as in
tests/test_session.py.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, text
from sqlalchemy.engine import URL, make_url

from quizapp.clock import FixedClock
from quizapp.config import Config
from quizapp.model import Card, CardKind, Deck
from quizapp.scheduling.days import StudyCalendar
from quizapp.session import Collection, StudySession
from quizapp.store import StoreError
from quizapp.store import database as database_module
from quizapp.store.database import HEAD_REVISION, open_database
from quizapp.store.read_only import open_read_only
from quizapp.store.study import _CorePath, open_study_connection
from tests.stats.store_history import DECK_YAML, write_history
from tests.store.factory import ZONE, basic, clock_at, deck, exercise
from tests.sync_helpers import CALENDAR_UTC, SM2_EVERYWHERE

ENV = "QUIZAPP_TEST_PG_URL"
QUIZAPP = str(Path(sys.executable).parent / "quizapp")


def _server_url() -> URL:
    value = os.environ.get(ENV)
    if not value:
        pytest.skip(
            f"{ENV} is not set: no PostgreSQL server to test against "
            "(.ci/run starts one; or set it to e.g. postgresql+psycopg://user@/db?host=/socket/dir)"
        )
    return make_url(value)


def _libpq(url: URL) -> str:
    """The URL as libpq (psycopg.connect) reads it."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("QUIZAPP_DB", raising=False)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The SQLAlchemy URL of a new, empty database, dropped after the test."""
    server = _server_url()
    name = f"quizapp_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8'"))
        yield server.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            # FORCE: a connection a failed test left open must not keep the database alive.
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def rows(url: str, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """Read the database with psycopg itself, not through quizapp's store."""
    import psycopg

    with psycopg.connect(_libpq(make_url(url))) as connection:
        return list(connection.execute(sql, args).fetchall())


#: The tests' study days: rollover 04:00 in the clocks' zone (UTC+01:00).
CALENDAR = StudyCalendar(4, ZONE)


def due_day(stored: datetime | None) -> date | None:
    """The study day a stored due instant (naive UTC, as psycopg reads it) begins, checked to be
    exactly the instant that day begins: an SM-2 due day is stored as its day's start."""
    if stored is None:
        return None
    day = CALENDAR.day_of(stored.replace(tzinfo=UTC))
    assert CALENDAR.start_of(day) == stored.replace(tzinfo=UTC)
    return day


def state_of(url: str, key: str) -> tuple[Any, ...]:
    """A card's state row, its due instant read as the study day it begins."""
    (row,) = rows(
        url,
        "SELECT s.due_at, s.interval, s.easiness, s.repetitions, s.lapses, s.suspended,"
        " s.buried_until, s.introduced, s.state FROM card_states s JOIN cards c"
        " ON c.id = s.card_id WHERE c.key = %s",
        key,
    )
    return (due_day(row[0]), *row[1:])


@pytest.fixture
def opened() -> Iterator[list[Collection]]:
    collections: list[Collection] = []
    yield collections
    for collection in collections:
        collection.close()


def open_collection(
    url: str,
    decks: list[Deck],
    clock: FixedClock,
    opened: list[Collection],
    config: Config | None = None,
) -> Collection:
    collection = Collection.from_decks(
        decks, db_url=url, clock=clock, config=config or Config(), rng=random.Random(7)
    )
    opened.append(collection)
    return collection


def keys_in(session: StudySession, grade: int = 4) -> list[str]:
    keys = []
    while (item := session.current()) is not None:
        keys.append(item.prompt.key)
        session.answer(grade, 1000)
    return keys


# -- opening and migrating ---------------------------------------------------------------------


def test_an_empty_database_is_migrated_and_a_second_open_changes_nothing(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(pg_url).close()
    assert rows(pg_url, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    tables = {
        name
        for (name,) in rows(
            pg_url,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            "public",
        )
    }
    assert tables == {
        "alembic_version",
        "meta",
        "decks",
        "cards",
        "card_states",
        "reviews",
        "card_edits",
        "scheduler_states",
        "card_texts",
        "card_tags",
        "card_events",
    }
    types = dict(
        rows(
            pg_url,
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns"
            " WHERE table_name IN ('card_states', 'reviews') AND column_name IN"
            " ('state', 'due_at', 'seed', 'repeat', 'easiness', 'reviewed_at', 'given')",
        )
    )
    assert types == {
        "card_states.state": "json",
        "card_states.due_at": "timestamp without time zone",
        "card_states.easiness": "double precision",
        "reviews.seed": "bigint",
        "reviews.repeat": "boolean",
        "reviews.reviewed_at": "timestamp without time zone",
        "reviews.given": "json",
    }
    created = rows(pg_url, "SELECT key FROM meta")
    assert created == [("created_at",)]

    # The second open finds the newest schema: no migration runs, nothing is written.
    def no_upgrade(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a migrated database was migrated again")

    monkeypatch.setattr(database_module, "upgrade", no_upgrade)
    open_database(pg_url).close()
    assert rows(pg_url, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert rows(pg_url, "SELECT key FROM meta") == created


def test_a_database_from_a_newer_quizapp_is_refused_untouched(pg_url: str) -> None:
    open_database(pg_url).close()
    import psycopg

    with psycopg.connect(_libpq(make_url(pg_url))) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(StoreError, match=r"newer quizapp \(schema 0099"):
        open_database(pg_url)
    assert rows(pg_url, "SELECT version_num FROM alembic_version") == [("0099",)]
    assert rows(pg_url, "SELECT count(*) FROM meta") == [(1,)]


#: A learner in a child process: waits for the moment given, opens the collection (the first
#: open of an empty database) and answers every new card, printing each review id once saved.
_LEARNER = """
import sys, time
from quizapp.config import Config
from quizapp.session import Collection
from tests.store.factory import clock_at, deck

url, cards, start = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
time.sleep(max(0.0, start - time.time()))
collection = Collection.from_decks(
    [deck("d", cards)], db_url=url, clock=clock_at(2026, 3, 10), config=Config(new_per_deck=cards)
)
with collection:
    session = collection.start()
    while session.current() is not None:
        print(session.answer(4, 1000), flush=True)
"""


def test_two_processes_opening_and_studying_at_once(pg_url: str) -> None:
    # Two processes start on an empty database at the same moment: without a writers' lock both
    # migrate (the second fails on "relation already exists") or insert the same deck twice.
    # Then both study: every answer a learner saw accepted must be in the log.
    repo = Path(__file__).resolve().parents[2]
    start = f"{time.time() + 2.0:.3f}"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _LEARNER, pg_url, "12", start],
            cwd=repo,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for child in children:  # every child waited for before any assertion
        try:
            results.append((*child.communicate(timeout=120), child.returncode))
        except subprocess.TimeoutExpired:
            child.kill()
            results.append((*child.communicate(), "killed after 120 s"))
    saved: list[str] = []
    for out, err, code in results:
        assert code == 0, err
        saved += out.split()
    # The second learner's queue holds the cards the first had not introduced yet when it
    # started (the daily limit of new cards counts both): each card once, or twice.
    assert 12 <= len(saved) <= 24
    assert rows(pg_url, "SELECT count(*) FROM decks") == [(1,)]
    assert rows(pg_url, "SELECT count(*), count(DISTINCT key) FROM cards") == [(12, 12)]
    assert rows(pg_url, "SELECT count(*) FROM card_states") == [(12,)]
    assert sorted(r[0] for r in rows(pg_url, "SELECT id FROM reviews")) == sorted(saved)
    assert rows(pg_url, "SELECT count(DISTINCT card_id) FROM reviews") == [(12,)]


def test_an_unreachable_server_is_a_clear_error_without_the_password() -> None:
    # Port 1 on loopback: nothing listens there, the connection is refused at once.
    url = "postgresql+psycopg://learner:s3cret-pw@127.0.0.1:1/quizapp"
    with pytest.raises(StoreError) as raised:
        open_database(url)
    message = str(raised.value)
    assert "cannot open the review database" in message
    assert "learner:***@127.0.0.1:1/quizapp" in message
    assert "s3cret-pw" not in message


def test_postgres_scheme_without_a_driver_is_understood(pg_url: str) -> None:
    # As hosting services write it; SQLAlchemy itself knows only postgresql(+driver)://.
    url = make_url(pg_url).set(drivername="postgres").render_as_string(hide_password=False)
    database = open_database(url)
    try:
        assert database.engine.dialect.name == "postgresql"
        assert database.engine.dialect.driver == "psycopg"
    finally:
        database.close()


# -- studying ----------------------------------------------------------------------------------


def test_the_study_connection_is_the_generic_one(pg_url: str) -> None:
    database = open_database(pg_url)
    try:
        study = open_study_connection(database)
        try:
            assert isinstance(study, _CorePath)
        finally:
            study.close()
    finally:
        database.close()


def test_sm2_intervals_across_days(pg_url: str, opened: list[Collection]) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(pg_url, [deck("d", 1)], clock, opened)
    session = collection.start()
    # New card, grade 4: I(1) = 1 day; EF 2.5 + (0.1 - 1 * (0.08 + 0.02)) = 2.5.
    assert [(c.grade, c.interval_days, c.due) for c in session.preview()][3:] == [
        (3, 1, date(2026, 3, 11)),
        (4, 1, date(2026, 3, 11)),
        (5, 1, date(2026, 3, 11)),
    ]
    session.answer(4, 2000)
    assert state_of(pg_url, "c0")[:5] == (date(2026, 3, 11), 1, 2.5, 1, 0)

    clock.advance(timedelta(days=1))
    # Grade 5: I(2) = 6 days, due 03-17; EF 2.5 + 0.1 = 2.6.
    collection.start().answer(5, 1500)
    assert state_of(pg_url, "c0")[:5] == (date(2026, 3, 17), 6, 2.6, 2, 0)

    clock.advance(timedelta(days=6))
    # Grade 3: I(3) = ceil(6 * 2.6) = 16 days, due 04-02; EF 2.6 - 0.14 = 2.46.
    collection.start().answer(3, 1000)
    assert state_of(pg_url, "c0")[:5] == (date(2026, 4, 2), 16, 2.46, 3, 0)

    clock.advance(timedelta(days=16))
    # Grade 1: a lapse; repetitions start again, I = 1, EF unchanged.
    collection.start().answer(1, 1000)
    assert state_of(pg_url, "c0")[:5] == (date(2026, 4, 3), 1, 2.46, 0, 1)
    assert state_of(pg_url, "c0")[8] == {"easiness": 2.46, "repetitions": 0, "interval": 1}
    assert rows(pg_url, "SELECT grade, study_day, response_ms FROM reviews ORDER BY 2") == [
        (4, date(2026, 3, 10), 2000),
        (5, date(2026, 3, 11), 1500),
        (3, date(2026, 3, 17), 1000),
        (1, date(2026, 4, 2), 1000),
    ]
    # The review log's states: the first answer's before is the initial state.
    first = rows(pg_url, "SELECT state_before, state_after FROM reviews ORDER BY study_day")[0]
    assert first == (
        {"easiness": 2.5, "repetitions": 0, "interval": 0},
        {"easiness": 2.5, "repetitions": 1, "interval": 1},
    )
    assert collection.today().reviews == 1


def test_answer_and_undo_keep_the_rows_exact(pg_url: str, opened: list[Collection]) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(pg_url, [deck("d", 2)], clock, opened)
    session = collection.start()
    new_state = state_of(pg_url, "c0")
    assert new_state[:8] == (None, 0, 2.5, 0, 0, False, None, None)
    session.answer(5, 1000)
    assert session.undo() is not None
    assert state_of(pg_url, "c0") == new_state
    assert rows(pg_url, "SELECT count(*) FROM reviews") == [(0,)]
    item = session.current()
    assert item is not None and (item.prompt.key, item.is_new) == ("c0", True)

    session.answer(4, 1000)
    keys_in(session)
    clock.advance(timedelta(days=1))
    session = collection.start()
    before = state_of(pg_url, "c0")
    assert before[:5] == (date(2026, 3, 11), 1, 2.5, 1, 0)
    review_id = session.answer(0, 1000)
    # A lapse: due tomorrow, repetitions 0, one lapse, EF unchanged.
    assert state_of(pg_url, "c0")[:5] == (date(2026, 3, 12), 1, 2.5, 0, 1)
    assert rows(pg_url, "SELECT count(*) FROM reviews WHERE id = %s", review_id) == [(1,)]
    assert session.undo()
    assert state_of(pg_url, "c0") == before
    assert rows(pg_url, "SELECT count(*) FROM reviews WHERE id = %s", review_id) == [(0,)]
    # Yesterday's two answers stay; the lapse's repeat went with it: c0, c1, then nothing.
    assert rows(pg_url, "SELECT count(*) FROM reviews") == [(2,)]
    assert keys_in(session, grade=4) == ["c0", "c1"]


def test_step_7_repeats_are_logged_and_leave_the_state(
    pg_url: str, opened: list[Collection]
) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(pg_url, [deck("d", 2)], clock, opened)
    session = collection.start()
    session.answer(2, 1000)  # c0 wrong: asked again after c1
    clock.advance(timedelta(minutes=1))
    session.answer(4, 1000)  # c1
    clock.advance(timedelta(minutes=1))
    item = session.current()
    assert item is not None and (item.prompt.key, item.is_repeat) == ("c0", True)
    after_first = state_of(pg_url, "c0")
    # Grade 2 (below 3) on a new card: repetitions stay 0, I = 1, EF left at 2.5 (as for a
    # lapse: the E-Factor only moves on a recalled answer).
    assert after_first[:5] == (date(2026, 3, 11), 1, 2.5, 0, 0)
    (summary,) = collection.deck_summaries()
    assert (summary.new, summary.learning, summary.total) == (0, 1, 2)
    session.answer(3, 1000)  # still below 4: again
    clock.advance(timedelta(minutes=1))
    session.answer(5, 1000)
    assert session.current() is None
    assert state_of(pg_url, "c0") == after_first
    assert rows(
        pg_url,
        "SELECT c.key, r.grade, r.repeat FROM reviews r JOIN cards c ON c.id = r.card_id"
        " ORDER BY r.reviewed_at",
    ) == [("c0", 2, False), ("c1", 4, False), ("c0", 3, True), ("c0", 5, True)]
    summary_after = collection.deck_summaries()[0]
    assert summary_after.learning == 0


def test_suspend_bury_unsuspend_and_the_counts(pg_url: str, opened: list[Collection]) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(pg_url, [deck("d", 4)], clock, opened)
    session = collection.start()
    session.suspend()  # c0
    session.bury()  # c1
    assert session.progress().left == 2
    assert keys_in(session) == ["c2", "c3"]
    assert state_of(pg_url, "c0")[5:7] == (True, None)
    assert state_of(pg_url, "c1")[5:7] == (False, date(2026, 3, 11))
    (summary,) = collection.deck_summaries()
    assert (summary.new, summary.due, summary.total) == (0, 0, 4)
    assert [card.key for card in collection.suspended_cards("d")] == ["c0"]
    end = session.summary()
    assert (end.reviewed, end.right, end.wrong, end.next_due, end.due_tomorrow) == (
        2,
        2,
        0,
        date(2026, 3, 11),
        2,
    )
    # Unsuspended: c0 comes back as a new card; a second unsuspend finds nothing to do.
    assert collection.unsuspend("d", "c0") is True
    assert collection.unsuspend("d", "c0") is False
    assert state_of(pg_url, "c0")[5] is False
    assert collection.suspended_cards() == []

    clock.advance(timedelta(days=1))
    (summary,) = collection.deck_summaries()
    # 03-11: c2, c3 due; c0 (unsuspended) and c1 (no longer buried) new.
    assert (summary.new, summary.due) == (2, 2)
    assert keys_in(collection.start()) == ["c2", "c3", "c0", "c1"]
    assert rows(pg_url, "SELECT count(*) FROM reviews") == [(6,)]


def test_exercise_answers_keep_seed_and_typed_text(pg_url: str, opened: list[Collection]) -> None:
    clock = clock_at(2026, 3, 10)
    collection = open_collection(
        pg_url, [deck("ex", (exercise("e1"), basic("b1", line=2)))], clock, opened
    )
    session = collection.start()
    item = session.current()
    assert item is not None and item.seed is not None
    # random.Random(7).randrange(2**31), the collection's injected source, worked out once.
    assert item.seed == random.Random(7).randrange(2**31)
    session.answer(3, 1200, given={"m": "0.1"})
    clock.advance(timedelta(seconds=30))
    session.answer(4, 800, given="typed")
    assert rows(pg_url, "SELECT seed, given FROM reviews ORDER BY reviewed_at") == [
        (item.seed, {"m": "0.1"}),
        (None, "typed"),
    ]


def test_an_edited_card_keeps_its_progress(pg_url: str, opened: list[Collection]) -> None:
    clock = clock_at(2026, 3, 10)
    first = open_collection(pg_url, [deck("d", 2, content_hash="v1")], clock, opened)
    first.start().answer(4, 1000)  # c0: due 03-11
    first.close()
    opened.remove(first)
    edited = deck(
        "d", (basic("c0", front="a new front", line=1), basic("c1", line=2)), content_hash="v2"
    )
    open_collection(pg_url, [edited], clock, opened)
    assert state_of(pg_url, "c0")[:4] == (date(2026, 3, 11), 1, 2.5, 1)
    assert rows(pg_url, "SELECT c.key FROM card_edits e JOIN cards c ON c.id = e.card_id") == [
        ("c0",)
    ]
    # A deck that loses a card keeps its row (flagged removed) and its history.
    open_collection(pg_url, [deck("d", (basic("c1", line=2),), content_hash="v3")], clock, opened)
    assert rows(pg_url, "SELECT key, removed FROM cards ORDER BY key") == [
        ("c0", True),
        ("c1", False),
    ]
    assert rows(pg_url, "SELECT count(*) FROM reviews") == [(1,)]


def test_cards_of_every_kind_sync(pg_url: str, opened: list[Collection]) -> None:
    reverse = Card(id="r", kind=CardKind.REVERSE, front="f", back="b", line=3)
    collection = open_collection(
        pg_url, [deck("k", (basic("a", line=1), reverse))], clock_at(2026, 3, 10), opened
    )
    assert rows(pg_url, "SELECT key, kind FROM cards ORDER BY key") == [
        ("a", "basic"),
        ("r", "reverse"),
        ("r#reverse", "reverse"),
    ]
    (summary,) = collection.deck_summaries()
    assert (summary.new, summary.total) == (3, 3)


# -- quizapp stats --json ----------------------------------------------------------------------


def _stats_home(home: Path) -> None:
    decks_dir = home / "decks"
    decks_dir.mkdir(parents=True)
    for name, body in DECK_YAML.items():
        (decks_dir / f"{name}.yaml").write_text(body, encoding="utf-8")
    config = home / "config"
    config.mkdir()
    (config / "config.toml").write_text(
        f'rollover_hour = 4\ninclude_bundled = false\ndeck_folders = ["{decks_dir}"]\n',
        encoding="utf-8",
    )


@pytest.mark.parametrize("datestyle", [None, "SQL, DMY"])
def test_stats_json_with_quizapp_db_on_postgres(
    pg_url: str, tmp_path: Path, datestyle: str | None
) -> None:
    if datestyle is not None:
        # A server set to print dates otherwise: quizapp asks for ISO on each connection.
        name = make_url(pg_url).database
        admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"ALTER DATABASE \"{name}\" SET DateStyle = '{datestyle}'"))
        admin.dispose()
        assert rows(pg_url, "SELECT CAST(DATE '2024-05-13' AS VARCHAR)") == [("13/05/2024",)]
    write_history(pg_url)
    home = tmp_path / "stats-home"
    _stats_home(home)
    env = dict(os.environ, QUIZAPP_HOME=str(home), TZ="UTC", QUIZAPP_DB=pg_url)
    result = subprocess.run(
        [QUIZAPP, "stats", "--json", "--as-of", "2024-05-10"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    # The figures of tests/stats/test_stats_command.py::test_whole_report, worked out there.
    assert data["totals"] == {"reviews": 7, "seconds": 28.0, "days_studied": 5}
    assert data["retention"]["all"] == {"right": 3, "total": 4, "rate": 0.75}
    assert data["retention"]["mature"] == {"right": 1, "total": 1, "rate": 1.0}
    decks = {d["deck"]: d for d in data["decks"]}
    assert decks["alpha"]["mastery"] == pytest.approx(6 / 21)
    assert decks["beta"]["mastery"] == 0.5
    # Due days (read as text from the database): b1 05-10, a1 05-13, a2 05-15.
    assert [d["due"] for d in data["forecast"]["days"]][:6] == [1, 0, 0, 1, 0, 1]
    assert [(h["deck"], h["card"], h["line"]) for h in data["hardest"]] == [
        ("beta", "b1", 5),
        ("alpha", "a2", 8),
    ]


def test_stats_count_an_answer_just_before_the_rollover_for_the_day_before(pg_url: str) -> None:

    from quizapp.store import queries
    from quizapp.store.deck_sync import sync_decks
    from quizapp.store.stats_queries import read_history

    database = open_database(pg_url)
    try:
        new = {"easiness": 2.5, "repetitions": 0, "interval": 0}
        # 03:59:59.6 UTC with the day starting at 04:00: still study day 2024-05-06.
        moment = datetime(2024, 5, 7, 3, 59, 59, 600_000, tzinfo=UTC)
        with database.writing() as db:
            sync_decks(
                db, [deck("d", 1)], now=moment, schedulers=SM2_EVERYWHERE, calendar=CALENDAR_UTC
            )
            (card_id,) = queries.card_ids(db, ["d"]).values()
            queries.add_review(
                db,
                queries.ReviewRecord(
                    id="00000000-0000-4000-8000-000000000001",
                    card_id=card_id,
                    reviewed_at=moment,
                    study_day=date(2024, 5, 6),
                    grade=4,
                    response_ms=1000,
                    scheduler="sm2",
                    state_before=new,
                    state_after={"easiness": 2.5, "repetitions": 1, "interval": 1},
                    seed=None,
                    given=None,
                    repeat=False,
                ),
            )
        with database.reading() as db:
            history = read_history(db, rollover_hour=4, tz=UTC)
    finally:
        database.close()
    # Day numbers count from 1970-01-01: 2024-05-06 is day 19849.
    assert (date(2024, 5, 6) - date(1970, 1, 1)).days == 19849
    assert history.log.day.tolist() == [19849]


def test_a_read_only_open_neither_migrates_nor_writes(pg_url: str) -> None:
    from sqlalchemy import insert
    from sqlalchemy.exc import DBAPIError

    from quizapp.store.models import DeckRow

    open_database(pg_url, target="0001").close()
    with pytest.raises(StoreError, match="run quizapp once to upgrade it"):
        open_read_only(pg_url)
    engine = create_engine(pg_url)
    try:
        with engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert version.scalar() == "0001"
    finally:
        engine.dispose()

    open_database(pg_url).close()  # now at the head revision
    database = open_read_only(pg_url)
    try:
        with database.reading() as db:
            assert db.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                HEAD_REVISION
            )
        with pytest.raises(StoreError, match="opened to read only"), database.writing():
            pass
        # SQL written by hand still runs in a read-only transaction: the server refuses it.
        with database.reading() as db, pytest.raises(DBAPIError, match="read-only transaction"):
            db.execute(
                insert(DeckRow).values(
                    id="x", title="x", path="x.yaml", content_hash="h", synced_at=func.now()
                )
            )
    finally:
        database.close()

"""Two sessions answering the same FSRS cards, interleaved, on one database (issue 16): no answer
is lost and none is scheduled from a stale state, on SQLite and (given a server) PostgreSQL.

Each session keeps the states it has read (and reads the next cards' ahead), so the second
session to answer a card holds a state the first has since replaced. The check reads the log
back with the driver itself: a card's answers must form one chain, each answer's state before
being the state after the one before it, from the new card's state to the state stored now. An
answer computed from a stale state forks the chain (two answers from one state). The control
run, with the version check taken out of the UPDATE, shows that this scenario does fork it.
"""

from __future__ import annotations

import json
import random
import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Table, bindparam, create_engine, text, update
from sqlalchemy.engine import make_url

from quizapp.config import Config
from quizapp.session import Collection
from quizapp.store import records
from quizapp.store.collection_store import CollectionStore, StateConflict
from quizapp.store.fast import sqlite_study
from quizapp.store.models import CardStateRow
from tests.store.factory import clock_at, deck

ENV = "QUIZAPP_TEST_PG_URL"
CARDS = 12
ANSWERS = 160

Rows = Callable[[str], list[tuple[Any, ...]]]


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZAPP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("QUIZAPP_DB", raising=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Rows]]:
    """(SQLAlchemy URL of an empty database, a reader of it that bypasses quizapp's store)."""
    if request.param == "sqlite":
        path = tmp_path / "two.sqlite3"

        def sqlite_rows(sql: str) -> list[tuple[Any, ...]]:
            with closing(sqlite3.connect(path)) as connection:
                return list(connection.execute(sql))

        yield f"sqlite:///{path}", sqlite_rows
        return
    import os

    server = os.environ.get(ENV)
    if not server:
        pytest.skip(f"{ENV} is not set: no PostgreSQL server to test against (.ci/run starts one)")
    import psycopg

    name = f"quizapp_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(make_url(server), isolation_level="AUTOCOMMIT")
    url = make_url(server).set(database=name)
    libpq = url.set(drivername="postgresql").render_as_string(hide_password=False)

    def pg_rows(sql: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(libpq) as connection:
            return list(connection.execute(sql).fetchall())

    try:
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8'"))
        yield url.render_as_string(hide_password=False), pg_rows
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def canonical(value: Any) -> str:
    """A state as one comparable text (SQLite gives JSON text, psycopg the parsed value)."""
    return json.dumps(json.loads(value) if isinstance(value, str) else value, sort_keys=True)


def two_sessions_answer(url: str, seed: int) -> int:
    """Two collections on `url` studying one FSRS deck, their answers interleaved at random.

    Returns the number of answers given (each accepted by `answer()`)."""
    clock = clock_at(2026, 3, 2, 9)
    fsrs_deck = replace(deck("d", CARDS), scheduler="fsrs")
    config = replace(Config(), new_per_deck=CARDS)
    collections = [
        Collection.from_decks([fsrs_deck], db_url=url, clock=clock, config=config) for _ in range(2)
    ]
    rng = random.Random(seed)
    given = 0
    try:
        sessions = [collection.start() for collection in collections]
        for _ in range(ANSWERS):
            session = rng.choice(sessions)
            if session.current() is None:
                # Finished for now: its learning steps come back after a while.
                clock.advance(timedelta(minutes=10))
                sessions = [collection.start() for collection in collections]
                continue
            session.answer(rng.choice((1, 2, 3, 3, 3, 4)), 1000)
            given += 1
            clock.advance(timedelta(seconds=rng.randrange(1, 90)))
    finally:
        for collection in collections:
            collection.close()
    return given


def stale_answers(rows: Rows) -> tuple[int, int]:
    """(answers scheduled from a stale state, answers in the log), read from the log itself.

    A state before used by two answers is a fork: every answer after the first from that state
    was computed from a state already replaced. Without forks, each card's answers must be one
    chain from the new card's state ({}) to the state stored now, every answer on it.
    """
    log = rows(
        "SELECT c.key, r.state_before, r.state_after FROM reviews r"
        " JOIN cards c ON c.id = r.card_id WHERE NOT r.repeat"
    )
    stored = {
        key: (canonical(state), version)
        for key, state, version in rows(
            "SELECT c.key, s.state, s.version FROM card_states s JOIN cards c ON c.id = s.card_id"
        )
    }
    after_of: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for key, before, after in log:
        after_of[key][canonical(before)].append(canonical(after))
    stale = 0
    for key, chains in after_of.items():
        forks = sum(len(afters) - 1 for afters in chains.values())
        stale += forks
        if forks:
            continue
        state, walked = canonical({}), 0
        while state in chains:
            (state,) = chains[state]
            walked += 1
        assert walked == sum(len(afters) for afters in chains.values()), key
        assert state == stored[key][0], key
        # Each answer bumped the version once, and nothing else did.
        assert stored[key][1] == walked, key
    return stale, len(log)


def test_two_sessions_on_one_deck_never_schedule_from_a_stale_state(
    database: tuple[str, Rows], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, rows = database
    conflicts = []
    record = CollectionStore.record

    def counting(store: CollectionStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return record(store, *args, **kwargs)
        except StateConflict as conflict:
            conflicts.append(conflict.current.card_id)
            raise

    monkeypatch.setattr(CollectionStore, "record", counting)
    given = two_sessions_answer(url, seed=16)
    stale, logged = stale_answers(rows)
    assert logged == given  # no answer lost
    assert stale == 0
    # The sessions did meet each other's answers, each answered again from the newer state.
    assert len(conflicts) >= 5


#: The answer's UPDATE without the version check: what quizapp wrote before card versions.
_STATES = cast(Table, CardStateRow.__table__)
UNCHECKED_WRITE = (
    update(_STATES)
    .where(_STATES.c.card_id == bindparam("b_card_id"))
    .values({name: bindparam(name) for name in (*records.SCHEDULE_FIELDS, "version")})
)


def test_without_the_version_check_the_same_run_schedules_from_stale_states(
    database: tuple[str, Rows], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: the check above does see stale answers when they happen.
    from quizapp.store import study

    monkeypatch.setattr(sqlite_study, "WRITE_SCHEDULE", UNCHECKED_WRITE)
    monkeypatch.setattr(study, "WRITE_SCHEDULE", UNCHECKED_WRITE)
    url, rows = database
    given = two_sessions_answer(url, seed=16)
    stale, logged = stale_answers(rows)
    assert logged == given
    assert stale >= 5

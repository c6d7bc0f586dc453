"""The statistics' literal-bound reads give the rows SQLAlchemy itself gives for the statements."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from quizapp.stats.days import day_date
from quizapp.store.database import open_database
from quizapp.store.fast.stats_reads import cards_query, fetch_rows, log_query, read_cards
from tests.stats.store_history import CALENDAR, FINAL, write_history


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Session]:
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    write_history(url)
    database = open_database(url)
    try:
        with database.reading() as session:
            yield session
    finally:
        database.close()


@pytest.mark.parametrize("deck_ids", [["alpha", "beta"], ["beta"]], ids=["all", "beta"])
def test_the_cards_read_equals_sqlalchemys_rows(db: Session, deck_ids: list[str]) -> None:
    query = cards_query(deck_ids)
    fast = fetch_rows(db, query)
    assert len(fast) == 2 * len(deck_ids)
    # SQLAlchemy's result processors turn flags into bools: compare as the driver gives them.
    slow = [tuple(int(v) if isinstance(v, bool) else v for v in row) for row in db.execute(query)]
    assert fast == slow


@pytest.mark.parametrize("deck_ids", [None, ["alpha"]], ids=["all", "alpha"])
def test_the_log_read_equals_sqlalchemys_rows(db: Session, deck_ids: list[str] | None) -> None:
    query = log_query(db, deck_ids)
    fast = fetch_rows(db, query)
    assert len(fast) == (7 if deck_ids is None else 4)
    slow = [tuple(int(v) if isinstance(v, bool) else v for v in row) for row in db.execute(query)]
    assert sorted(fast) == sorted(slow)


def test_due_instants_are_read_as_the_study_days_they_begin(db: Session) -> None:
    table, _ = read_cards(db, rollover_hour=CALENDAR.rollover_hour, tz=CALENDAR.zone)
    due = {key: day_date(int(day)) for key, day in zip(table.key, table.due, strict=True)}
    assert due == {key: day for _, key, _, day, _ in FINAL}
    assert not table.new.any()
    # Read with a rollover hour after the stored instants (04:00 UTC), each is the day before:
    # the instant, not the day, is what the store keeps.
    later, _ = read_cards(db, rollover_hour=5, tz=UTC)
    assert [int(d) for d in later.due] == [int(d) - 1 for d in table.due]

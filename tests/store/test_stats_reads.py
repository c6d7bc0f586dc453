"""The statistics' literal-bound reads give the rows SQLAlchemy itself gives for the statements."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from quizapp.store.database import open_database
from quizapp.store.fast.stats_reads import cards_query, fetch_rows, log_query
from tests.stats.store_history import write_history


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
    query = cards_query(db, deck_ids)
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

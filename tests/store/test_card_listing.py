"""The list's rows read on SQLite (times and days converted once per distinct value) are the
rows the plain SQLAlchemy path reads, and a page keeps the order it is asked in."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.session import Collection
from quizapp.store.card_listing import _listed, list_cards, listing
from tests.session.search_fixture import fill_states, open_collection


@pytest.fixture
def collection(tmp_path: Path) -> Collection:
    db_path = tmp_path / "l.sqlite3"
    opened, _clock = open_collection(db_path)
    fill_states(db_path)
    return opened


def test_the_sqlite_rows_are_the_core_rows(collection: Collection) -> None:
    try:
        ids = list(collection.search("").card_ids)
        assert len(ids) == 10
        database = collection.store._database
        with database.reading() as db:
            fast = list_cards(db, ids)
            core = sorted(
                (_listed(row) for row in db.execute(listing(ids))),
                key=lambda row: ids.index(row[0]),
            )
        assert fast == core
        # Aware UTC instants and dates, as the models read them.
        assert {type(row[3]).__name__ for row in fast} == {"datetime", "NoneType"}
        assert all(row[3] is None or row[3].utcoffset() is not None for row in fast)
        assert {type(row[7]).__name__ for row in fast} == {"date", "NoneType"}
        with database.reading() as db:
            backwards = list_cards(db, ids[::-1])
        assert [row[0] for row in backwards] == ids[::-1]
    finally:
        collection.close()


def test_a_result_reads_its_rows_a_page_at_a_time(collection: Collection) -> None:
    try:
        result = collection.search("deck:opt")
        result.PAGE = 3
        assert len(result) == 7
        assert [row.key for row in result] == ["a", "r", "r#reverse", "z#c1", "z#c2", "t", "ch"]
        assert result[-1].key == "ch" and [row.key for row in result[1:3]] == ["r", "r#reverse"]
        with pytest.raises(IndexError):
            result[7]
    finally:
        collection.close()

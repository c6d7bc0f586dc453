"""The searches, the actions and their undo on PostgreSQL select and change what they do on
SQLite (the same collection built through the same sessions on both)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from quizapp.config import Config
from quizapp.session import Collection
from tests.session.search_fixture import OPT
from tests.session.test_search import CASES
from tests.store.factory import basic, clock_at, deck
from tests.store.test_postgres import pg_url as pg_url  # the fixture: a new database per test

QUERIES = [query for query, _ in CASES] + ["is:due -is:new", "rated:2:4", "prop:due=1"]


def built(url: str) -> tuple[Collection, dict[str, list[str]]]:
    """The collection after the same answers and changes on any database, and what each
    query selects (deck/key, in the list's order) at the end."""
    clock = clock_at(2026, 3, 2, 9)
    gen = deck("gen", tuple(basic(f"g{i}", line=i + 1) for i in range(3)))
    collection = Collection.from_decks([OPT, gen], db_url=url, clock=clock, config=Config())
    for grades in ((5, 4, 0, 5), (3, 5, 1)):
        session = collection.start()
        for grade in grades:
            if session.current() is None:
                break
            session.answer(grade, 700)
        clock.advance(timedelta(days=1))
    collection.change_cards(collection.search("kind:cloze"), "suspend")
    collection.change_cards(collection.search("deck:gen"), "bury")
    collection.change_cards(collection.search("is:review"), "set_due", days=2)
    collection.undo_card_change()
    found = {
        query: [
            f"{row.deck_id}/{row.key}:{row.state}:{row.reviews}" for row in collection.search(query)
        ]
        for query in QUERIES
    }
    return collection, found


def test_postgres_selects_what_sqlite_selects(pg_url: str, tmp_path: Path) -> None:
    lite, on_sqlite = built(f"sqlite:///{tmp_path / 's.sqlite3'}")
    lite.close()
    postgres, on_postgres = built(pg_url)
    try:
        assert on_postgres == on_sqlite
        assert any(on_sqlite[query] for query in ("is:suspended", "is:buried", "rated:2"))
    finally:
        postgres.close()

"""What a search finds a prompt by: the deck sync keeps each prompt's folded text and tags in
`card_texts`, follows edits of text and tags, and fills them for a database upgraded to 0005."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

from quizapp.model import Card, CardKind, Deck
from quizapp.session import Collection
from quizapp.store.database import downgrade, open_database
from quizapp.store.revision import HEAD_REVISION
from tests.store.factory import clock_at

DECK = Deck(
    id="d",
    title="D",
    tags=("ML",),
    path="d.yaml",
    content_hash="h1",
    cards=(
        Card(id="a", kind=CardKind.REVERSE, front="Café", back="Crème", tags=("Food",)),
        Card(id="z", kind=CardKind.CLOZE, text="{{c1::Adam}} and {{c2::Ba}}"),
    ),
)


def texts(path: Path) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return list(
            connection.execute(
                "SELECT c.key, t.text, t.tags FROM card_texts t JOIN cards c ON c.id = t.card_id"
                " ORDER BY c.key"
            )
        )


def synced(path: Path, deck: Deck) -> None:
    Collection.from_decks([deck], db_url=f"sqlite:///{path}", clock=clock_at(2026, 3, 2)).close()


def test_the_sync_keeps_each_prompts_text_and_tags(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    synced(path, DECK)
    assert texts(path) == [
        ("a", "cafe\ncreme", " ml food "),
        ("a#reverse", "cafe\ncreme", " ml food "),
        ("z#c1", "adam and ba", " ml "),
        ("z#c2", "adam and ba", " ml "),
    ]
    # An edit of a card's text, and of the deck's tags (the card's content hash is the same).
    edited = replace(
        DECK,
        content_hash="h2",
        tags=("nlp",),
        cards=(replace(DECK.cards[0], back="Brûlée"), DECK.cards[1]),
    )
    synced(path, edited)
    assert texts(path) == [
        ("a", "cafe\nbrulee", " nlp food "),
        ("a#reverse", "cafe\nbrulee", " nlp food "),
        ("z#c1", "adam and ba", " nlp "),
        ("z#c2", "adam and ba", " nlp "),
    ]


def test_a_database_upgraded_to_0005_has_its_texts_filled_at_the_next_sync(
    tmp_path: Path,
) -> None:
    path = tmp_path / "u.sqlite3"
    synced(path, DECK)
    database = open_database(f"sqlite:///{path}")
    try:
        with database.engine.connect() as opened, opened.begin():
            downgrade(opened, "0004")
    finally:
        database.close()
    with closing(sqlite3.connect(path)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert not {"card_texts", "card_tags", "card_events"} & tables
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0004",)
    # The same deck file (same hash): the upgrade makes the sync look at its cards again.
    synced(path, DECK)
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )
        assert connection.execute("SELECT content_hash FROM decks").fetchone() == ("h1",)
    assert [row[0] for row in texts(path)] == ["a", "a#reverse", "z#c1", "z#c2"]

"""Deck sync: new cards added, edits keep progress, removed cards keep history and come back."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from quizapp.model import Card, CardKind, Deck
from quizapp.store.database import Database, open_database
from quizapp.store.deck_sync import SyncReport, card_hash, sync_decks
from tests.store.factory import basic, deck

NOW = datetime(2026, 3, 10, 11, 0, tzinfo=UTC)
INITIAL = {"easiness": 2.5, "repetitions": 0, "interval": 0}
#: A learnt card's due instant as stored (study day 04-01 from 04:00 at UTC+01:00).
DUE = "2026-04-01 03:00:00.000000"


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    opened = open_database(f"sqlite:///{tmp_path / 'q.sqlite3'}")
    yield opened
    opened.close()


def sync(database: Database, *decks: Deck) -> SyncReport:
    with database.writing() as db:
        return sync_decks(db, decks, now=NOW, scheduler="sm2", initial_state=INITIAL)


def query(database: Database, sql: str) -> list[tuple[Any, ...]]:
    path = database.engine.url.database
    assert path is not None
    with closing(sqlite3.connect(path)) as connection:
        return list(connection.execute(sql))


def give_progress(database: Database, key: str) -> None:
    """Pretend the card was learnt (what a review would have written)."""
    path = database.engine.url.database
    assert path is not None
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            "UPDATE card_states SET due_at = ?, interval = 16, repetitions = 3, easiness = 2.46"
            " WHERE card_id = (SELECT id FROM cards WHERE key = ?)",
            (DUE, key),
        )


def test_new_prompts_are_added_as_new_cards(database: Database) -> None:
    reverse = Card(id="r", kind=CardKind.REVERSE, front="Boosting", back="부스팅", line=9)
    cloze = Card(id="z", kind=CardKind.CLOZE, text="{{c1::Adam}} in {{c2::2014}} {{c1::x}}")
    report = sync(database, deck("d", (basic("a", line=3), reverse, cloze)))
    assert report == SyncReport(added=5)
    assert query(
        database,
        "SELECT c.key, c.kind, c.line, c.removed, s.due_at, s.repetitions, s.scheduler"
        " FROM cards c JOIN card_states s ON s.card_id = c.id ORDER BY c.key",
    ) == [
        ("a", "basic", 3, 0, None, 0, "sm2"),
        ("r", "reverse", 9, 0, None, 0, "sm2"),
        ("r#reverse", "reverse", 9, 0, None, 0, "sm2"),
        ("z#c1", "cloze", 0, 0, None, 0, "sm2"),
        ("z#c2", "cloze", 0, 0, None, 0, "sm2"),
    ]
    assert query(database, "SELECT id, title, path, content_hash FROM decks") == [
        ("d", "Deck d", "d.yaml", "hash-of-d-3")
    ]


def test_an_unchanged_deck_file_is_skipped(database: Database) -> None:
    sync(database, deck("d", 3, content_hash="same"))
    assert sync(database, deck("d", 3, content_hash="same")) == SyncReport(unchanged_decks=1)


def test_a_changed_card_keeps_its_progress_and_the_change_is_recorded(database: Database) -> None:
    first = deck("d", (basic("a", "old question"), basic("b")), content_hash="v1")
    sync(database, first)
    give_progress(database, "a")
    edited = replace(first, cards=(basic("a", "new question", line=4), basic("b")))
    report = sync(database, replace(edited, content_hash="v2"))
    assert report == SyncReport(changed=1)
    assert query(
        database,
        "SELECT c.line, c.content_hash, s.due_at, s.interval, s.repetitions, s.easiness"
        " FROM cards c JOIN card_states s ON s.card_id = c.id WHERE c.key = 'a'",
    ) == [(4, card_hash(basic("a", "new question")), DUE, 16, 3, 2.46)]
    assert query(database, "SELECT old_hash, new_hash FROM card_edits") == [
        (card_hash(basic("a", "old question")), card_hash(basic("a", "new question")))
    ]


def test_a_removed_card_keeps_its_history_and_comes_back_with_it(database: Database) -> None:
    sync(database, deck("d", (basic("a"), basic("b")), content_hash="v1"))
    give_progress(database, "b")
    assert sync(database, deck("d", (basic("a"),), content_hash="v2")) == SyncReport(removed=1)
    assert query(database, "SELECT key, removed FROM cards ORDER BY key") == [("a", 0), ("b", 1)]
    report = sync(database, deck("d", (basic("a"), basic("b")), content_hash="v3"))
    assert report == SyncReport(restored=1)
    assert query(
        database,
        "SELECT c.removed, s.due_at, s.repetitions FROM cards c JOIN card_states s"
        " ON s.card_id = c.id WHERE c.key = 'b'",
    ) == [(0, DUE, 3)]


def test_a_deck_left_out_of_the_sync_is_not_changed(database: Database) -> None:
    """A deck file that failed to load is not passed in: its cards stay as they were."""
    sync(database, deck("d", 2, content_hash="d1"), deck("e", 2, content_hash="e1"))
    before = query(database, "SELECT * FROM cards ORDER BY id")
    assert sync(database, deck("e", 2, content_hash="e1")) == SyncReport(unchanged_decks=1)
    assert query(database, "SELECT * FROM cards ORDER BY id") == before


def test_basic_turned_reverse_keeps_the_forward_progress(database: Database) -> None:
    sync(database, deck("d", (basic("a"),), content_hash="v1"))
    give_progress(database, "a")
    reverse = Card(id="a", kind=CardKind.REVERSE, front="front of a", back="b")
    report = sync(database, deck("d", (reverse,), content_hash="v2"))
    assert report == SyncReport(added=1, changed=1)
    assert query(
        database,
        "SELECT c.key, c.kind, s.repetitions FROM cards c JOIN card_states s"
        " ON s.card_id = c.id ORDER BY c.key",
    ) == [("a", "reverse", 3), ("a#reverse", "reverse", 0)]


def test_content_hash_ignores_line_and_tags_but_not_text() -> None:
    a = basic("a", "q", line=1)
    assert card_hash(a) == card_hash(replace(a, line=40, tags=("x",)))
    assert card_hash(a) != card_hash(replace(a, back="another answer"))
    assert len(card_hash(a)) == 64


def test_ten_thousand_new_cards_sync_in_bulk(database: Database) -> None:
    big = deck("big", 10_000, content_hash="v1")
    assert sync(database, big) == SyncReport(added=10_000)
    assert query(database, "SELECT count(*) FROM card_states") == [(10_000,)]
    # The same cards under a new file hash (e.g. a comment edited): compared, nothing changes.
    assert sync(database, replace(big, content_hash="v2")) == SyncReport()


def test_content_hash_is_the_sha256_of_a_fixed_json_text() -> None:
    # Stored hashes are compared across versions: a change here would mark every card as edited.
    # [kind, front, back, text, choices, correct, answer, accept, items, exercise], compact,
    # UTF-8 kept as is: sha256 of '["basic","Größe?","size","",[],[],"",[],[],null]'.
    card = Card(id="a", kind=CardKind.BASIC, front="Größe?", back="size")
    assert card_hash(card) == "6b9d81e830c9191676d7fd0157300296ddc35528766d57ae93cc37b1a907900d"


def test_a_first_sync_writes_each_card_and_its_initial_state(database: Database) -> None:
    cards = (basic("x", "first", line=4), Card(id="y", kind=CardKind.REVERSE, front="f", back="b"))
    assert sync(database, deck("d", cards)) == SyncReport(added=3)
    assert query(
        database,
        "SELECT c.key, c.kind, c.path, c.line, c.created, c.removed, s.scheduler, s.state,"
        " s.due_at, s.interval, s.easiness, s.repetitions, s.lapses, s.suspended, s.buried_until,"
        " s.introduced FROM cards c JOIN card_states s ON s.card_id = c.id ORDER BY c.key",
    ) == [
        (
            key,
            kind,
            "d.yaml",
            line,
            "2026-03-10 11:00:00.000000",
            0,
            "sm2",
            '{"easiness": 2.5, "repetitions": 0, "interval": 0}',
            None,
            0,
            2.5,
            0,
            0,
            0,
            None,
            None,
        )
        for key, kind, line in (("x", "basic", 4), ("y", "reverse", 0), ("y#reverse", "reverse", 0))
    ]


# -- a deck's scheduler switched and back ----------------------------------------------------------

#: Two schedulers of our own making and their JSON states (the store only keeps them).
ALPHA_NEW = {"stability": 0.0, "difficulty": 5.0}
BETA_NEW = {"easiness": 2.5, "repetitions": 0, "interval": 0}
STATE_COLUMNS = (
    "s.scheduler, s.state, s.due_at, s.interval, s.easiness, s.repetitions, s.lapses,"
    " s.suspended, s.buried_until, s.introduced"
)


def sync_under(database: Database, scheduler: str, initial: dict[str, Any]) -> SyncReport:
    with database.writing() as db:
        return sync_decks(
            db,
            [deck("d", 2, content_hash="same")],
            now=NOW,
            scheduler=scheduler,
            initial_state=initial,
        )


def learn(database: Database, key: str, scheduler: str, state: str, due_at: str) -> None:
    """Pretend card `key` was answered under `scheduler` (what an answer would have written)."""
    path = database.engine.url.database
    assert path is not None
    with closing(sqlite3.connect(path)) as connection, connection:
        card_id = connection.execute("SELECT id FROM cards WHERE key = ?", (key,)).fetchone()[0]
        connection.execute(
            "UPDATE card_states SET scheduler = ?, state = ?, due_at = ?, interval = 3,"
            " easiness = 4.25, repetitions = 2, lapses = 1, introduced = '2026-03-01'"
            " WHERE card_id = ?",
            (scheduler, state, due_at, card_id),
        )
        connection.execute(
            "INSERT INTO reviews VALUES (?, ?, '2026-03-09 10:00:00.000000', '2026-03-09', 3,"
            " 900, ?, '{}', ?, NULL, NULL, 0)",
            (f"review-{scheduler}", card_id, scheduler, state),
        )


def active(database: Database, key: str) -> list[tuple[Any, ...]]:
    return query(
        database,
        f"SELECT {STATE_COLUMNS} FROM card_states s JOIN cards c ON c.id = s.card_id"
        f" WHERE c.key = '{key}'",
    )


def stashed(database: Database) -> list[tuple[Any, ...]]:
    return query(
        database,
        "SELECT c.key, s.scheduler, s.state, s.due_at, s.interval, s.easiness, s.repetitions"
        " FROM scheduler_states s JOIN cards c ON c.id = s.card_id ORDER BY c.key, s.scheduler",
    )


def test_switching_a_decks_scheduler_and_back_keeps_each_schedulers_state(
    database: Database,
) -> None:
    alpha_new, beta_new = json.dumps(ALPHA_NEW), json.dumps(BETA_NEW)
    sync_under(database, "alpha", ALPHA_NEW)
    learnt_alpha = '{"stability": 3.2, "difficulty": 4.25}'
    learn(database, "c0", "alpha", learnt_alpha, "2026-03-12 03:00:00.000000")
    alpha_c0, alpha_c1 = active(database, "c0"), active(database, "c1")
    assert alpha_c0 == [
        ("alpha", learnt_alpha, "2026-03-12 03:00:00.000000", 3, 4.25, 2, 1, 0, None, "2026-03-01")
    ]

    # The deck file is unchanged; only its scheduler is another: the cards follow it.
    assert sync_under(database, "beta", BETA_NEW) == SyncReport(unchanged_decks=1)
    # c0 is new to beta (its lapses and first day are the card's own and stay).
    assert active(database, "c0") == [("beta", beta_new, None, 0, 2.5, 0, 1, 0, None, "2026-03-01")]
    assert active(database, "c1") == [("beta", beta_new, None, 0, 2.5, 0, 0, 0, None, None)]
    assert stashed(database) == [
        ("c0", "alpha", learnt_alpha, "2026-03-12 03:00:00.000000", 3, 4.25, 2),
        ("c1", "alpha", alpha_new, None, 0, 2.5, 0),  # the summary columns of a new card
    ]
    assert query(database, "SELECT id, scheduler FROM decks") == [("d", "beta")]
    learnt_beta = '{"easiness": 4.25, "repetitions": 2, "interval": 3}'
    learn(database, "c0", "beta", learnt_beta, "2026-03-20 03:00:00.000000")
    beta_c0 = active(database, "c0")

    # Back to alpha: its states exactly as they were; beta's are stashed in turn.
    sync_under(database, "alpha", ALPHA_NEW)
    assert active(database, "c0") == alpha_c0
    assert active(database, "c1") == alpha_c1
    assert stashed(database) == [
        ("c0", "beta", learnt_beta, "2026-03-20 03:00:00.000000", 3, 4.25, 2),
        ("c1", "beta", beta_new, None, 0, 2.5, 0),
    ]
    # And to beta again: its learnt state is back too.
    sync_under(database, "beta", BETA_NEW)
    assert active(database, "c0") == beta_c0
    # The review log keeps each answer's scheduler and rating as given.
    assert query(database, "SELECT id, scheduler, grade FROM reviews ORDER BY id") == [
        ("review-alpha", "alpha", 3),
        ("review-beta", "beta", 3),
    ]


def test_the_same_scheduler_again_changes_nothing(database: Database) -> None:
    sync_under(database, "alpha", ALPHA_NEW)
    learn(database, "c0", "alpha", '{"stability": 3.2}', "2026-03-12 03:00:00.000000")
    before = active(database, "c0")
    assert sync_under(database, "alpha", ALPHA_NEW) == SyncReport(unchanged_decks=1)
    assert active(database, "c0") == before
    assert stashed(database) == []

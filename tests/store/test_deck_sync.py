"""Deck sync: new cards added, edits keep progress, removed cards keep history and come back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from quizapp.model import Card, CardKind, Deck
from quizapp.scheduling.base import Scheduler, SchedulerState
from quizapp.scheduling.fsrs import FSRSConfig, review
from quizapp.scheduling.fsrs_scheduler import FSRSCard, FSRSScheduler
from quizapp.scheduling.sm2 import SM2Scheduler
from quizapp.store import queries
from quizapp.store.collection_store import scheduled
from quizapp.store.database import Database, open_database
from quizapp.store.deck_sync import SyncReport, card_hash, sync_decks
from quizapp.store.records import READ_STATE, ReviewRecord, StateRecord, state_record
from tests.store.factory import basic, deck
from tests.sync_helpers import CALENDAR_UTC, SM2_EVERYWHERE

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
        return sync_decks(db, decks, now=NOW, schedulers=SM2_EVERYWHERE, calendar=CALENDAR_UTC)


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

SM2 = SM2Scheduler()
FSRS = FSRSScheduler(FSRSConfig(fuzz=False))
STATE_COLUMNS = (
    "s.scheduler, s.state, s.due_at, s.interval, s.easiness, s.repetitions, s.lapses,"
    " s.suspended, s.buried_until, s.introduced"
)


def sync_under(database: Database, scheduler: Scheduler) -> SyncReport:
    with database.writing() as db:
        return sync_decks(
            db,
            [deck("d", 2, content_hash="same")],
            now=NOW,
            schedulers=lambda _deck: scheduler,
            calendar=CALENDAR_UTC,
        )


def answer(database: Database, key: str, scheduler: Scheduler, rating: int, when: datetime) -> None:
    """Answer card `key` under `scheduler` as the session does: its new state and a review row."""
    with database.writing() as db:
        card_id = queries.card_ids(db, ["d"])[("d", key)]
        before = read_state(db, card_id)
        assert before is not None and before.scheduler == scheduler.name
        outcome = scheduler.schedule(
            scheduler.state_from_dict(before.state), rating, when, CALENDAR_UTC
        )
        after = scheduled(
            before,
            scheduler=scheduler.name,
            state=outcome.state.to_dict(),
            due=outcome.due,
            summary=scheduler.summary(outcome.state),
            lapse=outcome.lapse,
            today=CALENDAR_UTC.day_of(when),
        )
        queries.write_state(db, after)
        queries.add_review(
            db,
            ReviewRecord(
                id=f"r-{scheduler.name}-{when.isoformat()}",
                card_id=card_id,
                reviewed_at=when,
                study_day=CALENDAR_UTC.day_of(when),
                grade=rating,
                response_ms=900,
                scheduler=scheduler.name,
                state_before=before.state,
                state_after=after.state,
                seed=None,
                given=None,
                repeat=False,
            ),
        )


def read_state(db: Session, card_id: int) -> StateRecord | None:
    row = db.execute(READ_STATE, {"b_card_id": card_id}).first()
    return None if row is None else state_record(list(row))


def state_of(database: Database, key: str) -> StateRecord:
    with database.reading() as db:
        state = read_state(db, queries.card_ids(db, ["d"])[("d", key)])
    assert state is not None
    return state


def stashed(database: Database) -> list[tuple[Any, ...]]:
    return query(
        database,
        "SELECT c.key, s.scheduler FROM scheduler_states s JOIN cards c ON c.id = s.card_id"
        " ORDER BY c.key, s.scheduler",
    )


def test_sm2_to_fsrs_to_sm2_replays_the_log_and_loses_nothing(database: Database) -> None:
    sync_under(database, SM2)
    days = [datetime(2026, 3, d, 9, tzinfo=UTC) for d in (1, 2, 8, 30)]
    for when, grade in zip(days, (4, 5, 2, 4), strict=True):
        answer(database, "c0", SM2, grade, when)
    sm2_c0, sm2_c1 = state_of(database, "c0"), state_of(database, "c1")

    # To FSRS (the deck file unchanged): c0's SM-2 grades are replayed as FSRS ratings, at
    # the times they were given (5 Easy, 4 Good, 2 Again); c1 was never answered: new.
    assert sync_under(database, FSRS) == SyncReport(unchanged_decks=1)
    memory = None
    for when, rating in zip(days, (3, 4, 1, 3), strict=True):
        memory = review(memory, rating, when, FSRS.config)
    assert memory is not None
    fsrs_c0 = state_of(database, "c0")
    assert FSRS.state_from_dict(fsrs_c0.state) == FSRSCard(
        memory, 0 if memory.phase != "review" else fsrs_c0.repetitions
    )
    assert fsrs_c0.due_at == memory.due
    assert (fsrs_c0.scheduler, fsrs_c0.easiness) == ("fsrs", memory.difficulty)
    assert (fsrs_c0.lapses, fsrs_c0.introduced) == (sm2_c0.lapses, sm2_c0.introduced)
    assert state_of(database, "c1").state == {}
    assert state_of(database, "c1").due_at is None
    assert stashed(database) == [("c0", "sm2"), ("c1", "sm2")]
    assert query(database, "SELECT id, scheduler FROM decks") == [("d", "fsrs")]

    # Straight back to SM-2, nothing answered under FSRS: exactly the state it had.
    sync_under(database, SM2)
    for key, was in (("c0", sm2_c0), ("c1", sm2_c1)):
        back = state_of(database, key)
        # A switch is a change of state: a session still holding the old version cannot write.
        assert back.version > was.version
        assert replace(back, version=was.version) == was

    # FSRS again, two answers under it, then SM-2: SM-2's state is the one its last answer
    # left, with FSRS's answers replayed on it (Good -> 4, Hard -> 3).
    sync_under(database, FSRS)
    later = [datetime(2026, 5, 1, 9, tzinfo=UTC), datetime(2026, 6, 1, 9, tzinfo=UTC)]
    answer(database, "c0", FSRS, 3, later[0])
    answer(database, "c0", FSRS, 2, later[1])
    fsrs_after = state_of(database, "c0")
    sync_under(database, SM2)
    expected: SchedulerState = SM2.state_from_dict(sm2_c0.state)
    for grade in (4, 3):
        expected = SM2.answer(expected, grade, CALENDAR_UTC.day_of(later[0])).state
    back = state_of(database, "c0")
    assert SM2.state_from_dict(back.state) == expected
    assert back.due_at == CALENDAR_UTC.start_of(
        CALENDAR_UTC.day_of(later[1]) + timedelta(days=expected.interval)
    )
    # And FSRS once more: its own last answer's state, exactly (nothing was lost).
    sync_under(database, FSRS)
    assert state_of(database, "c0").state == fsrs_after.state
    assert state_of(database, "c0").due_at == fsrs_after.due_at
    # The review log keeps each answer's scheduler and rating as given.
    assert query(database, "SELECT scheduler, grade FROM reviews ORDER BY reviewed_at") == [
        ("sm2", 4),
        ("sm2", 5),
        ("sm2", 2),
        ("sm2", 4),
        ("fsrs", 3),
        ("fsrs", 2),
    ]


def test_the_same_scheduler_again_changes_nothing(database: Database) -> None:
    sync_under(database, SM2)
    answer(database, "c0", SM2, 4, datetime(2026, 3, 9, 9, tzinfo=UTC))
    before = state_of(database, "c0")
    assert sync_under(database, SM2) == SyncReport(unchanged_decks=1)
    assert state_of(database, "c0") == before
    assert stashed(database) == []

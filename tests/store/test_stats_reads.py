"""The statistics' literal-bound reads give the rows SQLAlchemy itself gives for the statements."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from quizapp.stats.days import day_date
from quizapp.store.database import open_database
from quizapp.store.fast.stats_reads import (
    cards_query,
    fetch_rows,
    log_query,
    read_cards,
    read_log,
)
from quizapp.store.models import CardRow, ReviewRow, SchedulerStateRow
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


def test_each_answer_passes_by_its_own_schedulers_scale(tmp_path: Path) -> None:
    # One of the seven answers was given under another scheduler (its card switched since):
    # SM-2's grades 3-5 pass, and a scheduler this quizapp does not know passes nothing.
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    write_history(url)
    database = open_database(url)
    try:
        with database.writing() as session:
            b1 = session.execute(
                select(CardRow.id).where(CardRow.deck_id == "beta", CardRow.key == "b1")
            ).scalar_one()
            first = (
                session.execute(
                    select(ReviewRow.id)
                    .where(ReviewRow.card_id == b1)
                    .order_by(ReviewRow.reviewed_at)
                )
                .scalars()
                .first()
            )
            session.execute(update(ReviewRow).where(ReviewRow.id == first).values(scheduler="x"))
            session.execute(
                insert(SchedulerStateRow).values(
                    card_id=b1, scheduler="x", state={}, interval=0, easiness=0, repetitions=0
                )
            )
        with database.reading() as session:
            query = log_query(session, None, by_scheduler=True)
            fast = fetch_rows(session, query)
            slow = [
                tuple(int(v) if isinstance(v, bool) else v for v in r)
                for r in session.execute(query)
            ]
            assert sorted(fast) == sorted(slow)
            cards, ids = read_cards(session, rollover_hour=4, tz=UTC)
            log = read_log(session, ids, rollover_hour=4, tz=UTC)
    finally:
        database.close()
    keys = [cards.key[int(c)] for c in log.card]
    answers = sorted(
        zip(keys, log.day.tolist(), log.grade.tolist(), log.passed.tolist(), strict=True)
    )
    assert [(key, grade, passed) for key, _day, grade, passed in answers] == [
        ("a1", 4, True),
        ("a1", 5, True),
        ("a2", 3, True),
        ("a2", 3, True),
        ("b1", 4, False),  # given under the unknown scheduler "x"
        ("b1", 2, False),
        ("b2", 4, True),
    ]

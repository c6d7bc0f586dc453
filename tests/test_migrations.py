"""A database made by the first schema revision is upgraded by the current code, keeping reviews."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizapp.store.database import HEAD_REVISION, open_database

pytestmark = pytest.mark.slow

REVIEWS = 250


def make_revision_1_database(path: Path) -> None:
    """Build the schema of revision 0001 with the program's own migration, then fill it by hand."""
    open_database(f"sqlite:///{path}", target="0001").close()
    with closing(sqlite3.connect(path)) as connection, connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        columns = [row[1] for row in connection.execute("PRAGMA table_info(reviews)")]
        assert "repeat" not in columns  # really the first schema
        connection.execute(
            "INSERT INTO decks VALUES ('d', 'Deck d', 'd.yaml', 'h', '2026-01-01 10:00:00.000000')"
        )
        connection.execute(
            "INSERT INTO cards (id, deck_id, key, kind, content_hash, path, line, created, removed)"
            " VALUES (1, 'd', 'c0', 'basic', 'x', 'd.yaml', 3, '2026-01-01 10:00:00.000000', 0)"
        )
        state = json.dumps({"easiness": 2.5, "repetitions": 1, "interval": 1})
        connection.execute(
            "INSERT INTO card_states VALUES (1, 'sm2', ?, '2026-01-02', 1, 2.5, 1, 0, 0, NULL,"
            " '2026-01-01')",
            (state,),
        )
        connection.executemany(
            "INSERT INTO reviews VALUES (?, 1, ?, '2026-01-01', ?, ?, 'sm2', ?, ?, NULL, NULL)",
            [
                (
                    f"00000000-0000-4000-8000-{i:012d}",
                    f"2026-01-01 10:{i // 60 % 60:02d}:{i % 60:02d}.000000",
                    i % 6,
                    100 + i,
                    state,
                    state,
                )
                for i in range(REVIEWS)
            ],
        )


def test_revision_1_database_is_upgraded_with_every_review_kept(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    make_revision_1_database(path)
    with closing(sqlite3.connect(path)) as connection, connection:
        before = connection.execute("SELECT * FROM reviews ORDER BY id").fetchall()
    assert len(before) == REVIEWS

    open_database(f"sqlite:///{path}").close()

    with closing(sqlite3.connect(path)) as connection, connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )
        after = connection.execute("SELECT * FROM reviews ORDER BY id").fetchall()
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        indexes = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    # Every review is there, unchanged, with the new column saying it was no repeat.
    assert after == [(*row, 0) for row in before]
    assert {"ix_reviews_study_day", "ix_reviews_card_id", "ix_card_states_due"} <= indexes

    # The backup next to it is the database as it was before the upgrade.
    (backup,) = [p for p in tmp_path.iterdir() if p.name.startswith("q.sqlite3.backup-0001-")]
    with closing(sqlite3.connect(backup)) as connection, connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert connection.execute("SELECT * FROM reviews ORDER BY id").fetchall() == before


def test_an_upgraded_database_is_studied_on(tmp_path: Path) -> None:
    from datetime import timedelta

    from quizapp.session import Collection
    from tests.store.factory import clock_at, deck

    path = tmp_path / "q.sqlite3"
    make_revision_1_database(path)
    clock = clock_at(2026, 1, 2)
    with Collection.from_decks(
        [deck("d", 1, content_hash="h")], db_url=f"sqlite:///{path}", clock=clock
    ) as collection:
        session = collection.start()
        item = session.current()
        # c0 was due on 01-02 at revision 1: it is asked as a review, not as a new card.
        assert item is not None and (item.prompt.key, item.is_new) == ("c0", False)
        session.answer(4, 1000)
        clock.advance(timedelta(days=1))
    with closing(sqlite3.connect(path)) as connection, connection:
        assert connection.execute("SELECT count(*) FROM reviews").fetchone() == (REVIEWS + 1,)


# -- revision 0003: due days become the instants their study days begin ---------------------------

#: Due days at revision 0002, and the instant (naive UTC text) each study day begins at 04:00 in
#: Berlin, worked out by hand: CET (UTC+1) in winter, CEST (UTC+2) from 03-29 02:00 to 10-25.
DUE_DAYS = {
    1: ("2026-03-28", "2026-03-28 03:00:00.000000"),
    2: ("2026-03-29", "2026-03-29 02:00:00.000000"),  # the day the clocks go forward
    3: ("2026-07-01", "2026-07-01 02:00:00.000000"),
    4: ("2026-10-25", "2026-10-25 03:00:00.000000"),  # the day they go back
    5: ("2026-03-28", "2026-03-28 03:00:00.000000"),
}
NEW_CARD = 6


def make_revision_2_database(path: Path) -> None:
    """Build the schema of revision 0002 with the program's own migration, then fill it by hand."""
    open_database(f"sqlite:///{path}", target="0002").close()
    state = json.dumps({"easiness": 2.5, "repetitions": 1, "interval": 1})
    with closing(sqlite3.connect(path)) as connection, connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
        connection.execute(
            "INSERT INTO decks VALUES ('d', 'Deck d', 'd.yaml', 'h', '2026-01-01 10:00:00.000000')"
        )
        for card_id in (*DUE_DAYS, NEW_CARD):
            due = DUE_DAYS[card_id][0] if card_id in DUE_DAYS else None
            connection.execute(
                "INSERT INTO cards (id, deck_id, key, kind, content_hash, path, line, created,"
                " removed) VALUES (?, 'd', ?, 'basic', 'x', 'd.yaml', ?, "
                "'2026-01-01 10:00:00.000000', 0)",
                (card_id, f"c{card_id}", card_id),
            )
            connection.execute(
                "INSERT INTO card_states (card_id, scheduler, state, due, interval, easiness,"
                " repetitions, lapses, suspended, buried_until, introduced)"
                " VALUES (?, 'sm2', ?, ?, 1, 2.5, 1, 0, 0, NULL, ?)",
                (card_id, state, due, None if due is None else "2026-01-01"),
            )


def _states(path: Path, due: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return list(
            connection.execute(
                f"SELECT card_id, scheduler, state, {due}, interval, easiness, repetitions,"
                " lapses, suspended, buried_until, introduced FROM card_states ORDER BY card_id"
            )
        )


def test_revision_2_due_days_become_the_instants_their_study_days_begin(tmp_path: Path) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from quizapp.scheduling.days import StudyCalendar

    try:
        calendar = StudyCalendar(4, ZoneInfo("Europe/Berlin"))
    except ZoneInfoNotFoundError:  # pragma: no cover - a machine without tz data
        pytest.skip("no time zone database on this machine")
    path = tmp_path / "q.sqlite3"
    make_revision_2_database(path)
    before = _states(path, "due")

    open_database(f"sqlite:///{path}", calendar=calendar).close()

    after = _states(path, "due_at")
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
            HEAD_REVISION,
        )
        columns = [row[1] for row in connection.execute("PRAGMA table_info(card_states)")]
        (indexed,) = connection.execute("PRAGMA index_info(ix_card_states_due)").fetchall()
        assert connection.execute("SELECT scheduler FROM decks").fetchall() == [("sm2",)]
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert "due" not in columns and columns.index("due_at") == columns.index("state") + 1
    assert indexed[2] == "due_at"
    # Every due day is now the instant its study day begins; a new card is still without one;
    # nothing else in the rows changed.
    assert [row[3] for row in after] == [*(DUE_DAYS[i][1] for i in DUE_DAYS), None]
    assert [row[:3] + row[4:] for row in after] == [row[:3] + row[4:] for row in before]
    for row_before, row_after in zip(before[:-1], after[:-1], strict=True):
        moment = datetime.fromisoformat(str(row_after[3])).replace(tzinfo=UTC)
        assert calendar.day_of(moment).isoformat() == row_before[3]
    # The backup next to it is the database at revision 0002.
    (backup,) = [p for p in tmp_path.iterdir() if p.name.startswith("q.sqlite3.backup-0002-")]
    assert _states(backup, "due") == before

    # Down to 0002 gives the same due days back; up again the same instants.
    from quizapp.store.database import downgrade, upgrade

    database = open_database(f"sqlite:///{path}")
    try:
        with database.engine.connect() as opened, opened.begin():
            downgrade(opened, "0002", calendar=calendar)
        assert _states(path, "due") == before
        with database.engine.connect() as opened, opened.begin():
            upgrade(opened, calendar=calendar)
        assert _states(path, "due_at") == after
    finally:
        database.close()

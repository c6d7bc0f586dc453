"""Prepared statements: compiled once, parameters converted as SQLAlchemy would convert them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.dialects import sqlite

from quizapp.store.fast.prepared import JsonTexts, Prepared
from quizapp.store.models import CardStateRow, ReviewRow

_states = cast(Table, CardStateRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)
DIALECT = sqlite.dialect()


def test_parameters_are_converted_by_column_type_in_statement_order() -> None:
    statement = (
        update(_states)
        .where(_states.c.card_id == bindparam("b_card_id"))
        .values(
            due_at=bindparam("due_at"), state=bindparam("state"), suspended=bindparam("suspended")
        )
    )
    prepared = Prepared(statement, DIALECT)
    assert prepared.sql == (
        "UPDATE card_states SET state=?, due_at=?, suspended=? WHERE card_states.card_id = ?"
    )
    # 04:00 at UTC+01:00: stored as naive UTC text.
    due_at = datetime(2026, 3, 1, 4, tzinfo=timezone(timedelta(hours=1)))
    values = {"b_card_id": 7, "due_at": due_at, "state": {"a": 1}, "suspended": True}
    assert prepared.params(values) == ['{"a": 1}', "2026-03-01 03:00:00.000000", 1, 7]


def test_values_written_into_the_statement_fill_their_parameters() -> None:
    statement = update(_states).where(_states.c.card_id == bindparam("b_id")).values(lapses=3)
    prepared = Prepared(statement, DIALECT)
    assert prepared.params({"b_id": 5}) == [3, 5]
    assert prepared.many([{"b_id": 1}, {"b_id": 2}]) == [[3, 1], [3, 2]]


@dataclass
class Row:
    card_id: int
    buried_until: date | None


def test_parameters_from_attributes_b_prefix_names_the_attribute() -> None:
    statement = (
        update(_states)
        .where(_states.c.card_id == bindparam("b_card_id"))
        .values(buried_until=bindparam("buried_until"))
    )
    assert Prepared(statement, DIALECT).params_of(Row(9, date(2026, 1, 2))) == ["2026-01-02", 9]


def test_many_rows_share_one_conversion_of_the_same_value(tmp_path: Path) -> None:
    # The same aware datetime object in every row: stored as naive UTC text each time.
    moment = datetime(2026, 3, 10, 23, 15, tzinfo=UTC)
    statement = insert(_reviews).values({c.name: bindparam(c.name) for c in _reviews.c})
    prepared = Prepared(statement, DIALECT)
    rows: list[dict[str, Any]] = [
        {
            "id": f"r{i}",
            "card_id": i,
            "reviewed_at": moment,
            "study_day": date(2026, 3, 10),
            "grade": 4,
            "response_ms": 10 * i,
            "scheduler": "sm2",
            "state_before": {},
            "state_after": {"interval": i},
            "seed": None,
            "given": None,
            "repeat": False,
        }
        for i in range(3)
    ]
    converted = prepared.many(rows)
    assert [values[2] for values in converted] == ["2026-03-10 23:15:00.000000"] * 3
    assert [values[8] for values in converted] == [
        '{"interval": 0}',
        '{"interval": 1}',
        '{"interval": 2}',
    ]
    # And the driver takes them as they are.
    with closing(sqlite3.connect(tmp_path / "x.sqlite3")) as db:
        db.execute(
            "CREATE TABLE reviews (id, card_id, reviewed_at, study_day, grade, response_ms,"
            " scheduler, state_before, state_after, seed, given, repeat)"
        )
        db.executemany(prepared.sql, converted)
        assert db.execute("SELECT count(*), max(response_ms) FROM reviews").fetchone() == (3, 20)


def test_json_texts_are_found_by_identity_and_the_oldest_go_first() -> None:
    texts = JsonTexts(size=2)
    a, b, c = {"x": 1}, {"x": 1}, {"x": 2}
    texts.put(a, "A")
    assert texts.get(a) == "A"
    assert texts.get(b) is None  # equal, but another value
    texts.put(b, "B")
    texts.put(c, "C")
    assert (texts.get(a), texts.get(b), texts.get(c)) == (None, "B", "C")


def test_a_json_value_seen_before_is_not_serialised_again() -> None:
    texts = JsonTexts()
    statement = (
        update(_states)
        .where(_states.c.card_id == bindparam("b_card_id"))
        .values(state=bindparam("state"))
    )
    prepared = Prepared(statement, DIALECT, json_texts=texts)
    state = {"easiness": 2.5}
    texts.put(state, '{"easiness":2.5}')  # as read back from the database, compact
    assert prepared.params({"state": state, "b_card_id": 1}) == ['{"easiness":2.5}', 1]
    other = {"interval": 6}
    assert prepared.params({"state": other, "b_card_id": 2}) == ['{"interval": 6}', 2]
    assert texts.get(other) == '{"interval": 6}'
    assert prepared.params({"state": None, "b_card_id": 3}) == ["null", 3]


def test_dates_and_times_are_written_as_sqlalchemy_writes_them() -> None:
    """The quicker text of a date or UTC time (isoformat) is SQLAlchemy's own, to the byte."""
    statement = update(_reviews).values(
        reviewed_at=bindparam("reviewed_at"), study_day=bindparam("study_day")
    )
    prepared = Prepared(statement, DIALECT)
    reviewed = _reviews.c.reviewed_at.type.dialect_impl(DIALECT).bind_processor(DIALECT)
    day = _reviews.c.study_day.type.dialect_impl(DIALECT).bind_processor(DIALECT)
    assert reviewed is not None and day is not None
    instants = [
        datetime(2026, 3, 10, 12, tzinfo=UTC),
        datetime(2026, 3, 10, 12, 0, 5, 7, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
        datetime(2026, 3, 10, 5, 6, 7, 89, tzinfo=timezone(timedelta(hours=2))),
    ]
    days = [date(2026, 3, 10), date(1, 1, 1), date(999, 1, 2), datetime(2026, 1, 1, 3, tzinfo=UTC)]
    for instant, study_day in zip(instants, days, strict=False):
        values = {"reviewed_at": instant, "study_day": study_day}
        assert prepared.params(values) == [reviewed(instant), day(study_day)]
    assert prepared.params({"reviewed_at": instants[0], "study_day": days[0]}) == [
        "2026-03-10 12:00:00.000000",
        "2026-03-10",
    ]
    # A naive time is still refused, by the column type's own check.
    with pytest.raises(ValueError, match="aware datetimes only"):
        prepared.params({"reviewed_at": datetime(2026, 3, 10), "study_day": days[0]})  # noqa: DTZ001

"""The one mapping of the state and review rows: the records' fields are the tables' columns."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from typing import cast

from sqlalchemy import Table

from quizapp.store.models import CardStateRow, ReviewRow
from quizapp.store.records import (
    REVIEW_FIELDS,
    SCHEDULE_FIELDS,
    STATE_FIELDS,
    StateRecord,
    state_record,
)


def test_state_fields_are_the_card_states_columns_in_order() -> None:
    table = cast(Table, CardStateRow.__table__)
    assert tuple(column.name for column in table.columns) == STATE_FIELDS


def test_review_fields_are_the_reviews_columns_in_order() -> None:
    table = cast(Table, ReviewRow.__table__)
    assert tuple(column.name for column in table.columns) == REVIEW_FIELDS


def test_an_answer_writes_the_scheduling_columns_only() -> None:
    assert SCHEDULE_FIELDS == (
        "scheduler",
        "state",
        "due_at",
        "interval",
        "easiness",
        "repetitions",
        "lapses",
        "introduced",
    )


def test_a_row_read_back_becomes_the_record_with_a_real_flag() -> None:
    state = {"easiness": 2.5, "repetitions": 1, "interval": 1}
    due = datetime(2026, 3, 2, 3, tzinfo=UTC)
    row = [7, "sm2", state, due, 1, 2.5, 1, 0, 0, None, date(2026, 3, 1)]
    record = state_record(row)
    assert record == StateRecord(
        card_id=7,
        scheduler="sm2",
        state=state,
        due_at=due,
        interval=1,
        easiness=2.5,
        repetitions=1,
        lapses=0,
        suspended=False,
        buried_until=None,
        introduced=date(2026, 3, 1),
    )
    assert record.suspended is False


def test_the_quick_home_read_imports_no_sqlalchemy() -> None:
    code = "import sys, quizapp.store.fast.quick_home; print('sqlalchemy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

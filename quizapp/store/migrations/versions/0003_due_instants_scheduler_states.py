"""Due times become instants, and a card keeps a state per scheduler.

- card_states.due (a study day) becomes card_states.due_at (a UTC instant), so a scheduler can
  ask again in minutes. Each stored due day becomes the instant that study day begins, by the
  learner's rollover rule: `quizapp.store.database.open_database` hands its `StudyCalendar` in
  as ``config.attributes["calendar"]`` (a migration cannot read the config). The due index
  follows the column.
- scheduler_states: the states of the schedulers a card used before (the active one stays in
  card_states), so switching a deck's scheduler and back keeps both histories.
- decks.scheduler: the scheduler of the deck's cards at its last sync; filled here from the
  states of its cards.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import context, op

from quizapp.scheduling.days import StudyCalendar

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None

_states = sa.table(
    "card_states",
    sa.column("card_id", sa.Integer()),
    sa.column("due", sa.Date()),
    sa.column("due_at", sa.DateTime()),
)


def _calendar() -> StudyCalendar:
    given = context.config.attributes.get("calendar") if context.config is not None else None
    return given if isinstance(given, StudyCalendar) else StudyCalendar()


def _convert(source: sa.ColumnElement[Any], target: str, convert: Callable[[Any], Any]) -> None:
    """Set `target` from `source` for every row, one UPDATE per distinct value.

    Due values are few (whole days), so converting each distinct one in Python is cheap for any
    number of cards and keeps the rollover rule in one place (`StudyCalendar`).
    """
    connection = op.get_bind()
    values = connection.execute(sa.select(source).where(source.is_not(None)).distinct()).scalars()
    pairs = [(value, convert(value)) for value in values]
    update = (
        sa.update(_states)
        .where(source == sa.bindparam("b_old"))
        .values({target: sa.bindparam("b_new")})
    )
    for start in range(0, len(pairs), 500):
        connection.execute(
            update, [{"b_old": o, "b_new": n} for o, n in pairs[start : start + 500]]
        )


def _naive_utc_start(calendar: StudyCalendar) -> Callable[[date], datetime]:
    # Stored as the models' UTCDateTime stores it: naive UTC.
    return lambda day: calendar.start_of(day).replace(tzinfo=None)


def _add_in_place_of(column: sa.Column[Any], after: str) -> None:
    """Add `column` to card_states right after `after` where the database can place it (SQLite
    recreates the table for that), at the end elsewhere."""
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("card_states", recreate="always") as batch:
            batch.add_column(column, insert_after=after)
    else:
        op.add_column("card_states", column)


def upgrade() -> None:
    calendar = _calendar()
    _add_in_place_of(sa.Column("due_at", sa.DateTime(), nullable=True), "state")
    _convert(_states.c.due, "due_at", _naive_utc_start(calendar))
    op.drop_index("ix_card_states_due", "card_states")
    with op.batch_alter_table("card_states") as batch:
        batch.drop_column("due")
    op.create_index("ix_card_states_due", "card_states", ["due_at"])

    op.create_table(
        "scheduler_states",
        sa.Column("card_id", sa.Integer(), sa.ForeignKey("cards.id"), primary_key=True),
        sa.Column("scheduler", sa.String(40), primary_key=True),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("interval", sa.Integer(), nullable=False),
        sa.Column("easiness", sa.Float(), nullable=False),
        sa.Column("repetitions", sa.Integer(), nullable=False),
    )
    with op.batch_alter_table("decks") as batch:
        batch.add_column(sa.Column("scheduler", sa.String(40), nullable=True))
    cards = sa.table("cards", sa.column("id"), sa.column("deck_id"))
    states = sa.table("card_states", sa.column("card_id"), sa.column("scheduler"))
    decks = sa.table("decks", sa.column("id"), sa.column("scheduler"))
    used = (
        sa.select(sa.func.min(states.c.scheduler))
        .select_from(states.join(cards, cards.c.id == states.c.card_id))
        .where(cards.c.deck_id == decks.c.id)
        .scalar_subquery()
    )
    op.execute(sa.update(decks).values(scheduler=used))


def downgrade() -> None:
    calendar = _calendar()
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35 on): recreating `decks` would break the cards'
    # foreign keys.
    op.drop_column("decks", "scheduler")
    op.drop_table("scheduler_states")
    _add_in_place_of(sa.Column("due", sa.Date(), nullable=True), "state")
    _convert(_states.c.due_at, "due", lambda instant: calendar.day_of(instant.replace(tzinfo=UTC)))
    op.drop_index("ix_card_states_due", "card_states")
    with op.batch_alter_table("card_states") as batch:
        batch.drop_column("due_at")
    op.create_index("ix_card_states_due", "card_states", ["due"])

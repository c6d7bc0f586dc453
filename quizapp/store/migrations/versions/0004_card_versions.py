"""A card state's version, so that two sessions never schedule a card from a stale state.

card_states.version counts the changes of a card's scheduling state: an answer writes its new
state only where the row still has the version it was computed from (``UPDATE ... WHERE
version = :seen``), and bumps it; a session that finds 0 rows changed reloads the state and
answers again from it (`quizapp.session.study`). Existing rows start at 0.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # At the end of the table (as the model has it): no table to recreate on SQLite.
    op.add_column(
        "card_states",
        sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("0")),
    )


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35 on): recreating card_states is not needed.
    op.drop_column("card_states", "version")

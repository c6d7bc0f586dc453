"""Step-7 repeats in the review log, a record of card edits, and indexes for the daily queries.

- reviews.repeat: a same-day SM-2 repeat (it leaves the state alone); earlier rows were not.
- card_edits: a card whose content changed under the same key keeps its progress; the change of
  content hash is written here.
- indexes on the due day and on the review log's card and study day: building the queue and
  counting today's reviews must not scan a million-row log.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reviews") as batch:
        batch.add_column(
            sa.Column("repeat", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_index("ix_reviews_card_id", "reviews", ["card_id"])
    op.create_index("ix_reviews_study_day", "reviews", ["study_day"])
    op.create_index("ix_card_states_due", "card_states", ["due"])
    op.create_table(
        "card_edits",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("card_id", sa.Integer(), sa.ForeignKey("cards.id"), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("old_hash", sa.String(64), nullable=False),
        sa.Column("new_hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_card_edits_card_id", "card_edits", ["card_id"])


def downgrade() -> None:
    op.drop_index("ix_card_edits_card_id", "card_edits")
    op.drop_table("card_edits")
    op.drop_index("ix_card_states_due", "card_states")
    op.drop_index("ix_reviews_study_day", "reviews")
    op.drop_index("ix_reviews_card_id", "reviews")
    with op.batch_alter_table("reviews") as batch:
        batch.drop_column("repeat")

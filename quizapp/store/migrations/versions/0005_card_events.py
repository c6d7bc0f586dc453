"""Search and card events: each prompt's searchable text, stored tags, and the card-event log.

- card_texts: the folded text and tags a search matches (filled by the deck sync; every deck's
  stored file hash is cleared here so the next sync visits each card once and fills them).
- card_tags: tags the program gives a card (`leech`), which no deck file holds.
- card_events: suspend, unsuspend, bury, unbury, reset and set-due from `quizapp cards`, one row
  per card, grouped by the action (`batch`), with the columns before and after (for undo).
- ix_cards_listed: cards by deck, file line and key, the order a search lists them in.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "card_texts",
        sa.Column("card_id", sa.Integer(), sa.ForeignKey("cards.id"), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False, server_default=""),
        sa.Column("tags", sa.Text(), nullable=False, server_default=" "),
    )
    op.create_table(
        "card_tags",
        sa.Column("card_id", sa.Integer(), sa.ForeignKey("cards.id"), primary_key=True),
        sa.Column("tag", sa.String(100), primary_key=True),
    )
    op.create_index("ix_card_tags_tag", "card_tags", ["tag", "card_id"])
    op.create_table(
        "card_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("batch", sa.String(36), nullable=False),
        sa.Column("card_id", sa.Integer(), sa.ForeignKey("cards.id"), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
    )
    op.create_index("ix_card_events_batch", "card_events", ["batch"])
    op.create_index("ix_card_events_card_id", "card_events", ["card_id"])
    op.create_index("ix_cards_listed", "cards", ["deck_id", "line", "key"])
    # The next sync looks at every card again, and fills card_texts.
    decks = sa.table("decks", sa.column("content_hash", sa.String()))
    op.execute(sa.update(decks).values(content_hash=""))


def downgrade() -> None:
    op.drop_index("ix_cards_listed", "cards")
    op.drop_index("ix_card_events_card_id", "card_events")
    op.drop_index("ix_card_events_batch", "card_events")
    op.drop_table("card_events")
    op.drop_index("ix_card_tags_tag", "card_tags")
    op.drop_table("card_tags")
    op.drop_table("card_texts")

"""The tables, as SQLAlchemy 2 typed models (the schema at the newest migration).

Rows are not domain objects: `quizapp.store.queries` turns them into plain values for the session.
A card's progress hangs on ``(deck id, card key)``; a card that leaves its file is only flagged
`removed`, so its history stays and comes back with it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from quizapp.model import MAX_CARD_KEY_LENGTH, MAX_DECK_ID_LENGTH
from quizapp.store.types import UTCDateTime


class Base(DeclarativeBase):
    """The declarative base of every quizapp table."""


class MetaRow(Base):
    """Facts about the database itself (when it was created, by which quizapp)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(1000))


class DeckRow(Base):
    """A deck seen at a sync: its id is the `deck:` field of its file."""

    __tablename__ = "decks"

    id: Mapped[str] = mapped_column(String(MAX_DECK_ID_LENGTH), primary_key=True)
    title: Mapped[str] = mapped_column(String(1000))
    path: Mapped[str] = mapped_column(String(4000))
    #: sha256 of the file's bytes at the last sync: equal means nothing in the deck changed.
    content_hash: Mapped[str] = mapped_column(String(64))
    synced_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: The scheduler the deck's cards were scheduled by at the last sync (NULL: not known yet).
    scheduler: Mapped[str | None] = mapped_column(String(40), nullable=True)


class CardRow(Base):
    """One prompt of a deck (a card, or one direction or deletion of it)."""

    __tablename__ = "cards"
    __table_args__ = (
        UniqueConstraint("deck_id", "key", name="uq_cards_deck_key"),
        #: The card list's order (a search's ids come in it without a sort of every row).
        Index("ix_cards_listed", "deck_id", "line", "key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    deck_id: Mapped[str] = mapped_column(ForeignKey("decks.id"), index=True)
    #: The card id, plus ``#variant`` for a reverse direction or a cloze deletion.
    key: Mapped[str] = mapped_column(String(MAX_CARD_KEY_LENGTH))
    kind: Mapped[str] = mapped_column(String(20))
    #: sha256 of the card's content; a change is recorded in `card_edits`, progress is kept.
    content_hash: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(4000))
    line: Mapped[int] = mapped_column(Integer)
    created: Mapped[datetime] = mapped_column(UTCDateTime())
    #: True while the card is missing from its deck file; its history is kept.
    removed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class CardStateRow(Base):
    """A card's scheduling state: the scheduler's JSON plus the columns the queries need."""

    __tablename__ = "card_states"

    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), primary_key=True)
    scheduler: Mapped[str] = mapped_column(String(40))
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: The instant (UTC) the card is next due; NULL while the card is new (never answered).
    #: A day scheduler's due day is stored as the instant that study day begins.
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    interval: Mapped[int] = mapped_column(Integer, default=0)
    easiness: Mapped[float] = mapped_column(Float, default=2.5)
    repetitions: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: Buried cards are not shown before this study day.
    buried_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    #: The study day of the card's first answer (daily new-card limits count these).
    introduced: Mapped[date | None] = mapped_column(Date, nullable=True)
    #: Counts the changes of the scheduling state: an answer writes only where the row still
    #: has the version its state was read at, and bumps it (two sessions on one deck).
    version: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))


Index("ix_card_states_due", CardStateRow.due_at)


class SchedulerStateRow(Base):
    """A card's state under a scheduler it used before (`card_states` holds the active one).

    Switching a deck's scheduler stashes each card's state here and takes the new scheduler's
    back, so going back to a scheduler finds its state as it was left.
    """

    __tablename__ = "scheduler_states"

    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), primary_key=True)
    scheduler: Mapped[str] = mapped_column(String(40), primary_key=True)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    interval: Mapped[int] = mapped_column(Integer)
    easiness: Mapped[float] = mapped_column(Float)
    repetitions: Mapped[int] = mapped_column(Integer)


class ReviewRow(Base):
    """One answer, never changed afterwards (undo deletes the row of the answer it takes back).

    The id is a UUID so logs from several devices can later be merged without duplicates.
    """

    __tablename__ = "reviews"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), index=True)
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    study_day: Mapped[date] = mapped_column(Date, index=True)
    grade: Mapped[int] = mapped_column(Integer)
    response_ms: Mapped[int] = mapped_column(Integer)
    scheduler: Mapped[str] = mapped_column(String(40))
    state_before: Mapped[dict[str, Any]] = mapped_column(JSON)
    state_after: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: Exercise cards: the seed the numbers were drawn with.
    seed: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    #: What the learner typed or picked, when the card asks for it.
    given: Mapped[Any | None] = mapped_column(JSON, nullable=True)
    #: An SM-2 step-7 repeat in the same day: it leaves the card's state as it was.
    repeat: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class CardEditRow(Base):
    """A change of a card's content under the same key (its progress was kept)."""

    __tablename__ = "card_edits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), index=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    old_hash: Mapped[str] = mapped_column(String(64))
    new_hash: Mapped[str] = mapped_column(String(64))


class CardTextRow(Base):
    """What a search finds a prompt by, filled at deck sync from its card's texts: the folded
    text (`quizapp.search.text.search_text`) and the folded tags of the card and its deck."""

    __tablename__ = "card_texts"

    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: Each tag with a space on either side (" adam optimizers "), so `tag:` matches whole tags.
    tags: Mapped[str] = mapped_column(Text, default=" ", server_default=" ")


class CardTagRow(Base):
    """A tag the program gives a prompt (`leech`), kept in the store, not in the deck file."""

    __tablename__ = "card_tags"

    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(100), primary_key=True)


Index("ix_card_tags_tag", CardTagRow.tag, CardTagRow.card_id)


class CardEventRow(Base):
    """A change to a card that is not an answer (suspend, bury, reset, set due, ...), kept in
    the log so it can be undone (and, later, merged from several devices by its id).

    One learner action over many cards is one `batch`: undo takes the whole batch back.
    `before` and `after` hold the state columns the action changed, as JSON.
    """

    __tablename__ = "card_events"

    #: The order events were logged in (undo takes the newest batch back).
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: A UUID (time-ordered, as the reviews'), unique across devices.
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    batch: Mapped[str] = mapped_column(String(36), index=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    action: Mapped[str] = mapped_column(String(20))
    before: Mapped[dict[str, Any]] = mapped_column(JSON)
    after: Mapped[dict[str, Any]] = mapped_column(JSON)

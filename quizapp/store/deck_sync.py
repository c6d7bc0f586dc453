"""Deck sync: bring the store's cards in line with the decks just loaded, keeping all progress.

- a prompt the store has not seen is added as new;
- a prompt whose content changed under the same key keeps its progress (the change of content
  hash is written to `card_edits`);
- a prompt gone from its file is flagged `removed`: its history stays and comes back with it;
- a deck file that failed to load is simply not passed in, so nothing of it changes;
- a deck whose scheduler is not the one it had at its last sync has its cards switched over,
  each keeping its state under the old scheduler (`quizapp.store.scheduler_states`).

A deck whose file hash equals the one stored at the last sync is skipped without looking at its
cards, which keeps a start-up with 10,000 unchanged cards to a single small query.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import (
    JSON,
    Float,
    Integer,
    String,
    Table,
    bindparam,
    false,
    insert,
    literal,
    null,
    select,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import UpdateBase

from quizapp.model import Deck
from quizapp.model import card_hash as card_hash  # moved to the core; still importable here
from quizapp.store.card_texts import sync_texts
from quizapp.store.fast.prepared import Prepared, positional
from quizapp.store.models import CardEditRow, CardRow, CardStateRow, DeckRow
from quizapp.store.scheduler_states import initial_columns, switch_scheduler

if TYPE_CHECKING:
    from quizapp.scheduling.base import Scheduler
    from quizapp.scheduling.days import StudyCalendar

# Core statements on the tables: executemany without the ORM's per-row bookkeeping.
_cards = cast(Table, CardRow.__table__)
_states = cast(Table, CardStateRow.__table__)
_edits = cast(Table, CardEditRow.__table__)
_UPDATE_CARD = (
    update(_cards)
    .where(_cards.c.id == bindparam("b_id"))
    .values(
        kind=bindparam("kind"),
        content_hash=bindparam("content_hash"),
        path=bindparam("path"),
        line=bindparam("line"),
        removed=bindparam("removed"),
    )
)
_REMOVE_CARD = update(_cards).where(_cards.c.id == bindparam("b_id")).values(removed=True)
_NEW_CARD_FIELDS = ("deck_id", "key", "kind", "content_hash", "path", "line", "created", "removed")
_INSERT_CARD = insert(_cards).values({name: bindparam(name) for name in _NEW_CARD_FIELDS})
_INSERT_EDIT = insert(_edits).values(
    {name: bindparam(name) for name in ("card_id", "changed_at", "old_hash", "new_hash")}
)


def _execute_many(db: Session, statement: UpdateBase, rows: list[dict[str, Any]]) -> None:
    """One statement over many rows, in the session's transaction.

    On SQLite (a positional driver) the statement is compiled once and the rows go to the
    driver's executemany as plain tuples: SQLAlchemy's own executemany converts every value of
    every row and took most of a first sync's time (100,000 cards: seconds). A value shared by
    all rows (the sync's time) is converted once.
    """
    connection = db.connection()
    if not positional(connection.dialect):
        db.execute(statement, rows)
        return
    prepared = Prepared(statement, connection.dialect)
    connection.exec_driver_sql(prepared.sql, [tuple(values) for values in prepared.many(rows)])


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What a sync did, counted in prompts (a reverse card is two)."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    restored: int = 0
    #: Decks whose file was unchanged since the last sync (their cards were not looked at).
    unchanged_decks: int = 0


def sync_decks(
    db: Session,
    decks: Sequence[Deck],
    *,
    now: datetime,
    schedulers: Callable[[str], Scheduler],
    calendar: StudyCalendar,
) -> SyncReport:
    """Sync every deck given (in the caller's transaction; nothing is committed here).

    `schedulers` gives each deck's scheduler (by deck id); `calendar` the learner's study days,
    for a card whose state is rebuilt from its log when its deck changes scheduler.
    """
    stored = {
        row.id: row
        for row in db.execute(
            select(
                DeckRow.id, DeckRow.content_hash, DeckRow.path, DeckRow.title, DeckRow.scheduler
            ).where(DeckRow.id.in_([deck.id for deck in decks]))
        )
    }
    report = SyncReport()
    for deck in decks:
        before = stored.get(deck.id)
        deck_scheduler = schedulers(deck.id)
        scheduler = deck_scheduler.name
        initial_state = initial_columns(deck_scheduler)
        if before is None:
            db.execute(
                insert(DeckRow).values(
                    id=deck.id,
                    title=deck.title,
                    path=deck.path,
                    content_hash=deck.content_hash,
                    synced_at=now,
                    scheduler=scheduler,
                )
            )
            report = _add(
                report,
                _sync_cards(db, deck, now=now, scheduler=scheduler, initial_state=initial_state),
            )
            continue
        if before.scheduler != scheduler:
            # Even for an unchanged file: the cards follow the deck's scheduler.
            if before.scheduler is not None:
                switch_scheduler(db, deck.id, scheduler=deck_scheduler, calendar=calendar)
            db.execute(update(DeckRow).where(DeckRow.id == deck.id).values(scheduler=scheduler))
        if deck.content_hash and before.content_hash == deck.content_hash:
            if before.path != deck.path or before.title != deck.title:
                db.execute(
                    update(DeckRow)
                    .where(DeckRow.id == deck.id)
                    .values(path=deck.path, title=deck.title)
                )
            report = _add(report, SyncReport(unchanged_decks=1))
            continue
        else:
            db.execute(
                update(DeckRow)
                .where(DeckRow.id == deck.id)
                .values(
                    title=deck.title, path=deck.path, content_hash=deck.content_hash, synced_at=now
                )
            )
        report = _add(
            report,
            _sync_cards(db, deck, now=now, scheduler=scheduler, initial_state=initial_state),
        )
    return report


def _add(a: SyncReport, b: SyncReport) -> SyncReport:
    return SyncReport(
        added=a.added + b.added,
        changed=a.changed + b.changed,
        removed=a.removed + b.removed,
        restored=a.restored + b.restored,
        unchanged_decks=a.unchanged_decks + b.unchanged_decks,
    )


def _sync_cards(
    db: Session, deck: Deck, *, now: datetime, scheduler: str, initial_state: Mapping[str, Any]
) -> SyncReport:
    existing = {
        row.key: row
        for row in db.execute(
            select(
                CardRow.id,
                CardRow.key,
                CardRow.kind,
                CardRow.content_hash,
                CardRow.path,
                CardRow.line,
                CardRow.removed,
            ).where(CardRow.deck_id == deck.id)
        )
    }
    new_cards: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    edits: list[dict[str, Any]] = []
    seen: set[str] = set()
    restored = 0
    for card in deck.cards:
        content = card_hash(card)
        for prompt_variant in card.variants():
            key = f"{card.id}#{prompt_variant}" if prompt_variant else card.id
            seen.add(key)
            row = existing.get(key)
            if row is None:
                new_cards.append(
                    {
                        "deck_id": deck.id,
                        "key": key,
                        "kind": card.kind.value,
                        "content_hash": content,
                        "path": deck.path,
                        "line": card.line,
                        "created": now,
                        "removed": False,
                    }
                )
                continue
            if row.content_hash != content:
                edits.append(
                    {
                        "card_id": row.id,
                        "changed_at": now,
                        "old_hash": row.content_hash,
                        "new_hash": content,
                    }
                )
            if row.removed:
                restored += 1
            if (
                row.content_hash != content
                or row.removed
                or row.kind != card.kind.value
                or row.path != deck.path
                or row.line != card.line
            ):
                updates.append(
                    {
                        "b_id": row.id,
                        "kind": card.kind.value,
                        "content_hash": content,
                        "path": deck.path,
                        "line": card.line,
                        "removed": False,
                    }
                )
    gone = [row.id for key, row in existing.items() if key not in seen and not row.removed]
    # Bulk UPDATEs by primary key (one executemany each; each batch sets the same columns).
    if updates:
        _execute_many(db, _UPDATE_CARD, updates)
    if gone:
        _execute_many(db, _REMOVE_CARD, [{"b_id": card_id} for card_id in gone])
    if edits:
        _execute_many(db, _INSERT_EDIT, edits)
    if new_cards:
        _execute_many(db, _INSERT_CARD, new_cards)
        # Every card of the deck without a state row yet gets the initial one, in one statement
        # inside the database: no ids fetched back, no row per card built here.
        has_state = select(_states.c.card_id).where(_states.c.card_id == _cards.c.id).exists()
        values = {
            "scheduler": literal(scheduler, String),
            "state": literal(dict(initial_state["state"]), JSON),
            "due_at": null(),
            "interval": literal(int(initial_state["interval"]), Integer),
            "easiness": literal(float(initial_state["easiness"]), Float),
            "repetitions": literal(int(initial_state["repetitions"]), Integer),
            "lapses": literal(0, Integer),
            "suspended": false(),
            "buried_until": null(),
            "introduced": null(),
        }
        db.execute(
            insert(_states).from_select(
                ["card_id", *values],
                select(_cards.c.id, *values.values()).where(
                    _cards.c.deck_id == deck.id, ~has_state
                ),
            )
        )
    # What a search finds each prompt by (its texts and tags), for the cards of this file.
    sync_texts(db, deck, _execute_many)
    return SyncReport(
        added=len(new_cards), changed=len(edits), removed=len(gone), restored=restored
    )

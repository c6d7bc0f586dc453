"""Changes to cards that are not answers — suspend, unsuspend, bury, unbury, reset, set due —
each written with its event in `card_events`, and undone from there.

One learner action over many prompts is one batch of events, written in one transaction with
the state changes. An event keeps the columns it changed, before and after; undo puts `before`
back on each prompt whose columns are still as the action left them (a card answered since
keeps its answer) and deletes the batch's events, as undoing an answer deletes its review row.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from quizapp.store.card_texts import LEECH_TAG
from quizapp.store.models import CardEventRow, CardRow, CardStateRow, CardTagRow
from quizapp.store.scheduler_states import initial_columns

if TYPE_CHECKING:
    from quizapp.scheduling.base import Scheduler
    from quizapp.scheduling.days import StudyCalendar

_cards = cast(Table, CardRow.__table__)
_states = cast(Table, CardStateRow.__table__)
_tags = cast(Table, CardTagRow.__table__)
_events = cast(Table, CardEventRow.__table__)

#: The actions, and the state columns each changes ("leech": the stored leech tag).
ACTION_COLUMNS: dict[str, tuple[str, ...]] = {
    "suspend": ("suspended",),
    "unsuspend": ("suspended",),
    "bury": ("buried_until",),
    "unbury": ("buried_until",),
    "reset": (
        "scheduler",
        "state",
        "due_at",
        "interval",
        "easiness",
        "repetitions",
        "lapses",
        "introduced",
        "leech",
    ),
    "set_due": ("due_at",),
}
ACTIONS = tuple(ACTION_COLUMNS)
_STATE_COLUMNS = ("card_id", *sorted({c for cs in ACTION_COLUMNS.values() for c in cs} - {"leech"}))
#: Ids per IN (...) list, well under any database's limit of bound parameters.
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class CardChange:
    """What one action did: its batch id, the prompts it changed and those already so."""

    action: str
    batch: str | None
    changed: int
    unchanged: int


@dataclass(frozen=True, slots=True)
class UndoneChange:
    """What undo took back: the action, prompts put back, prompts changed since (kept)."""

    action: str
    restored: int
    kept: int


def change_cards(
    db: Session,
    card_ids: Sequence[int],
    action: str,
    *,
    now: datetime,
    today: date,
    calendar: StudyCalendar,
    schedulers: Callable[[str], Scheduler],
    days: int | None = None,
) -> CardChange:
    """Apply `action` to these prompts and log it (in the caller's transaction)."""
    if action not in ACTION_COLUMNS:
        raise ValueError(f"no card action {action!r} (actions: {', '.join(ACTIONS)})")
    if action == "set_due" and days is None:
        raise ValueError("set_due needs a number of days")
    current = _read(db, list(dict.fromkeys(card_ids)))
    names = ACTION_COLUMNS[action]
    batch = _uuid()
    events: list[dict[str, Any]] = []
    initial: dict[str, dict[str, Any]] = {}
    for columns in current:
        before = {name: columns[name] for name in names}
        after = _after(action, columns, today=today, calendar=calendar, days=days)
        if after is None:
            continue
        if action == "reset":
            deck_id = columns["deck_id"]
            if deck_id not in initial:
                scheduler = schedulers(deck_id)
                initial[deck_id] = {**initial_columns(scheduler), "scheduler": scheduler.name}
            after = {**initial[deck_id], **after}
        if after == before:
            continue
        _write(db, columns["card_id"], after)
        events.append(
            {
                "uuid": _uuid(),
                "batch": batch,
                "card_id": columns["card_id"],
                "at": now,
                "action": action,
                "before": _encoded(before),
                "after": _encoded(after),
            }
        )
    if events:
        db.execute(insert(_events), events)
    unchanged = len(current) - len(events)
    return CardChange(action, batch if events else None, len(events), unchanged)


def undo_last_change(db: Session) -> UndoneChange | None:
    """Take back the newest batch of card events (None: there is none)."""
    newest = db.execute(
        select(_events.c.batch, _events.c.action).order_by(_events.c.id.desc()).limit(1)
    ).first()
    if newest is None:
        return None
    return undo_batch(db, newest[0])


def undo_batch(db: Session, batch: str) -> UndoneChange | None:
    """Take back one batch of card events (None: it is not in the log, or no longer)."""
    events = db.execute(
        select(_events.c.card_id, _events.c.before, _events.c.after, _events.c.action).where(
            _events.c.batch == batch
        )
    ).all()
    if not events:
        return None
    action = events[0][3]
    current = {columns["card_id"]: columns for columns in _read(db, [e[0] for e in events])}
    restored = kept = 0
    for card_id, before, after, _action in events:
        columns = current.get(card_id)
        if columns is None or _encoded({name: columns[name] for name in after}) != after:
            kept += 1
            continue
        _write(db, card_id, _decoded(before))
        restored += 1
    db.execute(delete(_events).where(_events.c.batch == batch))
    return UndoneChange(action, restored, kept)


def tag_card(db: Session, card_id: int, tag: str) -> bool:
    """Give a prompt a stored tag; False if it had it."""
    has = db.execute(
        select(_tags.c.card_id).where(_tags.c.card_id == card_id, _tags.c.tag == tag)
    ).first()
    if has is not None:
        return False
    db.execute(insert(_tags).values(card_id=card_id, tag=tag))
    return True


def untag_card(db: Session, card_id: int, tag: str) -> bool:
    """Take a stored tag off a prompt; False if it had none."""
    result = db.execute(delete(_tags).where(_tags.c.card_id == card_id, _tags.c.tag == tag))
    return bool(cast(Any, result).rowcount)


# -- internals ---------------------------------------------------------------------------------


def _after(
    action: str,
    columns: dict[str, Any],
    *,
    today: date,
    calendar: StudyCalendar,
    days: int | None,
) -> dict[str, Any] | None:
    """The columns `action` gives this prompt (None: it does not apply, as a due day to a new
    card, which has none to move)."""
    if action == "suspend":
        return {"suspended": True}
    if action == "unsuspend":
        return {"suspended": False}
    if action == "bury":
        return {"buried_until": today + timedelta(days=1)}
    if action == "unbury":
        buried = columns["buried_until"]
        return {"buried_until": None} if buried is not None and buried > today else None
    if action == "reset":
        return {"due_at": None, "lapses": 0, "introduced": None, "leech": False}
    assert days is not None
    if columns["due_at"] is None:
        return None
    return {"due_at": calendar.start_of(today + timedelta(days=days))}


def _read(db: Session, card_ids: list[int]) -> list[dict[str, Any]]:
    """The state columns of these prompts (and their deck, and whether they are leeches)."""
    found: list[dict[str, Any]] = []
    leech = (
        select(_tags.c.card_id)
        .where(_tags.c.card_id == _states.c.card_id, _tags.c.tag == LEECH_TAG)
        .exists()
    )
    for start in range(0, len(card_ids), _CHUNK):
        chunk = card_ids[start : start + _CHUNK]
        rows = db.execute(
            select(*(_states.c[name] for name in _STATE_COLUMNS), _cards.c.deck_id, leech)
            .select_from(_states.join(_cards, _cards.c.id == _states.c.card_id))
            .where(_states.c.card_id.in_(chunk))
        )
        for row in rows:
            values = dict(zip((*_STATE_COLUMNS, "deck_id", "leech"), row, strict=True))
            values["suspended"] = bool(values["suspended"])
            values["leech"] = bool(values["leech"])
            found.append(values)
    order = {card_id: rank for rank, card_id in enumerate(card_ids)}
    found.sort(key=lambda values: order[values["card_id"]])
    return found


def _write(db: Session, card_id: int, columns: dict[str, Any]) -> None:
    state_columns = {name: value for name, value in columns.items() if name != "leech"}
    if state_columns:
        # Under the next version: a session holding the row's state from before this change
        # must not write an answer computed from it over the change (`WRITE_SCHEDULE`).
        db.execute(
            update(_states)
            .where(_states.c.card_id == bindparam("b_card_id"))
            .values(version=_states.c.version + 1),
            {"b_card_id": card_id, **state_columns},
        )
    if "leech" in columns:
        if columns["leech"]:
            tag_card(db, card_id, LEECH_TAG)
        else:
            untag_card(db, card_id, LEECH_TAG)


def _encoded(columns: dict[str, Any]) -> dict[str, Any]:
    """The columns as JSON values: instants and days as ISO text."""
    encoded: dict[str, Any] = {}
    for name, value in columns.items():
        if isinstance(value, datetime):
            encoded[name] = value.astimezone(UTC).isoformat()
        elif isinstance(value, date):
            encoded[name] = value.isoformat()
        elif name == "state":
            encoded[name] = dict(value)
        else:
            encoded[name] = value
    return encoded


def _decoded(columns: dict[str, Any]) -> dict[str, Any]:
    decoded = dict(columns)
    for name in ("due_at",):
        if decoded.get(name) is not None:
            decoded[name] = datetime.fromisoformat(decoded[name])
    for name in ("buried_until", "introduced"):
        if decoded.get(name) is not None:
            decoded[name] = date.fromisoformat(decoded[name])
    return decoded


def _uuid() -> str:
    return str(uuid.uuid4())

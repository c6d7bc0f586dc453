"""Suspending or burying the current card from a session, and taking it back: each a card
event in the store (`quizapp.store.card_events`), as the browser's and `quizapp cards`' are,
so the log says what was done and when."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from quizapp.session.ports import StudiedCollection

if TYPE_CHECKING:
    from quizapp.session.undo import SetAside
    from quizapp.store.collection_store import CollectionStore, StateRecord


def set_aside(
    collection: StudiedCollection, state: StateRecord, *, suspend: bool
) -> tuple[StateRecord, str | None]:
    """Suspend (or bury until tomorrow) the card of `state`; its state after, and the batch of
    card events it was logged as (None: it was so already)."""
    today = collection.today_study_day()
    change = collection.store.change_cards(
        [state.card_id],
        "suspend" if suspend else "bury",
        now=collection.clock.now(),
        today=today,
        calendar=collection.calendar,
        schedulers=collection.schedulers,
    )
    if suspend:
        after = replace(state, suspended=True)
    else:
        after = replace(state, buried_until=today + timedelta(days=1))
    # A logged change writes the row under its next version (see `card_events`).
    return replace(after, version=state.version + (change.batch is not None)), change.batch


def take_back_set_aside(
    store: CollectionStore, step: SetAside, current: StateRecord
) -> StateRecord:
    """Undo a suspension or burial; the card's state now (`current`: as the session had it)."""
    before = step.before
    if step.batch is not None:
        undone = store.undo_card_batch(step.batch)
        bump = 1 if undone is not None and undone.restored else 0
        return replace(before, version=current.version + bump)
    # Nothing was logged (it was so already): the row is as it was.
    return replace(before, version=current.version)

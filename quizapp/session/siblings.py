"""Burying siblings: once a prompt of a card is answered, its other prompts (the card's other
variants: a reversed card's other side) are put off until tomorrow, as Anki's "bury siblings"
deck option does, so one does not give the other away the same day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from quizapp.model.cards import prompt_key

if TYPE_CHECKING:
    from quizapp.session.views import StudyItem
    from quizapp.store.collection_store import CollectionStore, StateRecord


def bury_siblings(
    store: CollectionStore,
    item: StudyItem,
    deck_id: str,
    tomorrow: date,
    state_of: Callable[[int], StateRecord],
) -> Iterator[tuple[int, StateRecord]]:
    """Bury until `tomorrow` the other prompts of the card `item` shows (of deck `deck_id`),
    each as `state_of` its card id reads it, unless suspended, in learning steps or buried that
    long already; yields each one's card id and state as it was, as soon as it is buried."""
    card = item.prompt.card
    for variant in card.variants():
        key = prompt_key(card.id, variant)
        if key == item.prompt.key:
            continue
        sibling = store.card_id_of(deck_id, key)
        if sibling is None:
            continue
        state = state_of(sibling)
        learning = state.due_at is not None and state.interval == 0
        if state.suspended or learning:
            continue
        if state.buried_until is not None and state.buried_until >= tomorrow:
            continue
        store.bury(sibling, tomorrow)
        yield sibling, state

"""What a search finds a prompt by (`card_texts`): its card's folded text and tags, kept in step
with the deck files by the deck sync, and the tags the program gives a card (`card_tags`).

The texts live in the deck files; a copy in the store lets one SQL statement answer a query
that mixes words with scheduling (`tag:adam is:due`), on 100,000 cards in milliseconds, and
lets a read-only reader (no decks loaded) search as well.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import UpdateBase

from quizapp.model import Deck
from quizapp.model.cards import prompt_key
from quizapp.search.text import search_text, tag_text
from quizapp.store.models import CardRow, CardTagRow, CardTextRow

_cards = cast(Table, CardRow.__table__)
_texts = cast(Table, CardTextRow.__table__)
_tags = cast(Table, CardTagRow.__table__)

#: The stored tag of a card forgotten again and again (`quizapp.session.leeches`).
LEECH_TAG = "leech"

_INSERT_TEXT = insert(_texts).values(
    card_id=bindparam("card_id"), text=bindparam("text"), tags=bindparam("tags")
)
_UPDATE_TEXT = (
    update(_texts)
    .where(_texts.c.card_id == bindparam("b_card_id"))
    .values(text=bindparam("text"), tags=bindparam("tags"))
)

ExecuteMany = Callable[[Session, UpdateBase, list[dict[str, Any]]], None]


def sync_texts(db: Session, deck: Deck, execute_many: ExecuteMany) -> int:
    """Bring the deck's prompts' texts and tags in line with its file; returns the rows written.

    Called by the deck sync for a deck whose file changed, after its cards are written.
    """
    wanted: dict[str, tuple[str, str]] = {}
    for card in deck.cards:
        values = (search_text(card), tag_text((*deck.tags, *card.tags)))
        for variant in card.variants():
            wanted[prompt_key(card.id, variant)] = values
    rows = db.execute(
        select(_cards.c.id, _cards.c.key, _texts.c.card_id, _texts.c.text, _texts.c.tags)
        .select_from(_cards.outerjoin(_texts, _texts.c.card_id == _cards.c.id))
        .where(_cards.c.deck_id == deck.id)
    )
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for card_id, key, stored_id, text, tags in rows:
        found = wanted.get(key)
        if found is None:
            continue
        if stored_id is None:
            inserts.append({"card_id": card_id, "text": found[0], "tags": found[1]})
        elif (text, tags) != found:
            updates.append({"b_card_id": card_id, "text": found[0], "tags": found[1]})
    if inserts:
        execute_many(db, _INSERT_TEXT, inserts)
    if updates:
        execute_many(db, _UPDATE_TEXT, updates)
    return len(inserts) + len(updates)

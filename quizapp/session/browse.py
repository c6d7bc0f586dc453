"""Search the cards and act on what a search selects: what `quizapp cards` (and a browser)
calls through `Collection.search`, `Collection.change_cards` and `Collection.undo_card_change`.

A row is one scheduled prompt (a reverse card's two directions are two rows, as Anki's card
mode); its text and tags come from the deck as loaded now, its scheduling from the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from quizapp.model import CardKind, Prompt
from quizapp.model.cards import CLOZE_PATTERN
from quizapp.model.kinds import REVERSE_VARIANT

if TYPE_CHECKING:
    from quizapp.session.collection import Collection
    from quizapp.store.collection_store import CardChange, ListedCard, UndoneChange

#: What `change_cards` may do, as `quizapp cards` names them.
ACTIONS = ("suspend", "unsuspend", "bury", "unbury", "reset", "set_due")


@dataclass(frozen=True, slots=True)
class SearchRow:
    """One prompt a search selected, with what the card list shows of it."""

    #: The store's id of the prompt (what `change_cards` takes).
    card_id: int
    deck_id: str
    #: The card id, plus ``#variant`` for a reverse direction or a cloze deletion.
    key: str
    prompt: Prompt
    #: What the prompt asks, as it is shown (a reverse direction shows the back).
    text: str
    kind: str
    #: The deck's and the card's tags, then the stored ones (`leech`).
    tags: tuple[str, ...]
    #: new, learning, review, suspended or buried.
    state: str
    #: The study day it is due (None while new).
    due: date | None
    interval: int
    lapses: int
    reviews: int
    path: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def to_json(self) -> dict[str, Any]:
        """The row as `quizapp cards --json` prints it."""
        return {
            "deck": self.deck_id,
            "card": self.key,
            "prompt": self.text,
            "kind": self.kind,
            "tags": list(self.tags),
            "state": self.state,
            "due": None if self.due is None else self.due.isoformat(),
            "interval": self.interval,
            "lapses": self.lapses,
            "reviews": self.reviews,
            "file": self.path,
            "line": self.line,
        }


def prompt_text(prompt: Prompt) -> str:
    """What a prompt asks: the front, the back for a reverse direction, a cloze's text with
    its own deletion hidden."""
    card = prompt.card
    if card.kind is CardKind.REVERSE and prompt.variant == REVERSE_VARIANT:
        return card.back
    if card.kind is CardKind.CLOZE:
        number = prompt.variant.removeprefix("c")

        def shown(match: Any) -> str:
            if match.group(1) == number:
                return f"[{match.group(3)}]" if match.group(3) else "[...]"
            return str(match.group(2))

        return CLOZE_PATTERN.sub(shown, card.text)
    return card.front


def search(collection: Collection, query: str) -> list[SearchRow]:
    """The prompts of the loaded decks that `query` selects, by deck, file line and key;
    `quizapp.search.QueryError` (with its column) for a query that cannot be read."""
    from quizapp.search import fold, parse
    from quizapp.store.collection_store import SearchContext

    node = parse(query)
    tags = {fold(tag) for tag in collection.tags()}
    context = SearchContext(
        query=query,
        today=collection.today_study_day(),
        calendar=collection.calendar,
        deck_ids=tuple(deck.id for deck in collection.decks),
        tags=frozenset(tags),
    )
    listed = collection.store.search(node, context)
    rows = []
    for card in listed:
        row = _row(collection, card, context.today)
        if row is not None:
            rows.append(row)
    return rows


def _row(collection: Collection, card: ListedCard, today: date) -> SearchRow | None:
    found = collection.index.prompt(card.deck_id, card.key)
    if found is None:
        return None
    deck, prompt = found
    from quizapp.store.collection_store import LEECH_TAG

    tags = (*deck.tags, *prompt.card.tags, *((LEECH_TAG,) if card.leech else ()))
    if card.suspended:
        state = "suspended"
    elif card.buried_until is not None and card.buried_until > today:
        state = "buried"
    elif card.due_at is None:
        state = "new"
    else:
        state = "learning" if card.interval == 0 else "review"
    return SearchRow(
        card_id=card.card_id,
        deck_id=card.deck_id,
        key=card.key,
        prompt=prompt,
        text=prompt_text(prompt),
        kind=card.kind,
        tags=tuple(dict.fromkeys(tags)),
        state=state,
        due=None if card.due_at is None else collection.calendar.day_of(card.due_at),
        interval=card.interval,
        lapses=card.lapses,
        reviews=card.reviews,
        path=card.path,
        line=card.line,
    )


def change_cards(
    collection: Collection,
    selected: Sequence[SearchRow] | Sequence[int],
    action: str,
    *,
    days: int | None = None,
) -> CardChange:
    """Apply `action` (one of `ACTIONS`; `set_due` takes `days` from today) to the rows or
    store ids selected, logged as one undoable batch of card events."""
    if action not in ACTIONS:
        raise ValueError(f"no card action {action!r} (actions: {', '.join(ACTIONS)})")
    if action == "set_due" and (days is None or not -36_500 <= days <= 36_500):
        raise ValueError(f"set_due takes a whole number of days from today, not {days!r}")
    card_ids = [item if isinstance(item, int) else item.card_id for item in selected]
    return collection.store.change_cards(
        card_ids,
        action,
        now=collection.clock.now(),
        today=collection.today_study_day(),
        calendar=collection.calendar,
        schedulers=collection.schedulers,
        days=days,
    )


def undo_card_change(collection: Collection) -> UndoneChange | None:
    """Take back the newest change made by `change_cards` (None: nothing to undo)."""
    return collection.store.undo_card_change()

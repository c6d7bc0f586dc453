"""The card browser's side of the store: searching the cards, listing them, changing them
(suspend, bury, reset, set due, and undoing the newest change), a card's history, stored tags.

Each change is its own committed transaction (`quizapp.store.card_events` logs it for undo);
`CollectionStore` has these methods through `CardActions`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from quizapp.store.access import StoreAccess

if TYPE_CHECKING:
    from quizapp.scheduling.base import Scheduler
    from quizapp.scheduling.days import StudyCalendar
    from quizapp.search.ast import Node as SearchNode
    from quizapp.store.card_events import CardChange, UndoneChange
    from quizapp.store.card_history import CardHistory
    from quizapp.store.card_listing import ListedCard
    from quizapp.store.search_sql import SearchContext


class CardActions(StoreAccess):
    """Search, list and change the cards; each change one committed transaction."""

    def search(
        self, node: SearchNode, context: SearchContext, limit: int | None = None
    ) -> list[int]:
        """The ids of the prompts a parsed query selects, in the list's order (the first `limit`
        if given; `quizapp.store.card_listing`); `QueryError` for a `deck:` that names no deck
        searched."""
        from quizapp.store.card_listing import search_ids

        with self._reading() as db:
            return search_ids(db, node, context, limit)

    def listed_cards(self, card_ids: Sequence[int]) -> list[ListedCard]:
        """The list's rows of these prompts, in this order (a page of a search's result)."""
        from quizapp.store.card_listing import list_cards

        with self._reading() as db:
            return list_cards(db, card_ids)

    def sort_columns(
        self, deck_ids: Sequence[str], card_ids: Sequence[int], reads: str
    ) -> list[tuple[Any, ...]]:
        """What a sort by one column reads of these prompts (`card_listing.sort_columns`)."""
        from quizapp.store.card_listing import sort_columns

        with self._reading() as db:
            return sort_columns(db, deck_ids, card_ids, reads)

    def change_cards(
        self,
        card_ids: Sequence[int],
        action: str,
        *,
        now: datetime,
        today: date,
        calendar: StudyCalendar,
        schedulers: Callable[[str], Scheduler],
        days: int | None = None,
    ) -> CardChange:
        """Suspend, unsuspend, bury, unbury, reset or set due (`card_events.ACTIONS`) these
        prompts, logged as one batch of card events, in one transaction."""
        from quizapp.store.card_events import change_cards

        with self._lock, self._errors("the change was not saved"), self._database.writing() as db:
            return change_cards(
                db,
                card_ids,
                action,
                now=now,
                today=today,
                calendar=calendar,
                schedulers=schedulers,
                days=days,
            )

    def undo_card_change(self) -> UndoneChange | None:
        """Take back the newest batch of card events (None: nothing to undo)."""
        from quizapp.store.card_events import undo_last_change

        with self._lock, self._errors("the undo was not saved"), self._database.writing() as db:
            return undo_last_change(db)

    def undo_card_batch(self, batch: str) -> UndoneChange | None:
        """Take back one batch of card events (a session's own suspension or burial)."""
        from quizapp.store.card_events import undo_batch

        with self._lock, self._errors("the undo was not saved"), self._database.writing() as db:
            return undo_batch(db, batch)

    def card_history(self, card_id: int) -> CardHistory:
        """When a prompt was added and its answers, oldest first (the browser's card pane)."""
        from quizapp.store.card_history import card_history

        with self._reading() as db:
            return card_history(db, card_id)

    def tag(self, card_id: int, tag: str, present: bool) -> bool:
        """Give a prompt a stored tag (`present`) or take it off; False if nothing changed."""
        from quizapp.store.card_events import tag_card, untag_card

        with self._lock, self._errors("the tag was not saved"), self._database.writing() as db:
            return (tag_card if present else untag_card)(db, card_id, tag)

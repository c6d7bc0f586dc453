"""Search the cards and act on what a search selects: what `quizapp cards` (and a browser)
calls through `Collection.search`, `Collection.change_cards` and `Collection.undo_card_change`.

A row is one scheduled prompt (a reverse card's two directions are two rows, as Anki's card
mode); its text and tags come from the deck as loaded now, its scheduling from the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from quizapp.model import Card, CardKind, Deck, Prompt
from quizapp.model.cards import CLOZE_PATTERN
from quizapp.model.kinds import REVERSE_VARIANT

if TYPE_CHECKING:
    from quizapp.session.collection import Collection
    from quizapp.store.collection_store import CardChange, UndoneChange

#: What `change_cards` may do, as `quizapp cards` names them.
ACTIONS = ("suspend", "unsuspend", "bury", "unbury", "reset", "set_due")


class SearchRow(NamedTuple):
    """One prompt a search selected, with what the card list shows of it (a named tuple: a
    search makes up to 100,000 of them at once)."""

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


def tags_in_files(deck: Deck, card: Card) -> tuple[str, ...]:
    """A card's tags from its deck file: the deck's, then its own, each once."""
    return tuple(dict.fromkeys((*deck.tags, *card.tags)))


def state_of(
    due_at: datetime | None, interval: int, suspended: bool, buried: date | None, today: date
) -> str:
    """What the list shows of a prompt's state: suspended, buried, new, learning or review."""
    if suspended:
        return "suspended"
    if buried is not None and buried > today:
        return "buried"
    if due_at is None:
        return "new"
    return "learning" if interval == 0 else "review"


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


class SearchResult(Sequence[SearchRow]):
    """What a search selected: the prompts' ids at once, each row read when first asked for,
    a page at a time (a browser shows some tens of 100,000 rows; `list()` reads them all).

    A row shows the prompt as it is when its page is read (iterating leaves out a prompt gone
    from its deck file since; indexing it raises `LookupError`); `card_ids` are the selection
    as it was searched, which `Collection.change_cards` takes as it is.
    """

    #: Rows read from the store in one statement.
    PAGE = 500

    def __init__(
        self, collection: Collection, card_ids: list[int], today: date, *, complete: bool = True
    ) -> None:
        self._collection = collection
        self.card_ids: tuple[int, ...] = tuple(card_ids)
        #: False for the first rows of a search read with a limit (more may match).
        self.complete = complete
        self._today = today
        self._pages: dict[int, list[SearchRow | None]] = {}
        self._card_tags: dict[tuple[str, str], tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self.card_ids)

    @overload
    def __getitem__(self, index: int) -> SearchRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[SearchRow]: ...

    def __getitem__(self, index: int | slice) -> SearchRow | list[SearchRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("search result index out of range")
        page, at = divmod(index, self.PAGE)
        rows = self._pages.get(page)
        if rows is None:
            rows = self._pages[page] = self._read(page)
        row = rows[at]
        if row is None:
            raise LookupError(
                f"prompt {self.card_ids[index]} is no longer in its deck; search again"
            )
        return row

    def __iter__(self) -> Iterator[SearchRow]:
        for page in range(0, (len(self) + self.PAGE - 1) // self.PAGE):
            rows = self._pages.get(page)
            if rows is None:
                rows = self._pages[page] = self._read(page)
            yield from (row for row in rows if row is not None)

    def reread(self) -> SearchResult:
        """The same prompts, in the same order, read again (after a change to them)."""
        return SearchResult(
            self._collection, list(self.card_ids), self._today, complete=self.complete
        )

    def sorted_by(self, column: str, descending: bool = False) -> SearchResult:
        """The rows in the order of one of `SORT_KEYS` (ties keep the list's order; a prompt
        gone from its deck is left out). The keys come from one read of the column's values
        (`quizapp.session.browse_sort`), not from the rows: a page is read when shown."""
        from quizapp.session.browse_sort import sort_keys

        if column not in SORT_KEYS:
            raise ValueError(f"no column {column!r} to sort by (columns: {', '.join(SORT_KEYS)})")
        keys = sort_keys(self._collection, column, self.card_ids, self._today)
        kept = [card_id for card_id in self.card_ids if card_id in keys]
        ordered = sorted(kept, key=keys.__getitem__, reverse=descending)
        return SearchResult(self._collection, ordered, self._today)

    def _read(self, page: int) -> list[SearchRow | None]:
        from quizapp.store.collection_store import LEECH_TAG

        wanted = self.card_ids[page * self.PAGE : (page + 1) * self.PAGE]
        listed = {row[0]: row for row in self._collection.store.listed_cards(wanted)}
        collection, today, card_tags = self._collection, self._today, self._card_tags
        day_of = collection.calendar.day_of
        days = {due: day_of(due) for due in {row[3] for row in listed.values()} if due}
        find = collection.index.prompt
        rows: list[SearchRow | None] = []
        for card_id in wanted:
            found_row = listed.get(card_id)
            found = None if found_row is None else find(found_row[1], found_row[2])
            if found_row is None or found is None:
                rows.append(None)
                continue
            _id, deck_id, key, due_at, interval, lapses, suspended, buried, reviews, leech = (
                found_row
            )
            deck, prompt = found
            card = prompt.card
            file_tags = card_tags.get((deck_id, card.id))
            if file_tags is None:
                file_tags = card_tags[(deck_id, card.id)] = tags_in_files(deck, card)
            state = state_of(due_at, interval, suspended, buried, today)
            rows.append(
                SearchRow(
                    card_id,
                    deck_id,
                    key,
                    prompt,
                    prompt_text(prompt),
                    card.kind.value,
                    (*file_tags, LEECH_TAG) if leech else file_tags,
                    state,
                    None if due_at is None else days[due_at],
                    interval,
                    lapses,
                    reviews,
                    deck.path,
                    card.line,
                )
            )
        return rows


#: What `SearchResult.sorted_by` orders the rows by, for each column, as a key of a row (new
#: cards, without a due day, after the others): the definition that `browse_sort.sort_keys`
#: computes from the store's columns without making the rows.
SORT_KEYS: dict[str, Callable[[SearchRow], Any]] = {
    "deck": lambda row: (row.deck_id, row.line, row.key),
    "card": lambda row: row.key,
    "prompt": lambda row: row.text.casefold(),
    "kind": lambda row: row.kind,
    "tags": lambda row: row.tags,
    "state": lambda row: row.state,
    "due": lambda row: (row.due is None, row.due or date.min),
    "interval": lambda row: row.interval,
    "lapses": lambda row: row.lapses,
    "reviews": lambda row: row.reviews,
    "where": lambda row: (row.path, row.line),
}


def search(collection: Collection, query: str, limit: int | None = None) -> SearchResult:
    """The prompts of the loaded decks that `query` selects, by deck, file line and key (only
    the first `limit` if given: `complete` says whether that was all);
    `quizapp.search.QueryError` (with its column) for a query that cannot be read."""
    from quizapp.search import fold, parse
    from quizapp.store.collection_store import SearchContext

    node = parse(query)
    today = collection.today_study_day()
    # Every tag of the decks, only for a `tag:` with `*` (it picks among them).
    tags = {fold(tag) for tag in collection.tags()} if _tag_wildcard(node) else set()
    context = SearchContext(
        query=query,
        today=today,
        calendar=collection.calendar,
        deck_ids=tuple(deck.id for deck in collection.decks),
        tags=frozenset(tags),
    )
    card_ids = collection.store.search(node, context, limit)
    complete = limit is None or len(card_ids) < limit
    return SearchResult(collection, card_ids, today, complete=complete)


def _tag_wildcard(node: Any) -> bool:
    """Whether the query has a `tag:` with `*`."""
    from quizapp.search import ast as q

    if isinstance(node, q.TagIs):
        return "*" in node.pattern
    if isinstance(node, q.Not):
        return _tag_wildcard(node.operand)
    if isinstance(node, q.And | q.Or):
        return any(_tag_wildcard(operand) for operand in node.operands)
    return False


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
    if isinstance(selected, SearchResult):
        card_ids = list(selected.card_ids)  # the selection, without reading its rows
    else:
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

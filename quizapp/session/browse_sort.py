"""The keys that sort a search's prompts by one column, from one read of what that column
needs (`CollectionStore.sort_columns`: ids, deck and key, and the scheduling columns, the
answers or the leech tag only for the columns shown from them) and the decks as loaded.

Sorting 100,000 prompts by making their rows read every page of them (the review counts,
the tags, the texts): about a second. These keys are the same as `browse.SORT_KEYS` gives
for the rows (`tests/session/test_search.py` compares them on every column).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from quizapp.session.browse import SORT_KEYS, prompt_text, state_of, tags_in_files

if TYPE_CHECKING:
    from quizapp.model import Deck, Prompt
    from quizapp.session.collection import Collection


class _Days:
    """Today's study day, and the study day of a due instant (worked out once per instant:
    due instants are few distinct values, the starts of study days)."""

    def __init__(self, day_of: Callable[[Any], date], today: date) -> None:
        self._day_of = day_of
        self._days: dict[Any, date] = {}
        self.today = today

    def __call__(self, instant: Any) -> date:
        found = self._days.get(instant)
        if found is None:
            found = self._days[instant] = self._day_of(instant)
        return found


#: What each column's key is made from: a row of `sort_columns` (id, deck id, key, then what
#: it read), the prompt's deck and the prompt, and the study days.
_Key = Callable[[tuple[Any, ...], "Deck", "Prompt", _Days], Any]

#: Which of the store's `SORT_READS` each column reads, and its key (as `SORT_KEYS`).
_COLUMNS: dict[str, tuple[str, _Key]] = {
    "deck": ("place", lambda row, deck, prompt, day: (row[1], prompt.card.line, row[2])),
    "card": ("place", lambda row, deck, prompt, day: row[2]),
    "prompt": ("place", lambda row, deck, prompt, day: prompt_text(prompt).casefold()),
    "kind": ("place", lambda row, deck, prompt, day: prompt.card.kind.value),
    "tags": ("leech", lambda row, deck, prompt, day: _tags(row, deck, prompt)),
    "state": ("schedule", lambda row, deck, prompt, day: _state(row, day)),
    "due": (
        "schedule",
        lambda row, deck, prompt, day: (
            row[3] is None,
            date.min if row[3] is None else day(row[3]),
        ),
    ),
    "interval": ("schedule", lambda row, deck, prompt, day: row[4]),
    "lapses": ("schedule", lambda row, deck, prompt, day: row[5]),
    "reviews": ("reviews", lambda row, deck, prompt, day: row[3]),
    "where": ("place", lambda row, deck, prompt, day: (deck.path, prompt.card.line)),
}
assert set(_COLUMNS) == set(SORT_KEYS), "a column of SORT_KEYS has no key here"


def _tags(row: tuple[Any, ...], deck: Deck, prompt: Prompt) -> tuple[str, ...]:
    from quizapp.store.card_texts import LEECH_TAG

    tags = tags_in_files(deck, prompt.card)
    return (*tags, LEECH_TAG) if row[3] else tags


def _state(row: tuple[Any, ...], days: _Days) -> str:
    return state_of(row[3], row[4], row[6], row[7], days.today)


def sort_keys(
    collection: Collection, column: str, card_ids: Sequence[int], today: date
) -> dict[int, Any]:
    """Each prompt's key for sorting by `column` (one of `SORT_KEYS`), by store id; a prompt
    gone from its deck file since it was searched has none."""
    reads, key = _COLUMNS[column]
    deck_ids = [deck.id for deck in collection.decks]
    rows = collection.store.sort_columns(deck_ids, card_ids, reads)
    day = _Days(collection.calendar.day_of, today)
    find = collection.index.prompt
    keys: dict[int, Any] = {}
    for row in rows:
        found = find(row[1], row[2])
        if found is not None:
            keys[row[0]] = key(row, found[0], found[1], day)
    return keys

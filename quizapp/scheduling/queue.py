"""The study queue: which prompts a session asks today, in which order — pure, over plain rows.

The order: prompts due today or earlier, most overdue first; then new prompts, deck by deck, each
deck in the order the caller gives (the session's: every card's first prompt in file order, then
the second ones); then the repeats (prompts whose rating asks them again in the same session).
Prompts of one card (siblings) are taken apart when planned back to back (`spread`). Daily
limits: at most `new_per_deck` new prompts per deck and `reviews_per_day` due prompts over all
decks, less what was already done today. Suspended prompts never come; buried ones not before
their `buried_until` day.

Repeats: a prompt whose rating asks it again in the session (the scheduler's `Rating.repeats`;
SM-2's step 7: graded below 4) is asked again after the rest of the day's queue, until a rating
lets it go. They are data here (`Entry.kind == "repeat"`) so the session records them as
repeats. A prompt still owing a repeat from earlier today (the learner quit and came back) is
passed in `repeats`; `pending_repeats()` works that out from today's answers.

Due values are whatever the caller's rows carry, compared with `due_before`: study days (a
prompt due on or before `today`), or due instants compared with the end of the study day.

Learning steps (FSRS's 1 and 10 minutes): a prompt due later today, at an instant (given `now`),
waits in `learning` instead of the plan, and so does one an answer sends back for later today
(`answered(..., again_at=...)`). A waiting prompt is asked as soon as it is due, before the rest
of the plan (Anki's intraday learning); when nothing else is left, one due within
`LEARN_AHEAD` (20 minutes, Anki's default) is asked early rather than ending the session.
Each move (`answered`, `skipped`, `at`) takes the time it happens at: the queue stays pure.

The session reads the rows in one query and calls `build_queue()` once; after that it moves
through a `StudyQueue`, an immutable value: each answer gives a new one, so undo is just going
back to the previous value. Moving on is O(1) (the planned entries are shared, not copied).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Generic, Literal, TypeVar

from quizapp.scheduling.limits import DoneToday as DoneToday
from quizapp.scheduling.limits import Limits as Limits
from quizapp.scheduling.limits import smallest, within_deck_limits
from quizapp.scheduling.spread import spread

#: The key the caller uses for a prompt (the store's card row id, a `Prompt.key`, ...).
K = TypeVar("K", bound=Hashable)

#: Why an entry is in the queue: due for review, new, a repeat in the same session (SM-2's
#: step 7, which changes no state) or a learning step come due (it does change the state).
EntryKind = Literal["due", "new", "repeat", "learning"]

#: How early a learning step may be asked when nothing else is left (Anki's default).
LEARN_AHEAD = timedelta(minutes=20)

#: One prompt as the queue needs it, in this order:
#: (key, deck id, position in its deck's file order, due study day or due instant (a datetime)
#:  or None while new, suspended, buried until this study day or None).
QueueRow = tuple[K, str, int, date | None, bool, date | None]


@dataclass(frozen=True, slots=True)
class Entry(Generic[K]):
    """One place in the queue: which prompt, of which deck, and why it is asked."""

    key: K
    deck_id: str
    kind: EntryKind


@dataclass(frozen=True, slots=True)
class StudyQueue(Generic[K]):
    """Where a session stands: the day's planned prompts, how far it got, and the repeats owed.

    Immutable: `answered()` and `skipped()` return a new queue. Keep the previous value to undo.
    The plan is held as two parallel tuples rather than one object per prompt, so that building
    a queue of 100,000 prompts stays cheap; `current()` makes the one `Entry` asked for.
    """

    #: The planned prompts' keys: the due ones first, then the new ones (shared between versions).
    keys: tuple[K, ...] = ()
    #: The deck id of each planned prompt.
    decks: tuple[str, ...] = ()
    #: How many of the planned prompts are due ones (they come first).
    due_count: int = 0
    #: Index of the current prompt in `keys` (== len(keys) once the plan is done).
    position: int = 0
    #: Repeats owed, asked in this order once the plan is done.
    repeats: tuple[Entry[K], ...] = ()
    #: Learning steps waiting for their time, soonest first: (due instant, entry).
    learning: tuple[tuple[datetime, Entry[K]], ...] = ()
    #: A learning step come due, asked before anything else.
    front: Entry[K] | None = None

    def __post_init__(self) -> None:
        if len(self.keys) != len(self.decks) or not 0 <= self.due_count <= len(self.keys):
            raise ValueError("StudyQueue: keys, decks and due_count do not agree")

    def current(self) -> Entry[K] | None:
        """The entry to ask now; None when the session is finished (or only learning steps
        due later are left: `next_learning` says when)."""
        if self.front is not None:
            return self.front
        return self._entry(self.position)

    @property
    def next_learning(self) -> datetime | None:
        """When the first learning step still waiting is due."""
        return self.learning[0][0] if self.learning else None

    def at(self, now: datetime) -> StudyQueue[K]:
        """The queue at `now`: the first learning step due by then (or, with nothing else
        left, within `LEARN_AHEAD`) is asked next."""
        if self.front is not None or not self.learning:
            return self
        due, entry = self.learning[0]
        if due > now and (self._entry(self.position) is not None or due > now + LEARN_AHEAD):
            return self
        return replace(self, learning=self.learning[1:], front=entry)

    def _entry(self, index: int) -> Entry[K] | None:
        if index < len(self.keys):
            kind: EntryKind = "due" if index < self.due_count else "new"
            return Entry(self.keys[index], self.decks[index], kind)
        return self.repeats[0] if self.repeats else None

    def planned(self) -> list[Entry[K]]:
        """Every planned entry, asked or not (not the repeats), in order."""
        return [
            Entry(key, deck, "due" if i < self.due_count else "new")
            for i, (key, deck) in enumerate(zip(self.keys, self.decks, strict=True))
        ]

    def answered(
        self,
        again: bool,
        *,
        again_at: datetime | None = None,
        now: datetime | None = None,
    ) -> StudyQueue[K]:
        """The queue after the current entry was answered at `now`; `again`: its rating asks it
        again (a repeat, after the plan); `again_at`: its next learning step is due then.

        A prompt asked again goes to the end of the repeats, whether this was its first answer
        today or already a repeat.
        """
        entry = self.current()
        if entry is None:
            raise IndexError("the queue is finished: there is no current entry to answer")
        position, repeats = self._without_current()
        if again:
            repeats = (*repeats, Entry(entry.key, entry.deck_id, "repeat"))
        learning = tuple(waiting for waiting in self.learning if waiting[1].key != entry.key)
        if again_at is not None:
            learning = tuple(
                sorted(
                    (*learning, (again_at, Entry(entry.key, entry.deck_id, "learning"))),
                    key=lambda waiting: waiting[0],
                )
            )
        moved = StudyQueue(self.keys, self.decks, self.due_count, position, repeats, learning)
        return moved if now is None else moved.at(now)

    def skipped(self, now: datetime | None = None) -> StudyQueue[K]:
        """The queue without the current entry and without any repeat or learning step of it
        (suspend, bury)."""
        entry = self.current()
        if entry is None:
            raise IndexError("the queue is finished: there is no current entry to skip")
        position, repeats = self._without_current()
        repeats = tuple(r for r in repeats if r.key != entry.key)
        learning = tuple(waiting for waiting in self.learning if waiting[1].key != entry.key)
        moved = StudyQueue(self.keys, self.decks, self.due_count, position, repeats, learning)
        return moved if now is None else moved.at(now)

    def without(self, keys: Iterable[K]) -> StudyQueue[K]:
        """The queue without these prompts in what is left to ask (e.g. gone from their file).

        What was already asked stays as it was, so `position` keeps its meaning.
        """
        gone = set(keys)
        kept = [
            *range(self.position),
            *(i for i in range(self.position, len(self.keys)) if self.keys[i] not in gone),
        ]
        return StudyQueue(
            tuple(self.keys[i] for i in kept),
            tuple(self.decks[i] for i in kept),
            sum(1 for i in kept if i < self.due_count),
            self.position,
            tuple(r for r in self.repeats if r.key not in gone),
            tuple(waiting for waiting in self.learning if waiting[1].key not in gone),
            None if self.front is None or self.front.key in gone else self.front,
        )

    def _without_current(self) -> tuple[int, tuple[Entry[K], ...]]:
        if self.front is not None:
            return self.position, self.repeats
        if self.position < len(self.keys):
            return self.position + 1, self.repeats
        return self.position, self.repeats[1:]

    @property
    def left(self) -> int:
        """Entries still to ask, repeats and learning steps included."""
        waiting = len(self.learning) + (self.front is not None)
        return len(self.keys) - self.position + len(self.repeats) + waiting


@dataclass(frozen=True, slots=True)
class _Sorted(Generic[K]):
    """Rows sorted into what can be asked today, before limits."""

    #: Due prompts as (due, deck rank, deck id, position, row index, key): the tuple order
    #: is the queue order (the row index makes it total, so keys are never compared).
    due: list[tuple[date, int, str, int, int, K]]
    #: New prompts per deck as (position, row index, key).
    new: dict[str, list[tuple[int, int, K]]]
    #: Prompts owing a repeat, in `repeats` order, as (key, deck id).
    repeats: list[tuple[K, str]]
    #: Learning steps due later today, as (due instant, entry).
    learning: list[tuple[datetime, Entry[K]]]


def _sort_rows(
    rows: Iterable[QueueRow[K]],
    today: date,
    due_before: date,
    repeats: Sequence[K],
    deck_ids: Iterable[str] | None,
    deck_order: Sequence[str] | None,
    now: datetime | None,
) -> _Sorted[K]:
    wanted = None if deck_ids is None else set(deck_ids)
    rank: dict[str, int] = {deck: i for i, deck in enumerate(deck_order or ())}
    # Decks not in deck_order share the last rank and are told apart by their id.
    unlisted = len(rank)
    owing = set(repeats)
    due: list[tuple[date, int, str, int, int, K]] = []
    new: dict[str, list[tuple[int, int, K]]] = {}
    repeat_decks: dict[K, str] = {}
    learning: list[tuple[datetime, Entry[K]]] = []
    # One pass, no per-row objects: this runs over every prompt of the collection at start.
    for index, (key, deck, position, due_day, suspended, buried_until) in enumerate(rows):
        if suspended or (wanted is not None and deck not in wanted):
            continue
        if buried_until is not None and buried_until > today:
            continue
        if key in owing:
            repeat_decks[key] = deck
        elif due_day is None:
            new.setdefault(deck, []).append((position, index, key))
        elif due_day < due_before:
            if now is not None and isinstance(due_day, datetime) and due_day > now:
                learning.append((due_day, Entry(key, deck, "learning")))
            else:
                due.append((due_day, rank.get(deck, unlisted), deck, position, index, key))
    pending = [(key, repeat_decks[key]) for key in repeats if key in repeat_decks]
    learning.sort(key=lambda waiting: waiting[0])
    return _Sorted(due, new, pending, learning)


def _deck_sort_key(deck_order: Sequence[str] | None) -> Callable[[str], tuple[int, str]]:
    rank = {deck: i for i, deck in enumerate(deck_order or ())}
    return lambda deck: (rank.get(deck, len(rank)), deck)


def build_queue(
    rows: Iterable[QueueRow[K]],
    today: date,
    limits: Limits | None = None,
    done: DoneToday | None = None,
    *,
    repeats: Sequence[K] = (),
    deck_ids: Iterable[str] | None = None,
    deck_order: Sequence[str] | None = None,
    sibling_group: Callable[[K], Hashable] | None = None,
    due_before: date | None = None,
    now: datetime | None = None,
) -> StudyQueue[K]:
    """The queue for a session on study day `today`, at the instant `now`.

    rows: every prompt (see `QueueRow`), in any order, e.g. straight from one query.
    repeats: keys of prompts still owing a repeat today (`pending_repeats()`), in order.
    deck_ids: study only these decks (None: all of them).
    deck_order: the decks' order for new prompts (and for ties among equally overdue ones);
        decks not listed come after, by id.
    sibling_group: the card a prompt asks (a reverse card's two directions, a cloze card's
        deletions are siblings): siblings are never planned back to back while another prompt
        of the same part of the plan (due, or new) can come between them (see `spread`).
    due_before: a prompt is due when its due value comes before this: the end of the study
        day (a datetime) for rows with due instants; the day after `today` by default.
    now: with due instants, a prompt due after `now` (a learning step later today) waits in
        the queue's `learning` until it is due (see `StudyQueue.at`).
    """
    limits = limits or Limits()
    done = done or DoneToday()
    bound = today + timedelta(days=1) if due_before is None else due_before
    table = _sort_rows(rows, today, bound, repeats, deck_ids, deck_order, now)
    review_room = max(0, limits.reviews_per_day - done.reviews)
    # nsmallest keeps only the few that fit the limit: O(n log k) instead of a full sort.
    due = (
        within_deck_limits(table.due, review_room, limits, done)
        if limits.deck_reviews
        else smallest(review_room, table.due)
    )
    keys: list[K] = [item[5] for item in due]
    decks: list[str] = [item[2] for item in due]
    for deck in sorted(table.new, key=_deck_sort_key(deck_order)):
        room = max(0, limits.new_of(deck) - done.new_by_deck.get(deck, 0))
        chosen = smallest(room, table.new[deck])
        keys.extend(item[2] for item in chosen)
        decks.extend([deck] * len(chosen))
    if sibling_group is not None:
        planned = list(zip(keys, decks, strict=True))
        planned = [
            *spread(planned[: len(due)], lambda item: sibling_group(item[0])),
            *spread(
                planned[len(due) :],
                lambda item: sibling_group(item[0]),
                after=sibling_group(keys[len(due) - 1]) if due else None,
            ),
        ]
        keys = [key for key, _deck in planned]
        decks = [deck for _key, deck in planned]
    queue = StudyQueue(
        keys=tuple(keys),
        decks=tuple(decks),
        due_count=len(due),
        repeats=tuple(Entry(key, deck, "repeat") for key, deck in table.repeats),
        learning=tuple(table.learning),
    )
    return queue if now is None else queue.at(now)


T = TypeVar("T")


def pending_repeats(answers_today: Iterable[tuple[K, bool]]) -> list[K]:
    """Prompts still owing a repeat: those whose last answer today asked them again.

    answers_today: (key, whether its rating asks again) of each of today's answers, repeats
    included, oldest first. The result is in the order of those last answers, oldest first.
    """
    last: dict[K, bool] = {}
    for key, again in answers_today:
        # Re-inserting moves the key to the end, so the dict ends up ordered by last answer.
        last.pop(key, None)
        last[key] = again
    return [key for key, again in last.items() if again]

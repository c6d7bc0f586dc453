"""Custom study: a session over what the learner chooses rather than today's queue (Anki's
custom study).

- review ahead: the cards due within the next N days, soonest first;
- forgotten today: the cards failed today (by each answer's own scheduler);
- new cards beyond today's limit: N more new cards per deck;
- chosen cards: an explicit selection (what a search gives), e.g. to cram a tag before an exam;
- a search: the cards a query selects when the session starts (`quizapp review --query`).

A custom session reschedules its cards as usual unless `reschedule` is off: then it is a cram
session, whose answers are logged (as same-session repeats are: they change no state) and whose
failed cards come back before it ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from quizapp.session.ports import StudiedCollection

if TYPE_CHECKING:
    from quizapp.scheduling.queue import StudyQueue


@dataclass(frozen=True, slots=True)
class CustomStudy:
    """What a custom session studies (one of the four), and whether it reschedules."""

    #: Review ahead: cards due within this many days (from the end of today).
    ahead_days: int = 0
    #: The cards failed today.
    forgotten: bool = False
    #: New cards beyond today's limit, per deck.
    extra_new: int = 0
    #: An explicit selection of store card ids (a search's result), in this order.
    card_ids: tuple[int, ...] | None = None
    #: A search (`quizapp.search`): its cards, in the order it lists them, when the session
    #: starts (`Collection.start` runs it).
    query: str | None = None
    #: Answers reschedule the cards (False: cram, nothing changes).
    reschedule: bool = True

    def __post_init__(self) -> None:
        chosen = sum(
            (
                self.ahead_days > 0,
                self.forgotten,
                self.extra_new > 0,
                self.card_ids is not None,
                self.query is not None,
            )
        )
        if chosen != 1:
            raise ValueError(
                "custom study takes one of: days ahead, forgotten today, extra new cards, "
                "chosen cards or a search"
            )
        if self.ahead_days < 0 or self.extra_new < 0:
            raise ValueError("custom study: days and counts must not be negative")


def custom_queue(
    collection: StudiedCollection, chosen: Sequence[str], study: CustomStudy
) -> tuple[StudyQueue[int], dict[int, tuple[str, str]]]:
    """The queue of a custom session over the decks `chosen`, and where each card is."""
    from quizapp.scheduling.queue import DoneToday, Limits, StudyQueue, build_queue

    store, calendar = collection.store, collection.calendar
    today = collection.today_study_day()
    index = collection.index
    wanted = set(chosen)
    if study.card_ids is not None:
        rows = store.queue_rows_of(study.card_ids)
    elif study.forgotten:
        answers, _introduced, _owed, _rows = store.day_so_far(today, lambda _answers: [])
        failed = []
        for answer in answers:
            try:
                passed = collection.schedulers(answer.deck_id).rating(answer.grade).passed
            except ValueError:
                continue
            if not passed and answer.card_id not in failed:
                failed.append(answer.card_id)
        rows = store.queue_rows_of(failed)
    else:
        rows = store.queue_rows(calendar.end_of(today + timedelta(days=study.ahead_days)))
    where: dict[int, tuple[str, str]] = {}
    found: list[Any] = []
    positions = {deck_id: index.new_order(deck_id) for deck_id in wanted}
    for card_id, deck_id, key, due, buried_until, _interval in rows:
        in_deck = positions.get(deck_id)
        position = None if in_deck is None else in_deck.get(key)
        if position is None:
            continue
        where[card_id] = (deck_id, key)
        found.append((card_id, deck_id, position, due, False, buried_until))
    if study.card_ids is not None or study.forgotten:
        order = list(study.card_ids or ()) if study.card_ids is not None else None
        keys = [card_id for card_id, *_ in found]
        if order is not None:
            rank = {card_id: i for i, card_id in enumerate(order)}
            keys.sort(key=rank.__getitem__)
        decks = [where[key][0] for key in keys]
        return StudyQueue(tuple(keys), tuple(decks), due_count=len(keys)), where
    if study.ahead_days:
        due_rows = [row for row in found if row[3] is not None]
        queue = build_queue(
            due_rows,
            today,
            Limits(0, 1_000_000),
            deck_ids=chosen,
            deck_order=chosen,
            due_before=calendar.end_of(today + timedelta(days=study.ahead_days)),
        )
        return queue, where
    # New cards beyond today's limit: as many more per deck.
    new_rows = [row for row in found if row[3] is None]
    queue = build_queue(
        new_rows,
        today,
        Limits(study.extra_new, 0),
        DoneToday(),
        deck_ids=chosen,
        deck_order=chosen,
        sibling_group=lambda card_id: index.card_of(*where[card_id]),
    )
    return queue, where

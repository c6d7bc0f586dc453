"""Today's queue of a session, from the store's rows and the loaded decks: due cards, new cards
within the daily limits, and the repeats today's ratings still owe (`quizapp.scheduling.queue`
orders them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from quizapp.session.ports import StudiedCollection

if TYPE_CHECKING:
    from quizapp.config import Config
    from quizapp.scheduling.queue import Limits, StudyQueue
    from quizapp.store.home_reads import TodayAnswer


def build_session_queue(
    collection: StudiedCollection, chosen: Sequence[str]
) -> tuple[StudyQueue[int], dict[int, tuple[str, str]]]:
    """Today's queue over the decks `chosen`, and where each of its cards is (deck id, key)."""
    from quizapp.scheduling.queue import DoneToday, build_queue, pending_repeats

    store, config = collection.store, collection.config
    today = collection.today_study_day()
    schedulers = collection.schedulers

    def repeats(deck_id: str, grade: int) -> bool:
        """Whether an answer of today asks its card again (SM-2's step 7)."""
        try:
            return schedulers(deck_id).rating(grade).repeats
        except ValueError:  # a rating of the deck's earlier scheduler
            return False

    answers, introduced, owed, owed_rows = store.day_so_far(
        today,
        lambda answers: pending_repeats((a.card_id, repeats(a.deck_id, a.grade)) for a in answers),
    )
    # Reviews already given today (not first answers of new cards, not repeats), per deck.
    reviews_by_deck = reviews_per_deck(answers, introduced)
    reviews_done = sum(reviews_by_deck.values())
    day_end = collection.calendar.end_of(today)
    candidates = store.queue_rows(day_end)
    where: dict[int, tuple[str, str]] = {}
    rows = []
    # One pass over plain tuples (tens of thousands of cards in a big collection): keep the
    # chosen decks' cards that are in their files as loaded now, in their order for new ones.
    index = collection.index
    positions = {deck_id: index.new_order(deck_id) for deck_id in chosen}
    now = collection.clock.now()
    for card_id, deck_id, key, due, buried_until, interval in (*candidates, *owed_rows):
        in_deck = positions.get(deck_id)
        position = None if in_deck is None else in_deck.get(key)
        if position is None:
            continue  # another deck, or not in the deck as loaded now
        if interval > 0 and due is not None and due > now:
            # A review due later today (FSRS's instants) is due today, as a day scheduler's
            # is: only learning steps (interval 0) wait for their minute.
            due = now
        where[card_id] = (deck_id, key)
        rows.append((card_id, deck_id, position, due, False, buried_until))
    queue = build_queue(
        rows,
        today,
        deck_limits(config, chosen),
        DoneToday(
            new_by_deck=introduced, reviews=max(0, reviews_done), reviews_by_deck=reviews_by_deck
        ),
        repeats=owed,
        due_before=day_end,
        now=now,
        deck_ids=chosen,
        deck_order=chosen,
        sibling_group=lambda card_id: index.card_of(*where[card_id]),
    )
    return queue, where


def reviews_per_deck(
    answers: Sequence[TodayAnswer], introduced: Mapping[str, int]
) -> dict[str, int]:
    """Per deck, today's answers that were reviews: not repeats, not new cards' first answers,
    not answers in learning steps (as Anki counts its review limit)."""
    counts: dict[str, int] = {}
    for answer in answers:
        if not answer.repeat and not answer.stepped:
            counts[answer.deck_id] = counts.get(answer.deck_id, 0) + 1
    return {deck: max(0, n - introduced.get(deck, 0)) for deck, n in counts.items()}


def deck_limits(config: Config, deck_ids: Iterable[str]) -> Limits:
    """The daily limits of these decks: each deck's own (`[decks.ID]`) over the top-level."""
    from quizapp.scheduling.queue import Limits

    options = {deck_id: config.deck_options(deck_id) for deck_id in deck_ids}
    return Limits(
        config.new_per_deck,
        config.reviews_per_day,
        deck_new={deck: o.new_per_day for deck, o in options.items()},
        deck_reviews={
            deck: o.reviews_per_day for deck, o in options.items() if o.reviews_per_day is not None
        },
    )

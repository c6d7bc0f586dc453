"""The home screen's counts, from the store's reads: the daily limits applied as a session
applies them (new cards per deck, reviews per day, repeats owed today)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from quizapp.config import Config
from quizapp.model import Deck
from quizapp.session.views import DeckSummary, HomeView, Today

if TYPE_CHECKING:
    from quizapp.decks.problems import Problem
    from quizapp.scheduling.base import Scheduler
    from quizapp.store.home_reads import HomeReads


def home_view(
    decks: Sequence[Deck],
    problems: Sequence[Problem],
    reads: HomeReads,
    config: Config,
    schedulers: Callable[[str], Scheduler],
) -> HomeView:
    """Each deck's new, due and learning counts and today's line, as a session would count
    them: each deck's scheduler (`schedulers(deck id)`) says which of today's ratings ask
    their card again. Learning counts those repeats and the cards in (re)learning steps due
    today."""
    from quizapp.scheduling.queue import pending_repeats
    from quizapp.session.queue import reviews_per_deck
    from quizapp.store.home_reads import DeckTotals

    answers = reads.answers
    deck_of = {a.card_id: a.deck_id for a in answers}
    learning_per_deck: dict[str, int] = {}
    owed = pending_repeats((a.card_id, _repeats(schedulers(a.deck_id), a.grade)) for a in answers)
    for card_id in owed:
        deck_id = deck_of[card_id]
        learning_per_deck[deck_id] = learning_per_deck.get(deck_id, 0) + 1
    reviews_by_deck = reviews_per_deck(answers, reads.introduced)
    review_room = max(0, config.reviews_per_day - sum(reviews_by_deck.values()))
    summaries = []
    for deck in decks:
        count = reads.counts.get(deck.id, DeckTotals())
        options = config.deck_options(deck.id)
        allowance = max(0, options.new_per_day - reads.introduced.get(deck.id, 0))
        due_room = review_room
        if options.reviews_per_day is not None:
            own_room = options.reviews_per_day - reviews_by_deck.get(deck.id, 0)
            due_room = min(due_room, max(0, own_room))
        summaries.append(
            DeckSummary(
                deck_id=deck.id,
                title=deck.title,
                path=deck.path,
                new=min(count.new, allowance),
                due=min(count.due, due_room),
                learning=learning_per_deck.get(deck.id, 0) + count.learning,
                total=count.total,
            )
        )
    activity = reads.activity
    today = Today(
        reviews=activity.reviews, streak_days=activity.streak_days, seconds=activity.seconds
    )
    return HomeView(summaries=summaries, today=today, problems=list(problems))


def _repeats(scheduler: Scheduler, grade: int) -> bool:
    for rating in scheduler.ratings:
        if rating.value == grade:
            return rating.repeats
    return False

"""The statistics' reads: the review log, the cards' states and the exercise answers, and the
report built from them.

The two big reads (cards with their states; every answer) are literal-bound statements run on
the driver, in `quizapp.store.fast.stats_reads`; a third SELECT, here, reads the exercise
answers (seed and what was typed).

The home screen's streak has its own, much smaller read, in `quizapp.store.home_reads`, which
imports neither numpy nor the statistics.

Each function takes a SQLAlchemy `Session` or `Connection` and never commits.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from sqlalchemy import (
    Connection,
    Table,
    and_,
    extract,
    false,
    select,
)
from sqlalchemy.orm import Session

from quizapp.config import Config
from quizapp.model import Deck
from quizapp.scheduling.base import CardMeasure

if TYPE_CHECKING:
    from quizapp.scheduling.base import Scheduler
    from quizapp.stats.recall import RecallSummary
from quizapp.stats import StatsReport, StatsSettings, compute, restrict
from quizapp.stats.days import study_days
from quizapp.stats.exercises import ExerciseAnswer, check_stored_answers
from quizapp.stats.history import CardTable, ReviewLog
from quizapp.store.fast.stats_reads import read_cards as read_cards
from quizapp.store.fast.stats_reads import read_log as read_log
from quizapp.store.models import CardRow, DeckRow, ReviewRow

_cards = cast(Table, CardRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)
_decks = cast(Table, DeckRow.__table__)


@dataclass(frozen=True, slots=True)
class StoredHistory:
    log: ReviewLog
    cards: CardTable
    #: The store's card id of each `CardTable` row.
    card_ids: np.ndarray[Any, np.dtype[np.int64]]
    exercises: list[ExerciseAnswer]


def known_decks(db: Session | Connection) -> list[str]:
    """The ids of every deck the store knows, sorted."""
    return list(db.execute(select(_decks.c.id).order_by(_decks.c.id)).scalars())


def _exercise_cards() -> Any:
    return select(_cards.c.id).where(_cards.c.kind == "exercise")


def has_exercise_answers(db: Session | Connection) -> bool:
    """Whether any answer to an exercise card kept its seed (then specs are needed to mark it)."""
    # Exercise cards first, then their answers by the card index: no scan of the whole log.
    query = (
        select(_reviews.c.id)
        .where(and_(_reviews.c.card_id.in_(_exercise_cards()), _reviews.c.seed.is_not(None)))
        .limit(1)
    )
    return db.execute(query).first() is not None


def read_exercise_answers(
    db: Session | Connection,
    card_ids: np.ndarray[Any, np.dtype[np.int64]],
    *,
    rollover_hour: int,
    tz: tzinfo | None = None,
) -> list[ExerciseAnswer]:
    """The answers to exercise cards that kept a seed, with what the learner typed."""
    query = select(
        _reviews.c.card_id,
        extract("epoch", _reviews.c.reviewed_at),
        _reviews.c.seed,
        _reviews.c.given,
    ).where(
        and_(
            _reviews.c.card_id.in_(_exercise_cards()),
            _reviews.c.seed.is_not(None),
            _reviews.c.repeat == false(),
        )
    )
    rows = db.execute(query).all()
    if not rows:
        return []
    row_of = {int(cid): i for i, cid in enumerate(card_ids)}
    days = study_days(np.array([r[1] for r in rows], dtype=np.int64), rollover_hour, tz)
    return [
        ExerciseAnswer(card=row_of[r[0]], day=int(day), seed=int(r[2]), given=r[3])
        for r, day in zip(rows, days, strict=True)
        if r[0] in row_of
    ]


def read_history(
    db: Session | Connection,
    deck_ids: Collection[str] | None = None,
    *,
    rollover_hour: int,
    tz: tzinfo | None = None,
    max_interval_days: int = 36_500,
    max_answer_seconds: int | None = None,
) -> StoredHistory:
    """Cards, review log and exercise answers of the given decks (None: every deck); answer
    times capped at `max_answer_seconds` (None: as logged)."""
    cards, card_ids = read_cards(db, deck_ids, rollover_hour=rollover_hour, tz=tz)
    log = read_log(
        db,
        card_ids,
        rollover_hour=rollover_hour,
        tz=tz,
        max_interval_days=max_interval_days,
        deck_ids=deck_ids,
        max_answer_seconds=max_answer_seconds,
    )
    exercises = read_exercise_answers(db, card_ids, rollover_hour=rollover_hour, tz=tz)
    return StoredHistory(log=log, cards=cards, card_ids=card_ids, exercises=exercises)


def build_report(
    db: Session | Connection,
    *,
    config: Config,
    today: int,
    measure: CardMeasure,
    decks: Sequence[Deck] = (),
    deck_ids: Collection[str] | None = None,
    tags: Collection[str] = (),
    since_day: int | None = None,
    tz: tzinfo | None = None,
    schedulers: Callable[[str], Scheduler] | None = None,
    now: datetime | None = None,
) -> StatsReport:
    """Every statistic for the decks `deck_ids` (None: all), cards carrying any of `tags`;
    with `schedulers` and `now`, also the predicted recall now of the cards whose scheduler
    predicts one (FSRS's retrievability).

    `decks` are the loaded deck files: they give each card's tags (deck tags plus card tags) and
    the exercise specs that stored exercise answers are checked against again; `measure` is
    what the decks' scheduler spreads its cards by.
    """
    history = read_history(
        db,
        deck_ids,
        rollover_hour=config.rollover_hour,
        tz=tz,
        max_interval_days=config.max_interval_days,
        max_answer_seconds=config.max_answer_seconds,
    )
    log, cards, answers = history.log, history.cards, history.exercises
    by_key = {(deck.id, prompt.key): (deck, prompt) for deck in decks for prompt in deck.prompts()}
    deck_of = [cards.decks[int(d)] for d in cards.deck]
    found = [by_key.get(pair) for pair in zip(deck_of, cards.key, strict=True)]
    if tags:
        wanted = set(tags)
        mask = np.fromiter(
            (f is not None and bool(wanted & {*f[0].tags, *f[1].card.tags}) for f in found),
            dtype=np.bool_,
            count=len(found),
        )
        kept_ids = history.card_ids[mask]
        renumber = np.cumsum(mask) - 1
        answers = [replace(a, card=int(renumber[a.card])) for a in answers if mask[a.card]]
        found = [f for f, keep in zip(found, mask, strict=True) if keep]
        log, cards = restrict(log, cards, mask)
    specs = {
        row: f[1].card.exercise
        for row, f in enumerate(found)
        if f is not None and f[1].card.exercise is not None
    }
    settings = StatsSettings(
        today=today,
        measure=measure,
        mature_days=config.mature_days,
        streak_min_reviews=config.streak_min_reviews,
        leech_lapses=config.leech_lapses,
        since_day=since_day,
    )
    report = compute(log, cards, settings, check_stored_answers(answers, specs))
    if schedulers is None or now is None:
        return report
    selected = kept_ids if tags else history.card_ids
    return replace(report, recall=recall_now(db, selected, schedulers, now, config))


def recall_now(
    db: Session | Connection,
    card_ids: np.ndarray[Any, np.dtype[np.int64]],
    schedulers: Callable[[str], Scheduler],
    now: datetime,
    config: Config,
) -> RecallSummary | None:
    """The predicted recall at `now` of these cards (not suspended, answered at least once)
    whose deck's scheduler predicts one and has their state."""
    from quizapp.scheduling import registry
    from quizapp.stats.recall import summarise
    from quizapp.store.models import CardStateRow

    predicting = [
        name
        for name in registry.names()
        if registry.scheduler_named(name, max_interval_days=1).predicts_recall
    ]
    rows = db.execute(
        select(CardStateRow.card_id, CardRow.deck_id, CardStateRow.scheduler, CardStateRow.state)
        .join(CardRow, CardRow.id == CardStateRow.card_id)
        .where(
            CardStateRow.scheduler.in_(predicting),
            CardStateRow.due_at.is_not(None),
            CardStateRow.suspended == False,  # noqa: E712 (SQL)
            CardRow.removed == False,  # noqa: E712
        )
    ).all()
    wanted = set(card_ids.tolist())
    made: dict[tuple[str, str], Scheduler] = {}
    values = []
    for card_id, deck_id, name, state in rows:
        if card_id not in wanted:
            continue
        scheduler = schedulers(deck_id)
        if scheduler.name != name:
            # The deck's file was not read (its scheduler: key unknown here): the deck's
            # settings for the scheduler its cards are under.
            scheduler = made.get((deck_id, name)) or made.setdefault(
                (deck_id, name),
                registry.scheduler_named(
                    name,
                    max_interval_days=config.max_interval_days,
                    settings=config.scheduler_of(deck_id, name).settings,
                ),
            )
        value = scheduler.recall(scheduler.state_from_dict(state), now)
        if value is not None:
            values.append((deck_id, value))
    return summarise(values)

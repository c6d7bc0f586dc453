"""Switching a deck's scheduler: each card's state is kept per scheduler, so nothing is lost.

`card_states` holds the state of the scheduler a card is scheduled by now (what every read and
the answer path use, unchanged); `scheduler_states` holds the states of the schedulers it used
before. Switching a deck from one scheduler to another stashes each card's active state there,
then gives each card the new scheduler's state:

- a card whose last answer that scheduler took itself (or that was never answered) gets its
  stashed state back exactly (or, never scheduled by it, the initial state: it is new to it);
- a card answered under another scheduler since is rebuilt from its review log
  (`Scheduler.rebuild`): SM-2 -> FSRS replays the SM-2 grades as FSRS ratings, at the times
  they were given; FSRS -> SM-2 keeps the state SM-2's last answer left and replays FSRS's
  answers on it.

The review log is not touched: each row keeps the scheduler and the rating it was given with.
A few set-based statements per switch, then one update per rebuilt card, in the caller's
transaction (the deck sync's).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import groupby
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import (
    JSON,
    Float,
    Integer,
    String,
    Table,
    bindparam,
    delete,
    insert,
    literal,
    null,
    select,
)
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from quizapp.store.models import CardRow, CardStateRow, ReviewRow, SchedulerStateRow

if TYPE_CHECKING:
    from quizapp.scheduling.base import LoggedAnswer, Mark, Scheduler
    from quizapp.scheduling.days import StudyCalendar

_cards = cast(Table, CardRow.__table__)
_states = cast(Table, CardStateRow.__table__)
_stash = cast(Table, SchedulerStateRow.__table__)
_reviews = cast(Table, ReviewRow.__table__)

#: The columns that belong to a scheduler (the rest of a state row is the card's own: lapses,
#: suspension, burial, the day it was first answered).
SCHEDULER_COLUMNS = ("state", "due_at", "interval", "easiness", "repetitions")


def initial_columns(scheduler: Scheduler) -> dict[str, Any]:
    """The scheduler columns of a card new to `scheduler`."""
    initial = scheduler.initial_state()
    summary = scheduler.summary(initial)
    return {
        "state": initial.to_dict(),
        "due_at": None,
        "interval": summary.interval,
        "easiness": summary.measure,
        "repetitions": summary.repetitions,
    }


def switch_scheduler(
    db: Session, deck_id: str, *, scheduler: Scheduler, calendar: StudyCalendar
) -> None:
    """Put every card of deck `deck_id` (in its file or not) under `scheduler`."""
    of_deck = select(_cards.c.id).where(_cards.c.deck_id == deck_id)
    # Which cards were answered under another scheduler since `scheduler` last took an answer:
    # read before anything moves.
    logs = dict(_logs_to_replay(db, of_deck, scheduler.name))
    _switch_columns(db, of_deck, scheduler.name, initial_columns(scheduler))
    rebuilt = []
    for card_id, log in logs.items():
        result = scheduler.rebuild(log, calendar)
        if result is None:
            continue
        state, due = result
        summary = scheduler.summary(state)
        rebuilt.append(
            {
                "b_card_id": card_id,
                "state": state.to_dict(),
                "due_at": due,
                "interval": summary.interval,
                "easiness": summary.measure,
                "repetitions": summary.repetitions,
            }
        )
    if rebuilt:
        db.execute(
            sql_update(_states)
            .where(_states.c.card_id == bindparam("b_card_id"))
            .values(
                {name: bindparam(name) for name in SCHEDULER_COLUMNS}
                | {"version": _states.c.version + 1}
            ),
            rebuilt,
        )


def _logs_to_replay(
    db: Session, of_deck: Any, target: str
) -> Iterator[tuple[int, list[LoggedAnswer]]]:
    """Each card of the deck whose answers since `target` last answered it came from another
    scheduler, with its whole log (same-session repeats left out: they change no state)."""
    from quizapp.scheduling.base import LoggedAnswer
    from quizapp.scheduling.registry import names, scheduler_named

    marks: dict[str, Any] = {
        name: scheduler_named(name, max_interval_days=1).mark_of for name in names()
    }
    rows = db.execute(
        select(
            _reviews.c.card_id,
            _reviews.c.reviewed_at,
            _reviews.c.study_day,
            _reviews.c.scheduler,
            _reviews.c.grade,
            _reviews.c.state_after,
        )
        .where(_reviews.c.card_id.in_(of_deck), ~_reviews.c.repeat)
        .order_by(_reviews.c.card_id, _reviews.c.reviewed_at, _reviews.c.id)
    )
    for card_id, group in groupby(rows, key=lambda row: int(row.card_id)):
        log = []
        for row in group:
            mark_of = marks.get(row.scheduler)
            if mark_of is None:
                continue  # a scheduler this quizapp does not know: nothing to replay
            try:
                mark: Mark = mark_of(row.grade)
            except ValueError:
                continue
            log.append(
                LoggedAnswer(
                    reviewed_at=row.reviewed_at,
                    study_day=row.study_day,
                    scheduler=row.scheduler,
                    rating=row.grade,
                    mark=mark,
                    state_after=row.state_after or {},
                )
            )
        if log and log[-1].scheduler != target:
            yield card_id, log


def _switch_columns(
    db: Session, of_deck: Any, scheduler: str, initial_state: Mapping[str, Any]
) -> None:
    """Stash the deck's active states and take back `scheduler`'s (or its initial columns)."""
    leaving = _states.c.card_id.in_(of_deck) & (_states.c.scheduler != scheduler)
    moving = select(_states.c.card_id).where(leaving)
    # 1. Stash the active states of the cards that change scheduler (replacing an older stash
    #    of the same scheduler: the active state is the newer one).
    db.execute(
        delete(_stash).where(
            _stash.c.card_id.in_(moving),
            _stash.c.scheduler
            == select(_states.c.scheduler)
            .where(_states.c.card_id == _stash.c.card_id)
            .scalar_subquery(),
        )
    )
    db.execute(
        insert(_stash).from_select(
            ["card_id", "scheduler", *SCHEDULER_COLUMNS],
            select(
                _states.c.card_id,
                _states.c.scheduler,
                *(_states.c[name] for name in SCHEDULER_COLUMNS),
            ).where(leaving),
        )
    )
    # 2. Take back the new scheduler's stashed states.
    stashed = select(_stash.c.card_id).where(_stash.c.scheduler == scheduler)
    restore = {
        name: select(_stash.c[name])
        .where(_stash.c.card_id == _states.c.card_id, _stash.c.scheduler == scheduler)
        .scalar_subquery()
        for name in SCHEDULER_COLUMNS
    }
    db.execute(
        sql_update(_states)
        .where(leaving, _states.c.card_id.in_(stashed))
        .values(scheduler=scheduler, version=_states.c.version + 1, **restore)
    )
    # 3. The cards the new scheduler never scheduled start from its initial state, as new.
    db.execute(
        sql_update(_states)
        .where(leaving)
        .values(
            scheduler=literal(scheduler, String),
            state=literal(dict(initial_state["state"]), JSON),
            due_at=null(),
            interval=literal(int(initial_state["interval"]), Integer),
            easiness=literal(float(initial_state["easiness"]), Float),
            repetitions=literal(int(initial_state["repetitions"]), Integer),
            version=_states.c.version + 1,
        )
    )
    # 4. What is active now is no longer a stash.
    db.execute(delete(_stash).where(_stash.c.card_id.in_(of_deck), _stash.c.scheduler == scheduler))

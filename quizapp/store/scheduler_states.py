"""Switching a deck's scheduler: each card's state is kept per scheduler, so nothing is lost.

`card_states` holds the state of the scheduler a card is scheduled by now (what every read and
the answer path use, unchanged); `scheduler_states` holds the states of the schedulers it used
before. Switching a deck from one scheduler to another stashes each card's active state there
and takes back the new scheduler's stashed state (or, for a card it never scheduled, the
initial state given: the card is new to that scheduler). Going back restores the first state
exactly. The review log is not touched: each row keeps the scheduler and the rating it was
given with.

A few set-based statements per switch, whatever the number of cards, in the caller's
transaction (the deck sync's).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from sqlalchemy import JSON, Float, Integer, String, Table, delete, insert, literal, null, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from quizapp.store.models import CardRow, CardStateRow, SchedulerStateRow

_cards = cast(Table, CardRow.__table__)
_states = cast(Table, CardStateRow.__table__)
_stash = cast(Table, SchedulerStateRow.__table__)

#: The columns that belong to a scheduler (the rest of a state row is the card's own: lapses,
#: suspension, burial, the day it was first answered).
SCHEDULER_COLUMNS = ("state", "due_at", "interval", "easiness", "repetitions")


def switch_scheduler(
    db: Session, deck_id: str, *, scheduler: str, initial_state: Mapping[str, Any]
) -> None:
    """Put every card of deck `deck_id` (in its file or not) under `scheduler`."""
    of_deck = select(_cards.c.id).where(_cards.c.deck_id == deck_id)
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
        .values(scheduler=scheduler, **restore)
    )
    # 3. The cards the new scheduler never scheduled start from its initial state, as new.
    db.execute(
        sql_update(_states)
        .where(leaving)
        .values(
            scheduler=literal(scheduler, String),
            state=literal(dict(initial_state), JSON),
            due_at=null(),
            interval=literal(int(initial_state.get("interval", 0)), Integer),
            easiness=literal(float(initial_state.get("easiness", 2.5)), Float),
            repetitions=literal(int(initial_state.get("repetitions", 0)), Integer),
        )
    )
    # 4. What is active now is no longer a stash.
    db.execute(delete(_stash).where(_stash.c.card_id.in_(of_deck), _stash.c.scheduler == scheduler))

"""What an answer makes of a card, computed and not written: the state row after a rating, the
answer given as its review row keeps it, and every rating's interval and due day for the buttons
(`StudySession.answer`, `.preview`).

All of it is the deck's scheduler's; a repeat or a cram answer (`changes` False) leaves the card
as it was, each rating keeping the due day it has.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from quizapp.session.views import GradeChoice

if TYPE_CHECKING:
    from quizapp.scheduling.days import StudyCalendar
    from quizapp.session.load import DayLoad
    from quizapp.session.views import StudyItem
    from quizapp.store.collection_store import StateRecord


def grade_choices(
    item: StudyItem,
    state: StateRecord,
    now: datetime,
    calendar: StudyCalendar,
    load: DayLoad,
    *,
    changes: bool,
) -> list[GradeChoice]:
    """Every rating of the item's scheduler, with the interval and due day each would give."""
    today = calendar.day_of(now)
    scheduler = item.scheduler
    ratings = scheduler.ratings
    if not changes:
        # A repeat leaves the state alone: every rating keeps the due day it has.
        due: date = today if state.due_at is None else calendar.day_of(state.due_at)
        wait = timedelta(days=max(0, (due - today).days))
        return [GradeChoice(r.value, r.label, r.key, wait, due, r.repeats) for r in ratings]
    outcomes = scheduler.next_states(
        scheduler.state_from_dict(state.state), now, calendar, seed=state.card_id, load=load
    )
    return [
        GradeChoice(r.value, r.label, r.key, o.interval, calendar.day_of(o.due), r.repeats)
        for r, o in zip(ratings, outcomes, strict=True)
    ]


def answered_state(
    item: StudyItem,
    before: StateRecord,
    grade: int,
    now: datetime,
    calendar: StudyCalendar,
    load: DayLoad,
    *,
    changes: bool,
) -> tuple[StateRecord, datetime | None]:
    """The card's state row after answering `grade` from `before` (`before` itself when the
    answer `changes` nothing), and when it comes back in this session (None: not today)."""
    if not changes:
        return before, None
    from quizapp.store.collection_store import scheduled

    scheduler = item.scheduler
    today = calendar.day_of(now)
    outcome = scheduler.schedule(
        scheduler.state_from_dict(before.state),
        grade,
        now,
        calendar,
        seed=before.card_id,
        load=load,
    )
    # A learning step: back later in this session.
    again_at = outcome.due if outcome.due < calendar.end_of(today) else None
    after = scheduled(
        before,
        scheduler=scheduler.name,
        state=outcome.state.to_dict(),
        due=outcome.due,
        summary=scheduler.summary(outcome.state),
        lapse=outcome.lapse,
        today=today,
    )
    return after, again_at


def given_json(given: Mapping[str, str] | str | None) -> Any:
    """The learner's answer as the review row keeps it: the text, or each field's text."""
    if given is None or isinstance(given, str):
        return given
    return {str(name): str(value) for name, value in given.items()}

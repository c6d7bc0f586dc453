"""Schedulers: pure functions from (state, grade, day) to (new state, due day), and the queue.

`base.Scheduler` is the small interface the session and the store rely on; `sm2` implements it.
`days` turns a moment into a study day (the day starts at the rollover hour); `queue` orders a
session's prompts. All of it is standard library only, so importing it stays cheap.
"""

from quizapp.scheduling.base import GRADES, Outcome, Scheduler, SchedulerState
from quizapp.scheduling.days import day_bounds, day_start, local_study_day, study_day
from quizapp.scheduling.queue import (
    DeckCounts,
    DoneToday,
    Entry,
    Limits,
    StudyQueue,
    build_queue,
    count_by_deck,
    pending_repeats,
)
from quizapp.scheduling.sm2 import GradeError, SM2Scheduler, SM2State, needs_repeat, review

__all__ = [
    "GRADES",
    "DeckCounts",
    "DoneToday",
    "Entry",
    "GradeError",
    "Limits",
    "Outcome",
    "SM2Scheduler",
    "SM2State",
    "Scheduler",
    "SchedulerState",
    "StudyQueue",
    "build_queue",
    "count_by_deck",
    "day_bounds",
    "day_start",
    "local_study_day",
    "needs_repeat",
    "pending_repeats",
    "review",
    "study_day",
]

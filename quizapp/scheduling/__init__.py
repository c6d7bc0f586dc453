"""Schedulers as plug-ins: pure functions from (state, rating, instant) to a new state and a due
instant, and the queue of a session.

`base.Scheduler` is the one interface the session, the stats and the TUI rely on; `sm2` is the
first scheduler behind it (`registry` names them). `days` holds the one rollover rule (a study
day starts at the rollover hour, not midnight); `queue` orders a session's prompts. Standard
library only, so importing it stays cheap.
"""

from quizapp.scheduling.base import (
    CardMeasure,
    Mark,
    Outcome,
    Rating,
    RatingError,
    Scheduler,
    SchedulerState,
    StateSummary,
)
from quizapp.scheduling.days import StudyCalendar, day_start, study_day

__all__ = [
    "CardMeasure",
    "Mark",
    "Outcome",
    "Rating",
    "RatingError",
    "Scheduler",
    "SchedulerState",
    "StateSummary",
    "StudyCalendar",
    "day_start",
    "study_day",
]

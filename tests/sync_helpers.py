"""What the store's deck sync needs in tests that sync under SM-2 alone."""

from __future__ import annotations

from datetime import UTC

from quizapp.scheduling.base import Scheduler
from quizapp.scheduling.days import StudyCalendar
from quizapp.scheduling.sm2 import SM2Scheduler

_SM2 = SM2Scheduler()
#: The learner's study days in the tests: rollover at 04:00 UTC.
CALENDAR_UTC = StudyCalendar(4, UTC)


def SM2_EVERYWHERE(_deck_id: str) -> Scheduler:
    """Every deck under SM-2."""
    return _SM2

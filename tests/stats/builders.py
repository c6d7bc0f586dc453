"""Small builders for hand-made histories in the stats tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from quizapp.scheduling.sm2 import SM2Scheduler
from quizapp.stats import REVIEW, ReviewLog


class Answer(NamedTuple):
    card: int
    day: int
    grade: int = 4
    response_ms: int = 1000
    kind: int = REVIEW
    interval_before: int = 1
    due_after: int = 10**6


def log_of(answers: Sequence[Answer]) -> ReviewLog:
    """A review log whose columns are the fields of `answers`."""
    columns = list(zip(*answers, strict=True)) if answers else [()] * len(Answer._fields)
    fields = dict(zip(Answer._fields, columns, strict=True))
    # Which grades count as recalled is SM-2's to say (3 and up).
    passed = [SM2Scheduler().rating(grade).passed for grade in fields["grade"]]
    return ReviewLog.build(**fields, passed=passed)

"""The verdicts the judge gives on a typed answer.

What a check suggests on the answer buttons is a `quizapp.scheduling.base.Mark` (right, partly,
wrong, blank...): the deck's scheduler turns it into a rating of its own scale.
"""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    RIGHT = "right"
    NEAR = "near"
    WRONG = "wrong"

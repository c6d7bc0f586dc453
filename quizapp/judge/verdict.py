"""The verdicts the judge gives, and the grade each suggests on the grade bar."""

from __future__ import annotations

from enum import StrEnum

#: Grades suggested after a check (the learner can override them with the number keys).
GRADE_RIGHT = 4
GRADE_NEAR = 3
GRADE_SOME_RIGHT = 3
GRADE_WRONG = 1
GRADE_NO_ANSWER = 0


class Verdict(StrEnum):
    RIGHT = "right"
    NEAR = "near"
    WRONG = "wrong"

"""Checking the options picked on a `choice` card."""

from __future__ import annotations

from collections.abc import Sequence

from quizapp.judge.verdict import GRADE_RIGHT, GRADE_WRONG


def check_choice(picked: Sequence[int], correct: Sequence[int]) -> tuple[bool, int]:
    """Whether the picked options (0-based) are exactly the right ones, and the grade to suggest."""
    right = set(picked) == set(correct)
    return right, GRADE_RIGHT if right else GRADE_WRONG

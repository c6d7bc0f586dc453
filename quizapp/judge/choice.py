"""Checking the options picked on a `choice` card."""

from __future__ import annotations

from collections.abc import Sequence

from quizapp.scheduling.base import Mark


def check_choice(picked: Sequence[int], correct: Sequence[int]) -> tuple[bool, Mark]:
    """Whether the picked options (0-based) are exactly the right ones, and the mark that gives."""
    right = set(picked) == set(correct)
    return right, Mark.RIGHT if right else Mark.WRONG

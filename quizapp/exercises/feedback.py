"""What the learner is told under each checked answer: right, left blank, or what was expected.

Plain text, one mark per answer, so the TUI shows it as it is and tests read it as written.
"""

from __future__ import annotations

from quizapp.exercises.exercise import Result, Status

RIGHT = "✓ right"
WRONG = "✗"


def mark(result: Result) -> str:
    """The line (or lines) shown under `result`'s field once every answer has been checked."""
    if result.right:
        return RIGHT
    expected = result.question.expected_text
    if result.status is Status.BLANK:
        return f"{WRONG} left blank; expected {expected}"
    if result.status is Status.INVALID:
        return f"{WRONG} {result.error}"
    return f"{WRONG} expected {expected}"

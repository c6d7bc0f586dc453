"""What the learner is told under each checked answer: right, left blank, or what was expected.

A vector with only some components off names those ("component 6: expected 0.5, got 0.49"), one
line each, as `registry.check` judged them (`Result.components`): the learner sees which number
to look at again rather than a row of six to compare by eye. When every component is off, the
whole expected vector says more. Plain text, so the TUI shows it as it is.
"""

from __future__ import annotations

from quizapp.exercises import formatting
from quizapp.exercises.exercise import Question, Result, Status

RIGHT = "✓ right"
WRONG = "✗"
#: Most digits a typed value is shown with (as many as a float holds).
MOST_DIGITS = 15


def mark(result: Result) -> str:
    """The line (or lines) shown under `result`'s field once every answer has been checked."""
    if result.right:
        return RIGHT
    expected = result.question.expected_text
    if result.status is Status.BLANK:
        return f"{WRONG} left blank; expected {expected}"
    if result.status is Status.INVALID:
        return f"{WRONG} {result.error}"
    off = [i for i, right in enumerate(result.components) if not right]
    if isinstance(result.value, tuple) and len(off) < len(result.components):
        lines = [component(result.question, result.value, i) for i in off]
        text = f"{WRONG} " + "\n  ".join(lines)
    else:
        text = f"{WRONG} expected {expected}"
    return text if result.hint is None else f"{text}\n  {result.hint}"


def component(question: Question, typed: tuple[float, ...], index: int) -> str:
    """The line for the component at `index` (from 0): "component 6: expected 0.5, got 0.49"."""
    expected = question.expected
    assert isinstance(expected, tuple), "only a vector has components"
    digits = formatting.DIGITS
    if question.baseline is not None:
        # As many digits as show the change from the previous value (see `expected_text`).
        digits = formatting.change_digits(expected[index], question.baselines[index])
    expected_text = formatting.num(expected[index], digits)
    got = _got(typed[index], expected_text, digits)
    return f"component {index + 1}: expected {expected_text}, got {got}"


def _got(value: float, expected_text: str, digits: int) -> str:
    """`value` with enough digits that it does not print as the expected value it misses."""
    text = formatting.num(value, digits)
    while text == expected_text and digits < MOST_DIGITS:
        digits += 1
        text = formatting.num(value, digits)
    return text

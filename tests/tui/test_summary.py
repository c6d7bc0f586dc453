"""The session summary's lines, from a summary made by hand."""

from __future__ import annotations

from datetime import date

from quizapp.session import SessionSummary
from quizapp.tui.screens.summary import summary_lines


def _summary(reviewed: int, answers: int, right: int, seconds: float) -> SessionSummary:
    return SessionSummary(
        reviewed=reviewed,
        answers=answers,
        right=right,
        wrong=answers - right,
        seconds=seconds,
        next_due=date(2026, 3, 12),
        due_tomorrow=0,
    )


def test_repeats_are_counted_as_answers_not_as_more_cards() -> None:
    assert summary_lines(_summary(2, 4, 3, 75), today=date(2026, 3, 10)) == [
        "Cards reviewed   2",
        "Answers          4 (2 repeats of missed cards)",
        "Right            3",
        "Wrong            1",
        "Time spent       1 min 15 s",
        "Next due         2026-03-12 (in 2 days)",
        "Due tomorrow     0",
    ]


def test_without_repeats_there_is_no_answers_line() -> None:
    lines = summary_lines(_summary(3, 3, 3, 9), today=date(2026, 3, 11))
    assert lines[:2] == ["Cards reviewed   3", "Right            3"]
    assert "Next due         2026-03-12 (tomorrow)" in lines
    one = summary_lines(_summary(1, 2, 1, 9))
    assert one[1] == "Answers          2 (1 repeat of missed cards)"


def test_a_learning_step_later_today_is_the_next_due() -> None:
    """A card still in its learning steps (due at 15:20 today) comes before tomorrow's cards."""
    from dataclasses import replace
    from datetime import datetime

    at = datetime(2026, 3, 10, 15, 20).astimezone()
    summary = replace(_summary(2, 3, 2, 30), learning_later=2, next_learning=at)
    lines = summary_lines(summary, today=date(2026, 3, 10))
    assert "Next due         today at 15:20 (learning), then 2026-03-12 (in 2 days)" in lines
    assert lines[-1] == "Still learning   2 cards, the next at 15:20"
    alone = replace(summary, next_due=None, learning_later=1)
    lines = summary_lines(alone, today=date(2026, 3, 10))
    assert "Next due         today at 15:20 (learning)" in lines
    assert lines[-1] == "Still learning   1 card, the next at 15:20"

# ruff: noqa: E501 - the expected output lines are kept whole, as the learner sees them
"""`quizapp check` warns, at line:col, on LaTeX the terminal renderer cannot show faithfully."""

from __future__ import annotations

from pathlib import Path

from tests.decks.test_check_command import _check

DECK = r"""deck: maths
title: Formulas
cards:
  - id: unknown-command
    front: What is $\foo{x} + \alpha$?
    back: fine
  - id: unbalanced
    front: Plain front
    back: "It is $\\frac{a}{b$ here"
  - id: all-known
    front: $\binom{n}{k}$, $\overline{x}$, $\|w\|$, $\hat m_t$, $\sqrt{v}$ and `$\bad$` in code
    back: $\ln\frac{1-\epsilon}{\epsilon}$
"""


def test_check_warns_on_math_the_renderer_cannot_show(tmp_path: Path) -> None:
    deck = tmp_path / "maths.yaml"
    deck.write_text(DECK, encoding="utf-8")
    result = _check(str(deck), home=tmp_path / "home")
    lines = [line.removeprefix(f"{deck}:") for line in result.stdout.splitlines()]
    assert lines[:2] == [
        r"5:21: warning: the terminal cannot show \foo (in $\foo{x} + \alpha$): it would be dropped (use a command the renderer knows, or plain Unicode)",
        r"9:19: warning: unbalanced braces in formula $\frac{a}{b$ (give every { its }; write \{ and \} for literal braces)",
    ]
    assert "2 warnings" in lines[2]
    assert result.returncode == 0  # warnings alone do not fail the check

"""An exercise card's problems are all reported at once, a bad tolerance included."""

from __future__ import annotations

from pathlib import Path

from quizapp.decks import load_deck

DECK = """\
deck: e
title: E
cards:
  - id: x
    kind: exercise
    generator: adam_step
    params: {thetaa: 1}
    ask: [mm, m]
    tolerance: {rel: -0.1}
"""


def test_a_bad_tolerance_does_not_hide_the_generators_problems(tmp_path: Path) -> None:
    path = tmp_path / "e.yaml"
    path.write_text(DECK, encoding="utf-8")
    problems = load_deck(path).problems
    assert sorted((p.line, p.message.split(" (")[0]) for p in problems) == [
        (4, "missing 'front': an exercise card needs 'front' and 'generator'"),
        (7, "adam_step has no parameter 'thetaa'"),
        (8, "adam_step cannot ask 'mm'"),
        (9, "'tolerance.rel' must be a number ≥ 0, not -0.1"),
    ]

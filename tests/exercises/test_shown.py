"""What an exercise card shows around its numbers: the fields' hints and the marks."""

from __future__ import annotations

from typing import Any

import pytest

from quizapp.exercises.answers import parse_class, parse_number, parse_vector
from quizapp.exercises.feedback import mark
from quizapp.exercises.registry import GENERATORS, check, draw
from quizapp.model import ExerciseSpec


def spec(generator: str, ask: tuple[str, ...] = (), **params: Any) -> ExerciseSpec:
    return ExerciseSpec(generator, params, ask)


# Hints: what to type, matching the quantity.


@pytest.mark.parametrize(
    ("card", "name", "hint"),
    [
        # The QA report: votes are counts, not "2 numbers, e.g. 0.1, 0.1".
        (spec("voting", ("votes",), classes=2), "votes", "2 whole numbers, e.g. 2, 0"),
        (spec("voting", ("votes",), classes=3), "votes", "3 whole numbers, e.g. 2, 0, 1"),
        (spec("voting", ("average",), classes=2), "average", "2 numbers, e.g. 0.1, -0.2"),
        (
            spec("voting", ("average",), classes=4),
            "average",
            "4 numbers, e.g. 0.1, -0.2, 0.3, -0.4",
        ),
        (spec("voting", ("hard",)), "hard", "a class number, e.g. 2"),
        (spec("adam_step", ("theta",), size=3), "theta", "3 numbers, e.g. 0.1, -0.2, 0.3"),
        (spec("adam_step", ("theta",), size=1), "theta", "a number, e.g. 0.04, 1e-3 or 1/3"),
        # Six examples would not fit the field beside the label at 80 columns: only counted.
        (spec("adaboost_round", ("weights",), n=6), "weights", "6 numbers separated by commas"),
    ],
    ids=["votes-2", "votes-3", "average-2", "average-4", "class", "vector-3", "scalar", "long"],
)
def test_hints_match_the_quantity(card: ExerciseSpec, name: str, hint: str) -> None:
    assert draw(card, 0).question(name).hint == hint


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_hints_example_is_an_answer_of_the_right_kind(name: str) -> None:
    generator = GENERATORS[name]
    every = tuple(q.name for q in generator.quantities)
    for size in (1, 2, 3):
        params = {generator.size_param: size} if generator.size_param else {}
        for seed in range(10):
            for question in draw(spec(name, every, **params), seed).questions:
                hint = question.hint
                if "e.g. " not in hint:
                    assert hint.startswith(f"{question.shape[0]} "), hint
                    continue
                example = hint.split("e.g. ")[1]
                if question.exact:
                    parse_class(example)
                elif question.shape:
                    values = parse_vector(example, question.shape[0])
                    assert len(set(values)) == len(values), hint
                    if question.whole:
                        assert all(v.is_integer() for v in values), hint
                else:
                    parse_number(example.split(",")[0])


# Marks: what the learner is told under each field once the answers are checked.


def test_a_blank_answer_is_marked_as_left_blank() -> None:
    # n = 5: (1 − 1/5)⁵ = 0.8⁵ = 0.32768; drawn 1 − 0.32768 = 0.67232; the limit 1/e = 0.367879.
    exercise = draw(spec("bootstrap", ("p_out", "p_in", "limit"), n=5), 0)
    checked = check(exercise, {"p_out": "0.32768", "p_in": "0.6", "limit": "  "})
    assert [mark(result) for result in checked.results] == [
        "✓ right",
        "✗ expected 0.67232",
        "✗ left blank; expected 0.367879",
    ]

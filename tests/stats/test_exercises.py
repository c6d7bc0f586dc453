"""Exercise accuracy per generator and per asked quantity."""

from __future__ import annotations

import pytest

from quizapp.model import ExerciseSpec
from quizapp.stats.exercises import (
    ExerciseAnswer,
    QuantityAnswers,
    check_stored_answers,
    exercise_accuracy,
)


def test_accuracy_per_generator_and_quantity() -> None:
    # adam_step: m right twice; v_hat right once in four. soft_vote: p right once.
    rows = [
        ("adam_step", "m", True),
        ("adam_step", "m", True),
        ("adam_step", "v_hat", True),
        ("adam_step", "v_hat", False),
        ("adam_step", "v_hat", False),
        ("adam_step", "v_hat", False),
        ("soft_vote", "p", True),
    ]
    generators = ("soft_vote", "adam_step")
    quantities = ("m", "v_hat", "p")
    answers = QuantityAnswers.build(
        generators=generators,
        quantities=quantities,
        generator=[generators.index(g) for g, _, _ in rows],
        quantity=[quantities.index(q) for _, q, _ in rows],
        right=[r for _, _, r in rows],
        day=[1] * len(rows),
        card=[0] * len(rows),
        labels=[("adam_step", "v_hat", "v̂ₜ"), ("soft_vote", "v_hat", "not Adam's")],
    )
    result = exercise_accuracy(answers)
    assert [g.generator for g in result] == ["adam_step", "soft_vote"]
    adam = result[0]
    assert (adam.right, adam.total, adam.rate) == (3, 6, 0.5)
    assert [(q.name, q.label, q.right, q.total) for q in adam.quantities] == [
        ("m", "m", 2, 2),
        ("v_hat", "v̂ₜ", 1, 4),
    ]
    assert adam.quantities[1].rate == pytest.approx(0.25)
    assert (result[1].right, result[1].total) == (1, 1)


def test_no_exercise_answers() -> None:
    assert exercise_accuracy(QuantityAnswers.empty()) == []


def test_stored_answers_are_marked_again_from_the_spec() -> None:
    # One Adam step with t = 1 and g = 0.2: m = (1 - 0.9) * 0.2 = 0.02 and v̂ = g² = 0.04.
    spec = ExerciseSpec(
        generator="adam_step",
        params={"theta": 0.5, "grad": 0.2, "t": 1, "lr": 0.1},
        ask=("m", "v_hat"),
    )
    stored = [
        ExerciseAnswer(card=0, day=10, seed=1, given={"m": "0.02", "v_hat": "0.04"}),
        ExerciseAnswer(card=0, day=11, seed=2, given={"m": "0.02", "v_hat": "0.4"}),
        ExerciseAnswer(card=1, day=11, seed=3, given={"m": "1"}),  # card without a spec
        ExerciseAnswer(card=0, day=12, seed=4, given="not a mapping"),
    ]
    result = exercise_accuracy(check_stored_answers(stored, {0: spec}))
    assert len(result) == 1
    assert (result[0].generator, result[0].right, result[0].total) == ("adam_step", 3, 4)
    assert [(q.name, q.label, q.right, q.total) for q in result[0].quantities] == [
        ("m", "mₜ", 2, 2),
        ("v_hat", "v̂ₜ", 1, 2),
    ]

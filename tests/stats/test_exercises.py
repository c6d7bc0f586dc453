"""Exercise accuracy per generator and per asked quantity."""

from __future__ import annotations

import pytest

from quizapp.stats.exercises import QuantityAnswers, exercise_accuracy


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
        labels=[("v_hat", "v̂ₜ")],
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

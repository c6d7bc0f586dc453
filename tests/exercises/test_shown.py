"""What an exercise card shows around its numbers: the givens, the fields' hints, the marks."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from quizapp.exercises.answers import parse_class, parse_number, parse_vector
from quizapp.exercises.exercise import Exercise, Question
from quizapp.exercises.feedback import mark
from quizapp.exercises.generator import Generator
from quizapp.exercises.registry import GENERATORS, check, draw
from quizapp.model import ExerciseSpec


def spec(generator: str, ask: tuple[str, ...] = (), **params: Any) -> ExerciseSpec:
    return ExerciseSpec(generator, params, ask)


# Givens: only those the asked quantities need, worked out by hand from each formula.

ADAM = {"theta": 0.5, "grad": 0.2, "t": 1}
ADAM_ALL = ["t", "θ₀", "g₁", "m₀", "v₀", "α", "β₁", "β₂", "ε"]

#: A card and the labels of the givens it shows.
SHOWN = [
    # The QA report: a card asking only for the gap showed f(x), the predictions and σ².
    (spec("bias_variance", ("gap",), models=5), ["train error", "test error"]),
    # ... and bias²/variance cards the train and test errors.
    (spec("bias_variance", ("bias2", "variance"), models=5), ["f(x)", "ŷ₁ … ŷ₅"]),
    (spec("bias_variance", ("mean",), models=5), ["ŷ₁ … ŷ₅"]),
    # Var[ŷ] = Σ (ŷᵢ − E[ŷ])²/k: the predictions alone, not the truth.
    (spec("bias_variance", ("variance",), models=5), ["ŷ₁ … ŷ₅"]),
    # E[(y − ŷ)²] = bias² + Var[ŷ] + σ²: everything but the errors.
    (spec("bias_variance", ("error",), models=5), ["f(x)", "ŷ₁ … ŷ₅", "σ²"]),
    # mₜ = β₁·mₜ₋₁ + (1 − β₁)·g: no t, θ, α, β₂, ε, vₜ₋₁.
    (spec("adam_step", ("m",), **ADAM), ["g₁", "m₀", "β₁"]),
    (spec("adam_step", ("v",), **ADAM), ["g₁", "v₀", "β₂"]),
    # m̂ₜ = mₜ/(1 − β₁ᵗ) needs t, and mₜ's inputs although mₜ is not asked.
    (spec("adam_step", ("m_hat",), **ADAM), ["t", "g₁", "m₀", "β₁"]),
    (spec("adam_step", ("v_hat",), **ADAM), ["t", "g₁", "v₀", "β₂"]),
    (spec("adam_step", ("theta",), **ADAM), ADAM_ALL),
    (spec("adam_step", ("m", "v"), **ADAM), ["g₁", "m₀", "v₀", "β₁", "β₂"]),
    (spec("momentum_step", ("v",)), ["gₜ", "vₜ₋₁", "μ"]),
    (spec("momentum_step", ("theta",)), ["θₜ₋₁", "gₜ", "vₜ₋₁", "α", "μ"]),
    (spec("rmsprop_step", ("s",)), ["gₜ", "sₜ₋₁", "ρ"]),
    # θₜ = θₜ₋₁ − α·g/(√sₜ + ε): all of them.
    (spec("rmsprop_step", ("theta",)), ["θₜ₋₁", "gₜ", "sₜ₋₁", "α", "ρ", "ε"]),
    # The limit of (1 − 1/n)ⁿ is 1/e whatever n is.
    (spec("bootstrap", ("limit",), n=5), []),
    (spec("bootstrap", ("limit", "oob"), n=5), ["n"]),
    (
        spec("voting", ("votes",), classifiers=3),
        ["classes", "P from classifier 1", "P from classifier 2", "P from classifier 3"],
    ),
    # α = ½·ln((1 − ε)/ε) with ε from the weights of the misclassified samples.
    (spec("adaboost_round", ("alpha",)), ["samples", "weights w", "misclassified"]),
]


@pytest.mark.parametrize(
    ("card", "labels"),
    [
        pytest.param(card, labels, id=f"{card.generator}:{'+'.join(card.ask)}")
        for card, labels in SHOWN
    ],
)
def test_only_the_givens_the_asked_quantities_need_are_shown(
    card: ExerciseSpec, labels: list[str]
) -> None:
    exercise = draw(card, 0)
    assert [given.label for given in exercise.given] == labels
    # The worked solution has the steps of the asked quantities and of those they build on, a
    # part of everything's solution in the same order; no step shows another quantity.
    generator = GENERATORS[card.generator]
    every = tuple(q.name for q in generator.quantities)
    everything = draw(ExerciseSpec(card.generator, card.params, every), 0).solution
    worked_out = generator.worked_out(card.ask)
    assert exercise.solution == tuple(s for s in everything if s.about in worked_out or not s.about)
    assert {s.about for s in exercise.solution} - {""} <= worked_out


def test_the_intro_speaks_of_the_givens_shown() -> None:
    gap = draw(spec("bias_variance", ("gap",), models=5), 0)
    assert gap.intro == (
        "The train and test errors are one model's error on its training set and on a test set."
    )
    split = draw(spec("bias_variance", ("bias2", "variance", "error"), models=5), 0)
    assert split.intro == (
        "5 models, each trained on a different sample, predict ŷ at a point x whose true value "
        "is f(x). The label's noise has variance σ². Variance here divides by k."
    )


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_given_is_needed_by_some_quantity(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    generator = GENERATORS[name]
    every = tuple(q.name for q in generator.quantities)
    asked_all = draw(spec(name, every), 0).given
    for quantity in generator.quantities:
        assert set(quantity.needs) <= {g.name for g in asked_all}, quantity.name
        assert set(quantity.builds_on) <= set(every), quantity.name
        if quantity.baseline is not None:  # judged by its change from a given: shown with it
            assert quantity.baseline in generator.needs([quantity.name]), quantity.name
    # Shown unfiltered, the same givens: none is left out for good.
    monkeypatch.setattr(Generator, "needs", lambda self, ask: frozenset(g.name for g in asked_all))
    assert draw(spec(name, every), 0).given == asked_all


#: Every parameter drawn from two values or more, so that many pairs of draws share some givens.
VARIED: dict[str, dict[str, Any]] = {
    "adam_step": {
        "theta": {"choices": [0.5, -0.3]},
        "grad": {"choices": [0.2, -0.4]},
        "m": {"choices": [0, 0.1]},
        "v": {"choices": [0, 0.04]},
        "t": {"choices": [1, 2]},
        "lr": {"choices": [0.1, 0.05]},
        "beta1": {"choices": [0.9, 0.8]},
        "beta2": {"choices": [0.999, 0.99]},
        "eps": {"choices": [1e-8, 1e-6]},
    },
    "momentum_step": {
        "theta": {"choices": [0.5, -0.3]},
        "grad": {"choices": [0.2, -0.4]},
        "v": {"choices": [0, 0.1]},
        "lr": {"choices": [0.1, 0.05]},
        "momentum": {"choices": [0.9, 0.8]},
    },
    "rmsprop_step": {
        "theta": {"choices": [0.5, -0.3]},
        "grad": {"choices": [0.2, -0.4]},
        "s": {"choices": [0, 0.04]},
        "lr": {"choices": [0.1, 0.05]},
        "rho": {"choices": [0.9, 0.8]},
        "eps": {"choices": [1e-8, 1e-6]},
    },
    "voting": {"classifiers": {"choices": [3, 4]}, "classes": {"choices": [2, 3]}},
    "bootstrap": {"n": {"choices": [2, 3, 5]}},
    "adaboost_round": {"n": {"choices": [3, 4]}},
    "bias_variance": {
        "models": {"choices": [2, 3]},
        # The same predictions from f(x) = 0 and an offset of 1 as from f(x) = 1 and none.
        "truth": {"choices": [0, 1]},
        "offset": {"choices": [0, 1]},
        "spread": {"choices": [0, 1]},
        "noise": {"choices": [0, 0.5]},
        "train_error": {"choices": [0.1, 0.2]},
        "test_error": {"choices": [0.3, 0.4]},
    },
}


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_what_is_shown_decides_the_answer(name: str) -> None:
    """Two draws that show a quantity the same needed givens must expect the same value of it.

    Checked by observation, not from the declarations: a given the formula takes but the
    declarations forgot would make two such draws differ, and the learner could not tell why.
    """
    generator = GENERATORS[name]
    every = tuple(q.name for q in generator.quantities)
    draws = [draw(spec(name, every, **VARIED[name]), seed) for seed in range(60)]
    tried = dict.fromkeys(every, 0)
    for first, second in itertools.combinations(draws, 2):
        for question in first.questions:
            needed = generator.needs([question.name])
            shown = [(g.name, g.value) for g in first.given if g.name in needed]
            if shown != [(g.name, g.value) for g in second.given if g.name in needed]:
                continue
            assert question.expected == second.question(question.name).expected, question.name
            tried[question.name] += 1
    # Each quantity that needs fewer than all the givens was put to the test.
    every_given = generator.needs(every)
    partial = [q for q in every if generator.needs([q]) != every_given]
    assert all(tried[q] > 0 for q in partial), tried


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


def weights_exercise(
    expected: tuple[float, ...], rel_tol: float = 0.01, abs_tol: float = 1e-6
) -> Exercise:
    question = Question("weights", "w′", (len(expected),), expected)
    return Exercise("adaboost_round", 0, "", (), (question,), (), rel_tol, abs_tol)


def test_a_vector_names_the_one_component_that_is_off() -> None:
    # The QA report's card: weights (0.45, 0.2, 0.05, 0.2, 0.05, 0.05), sample 6 alone wrong:
    # ε = 0.05, so sample 6 gets 0.05/(2·0.05) = 1/2 and the others w/(2·0.95): 0.45/1.9 = 9/38,
    # 0.2/1.9 = 2/19, 0.05/1.9 = 1/38. Only the 0.49 typed for 1/2 is off by more than 1 %.
    exercise = weights_exercise((9 / 38, 2 / 19, 1 / 38, 2 / 19, 1 / 38, 1 / 2))
    typed = "0.236842, 0.105263, 0.0263158, 0.105263, 0.0263158, 0.49"
    result = check(exercise, {"weights": typed}).result("weights")
    assert result.components == (True, True, True, True, True, False)
    assert mark(result) == "✗ component 6: expected 0.5, got 0.49"


def test_each_component_that_is_off_gets_a_line_and_a_wholly_wrong_vector_its_value() -> None:
    # Momentum on three weights, by hand: vₜ = 0.9·vₜ₋₁ + g = (0.18 + 0.5, 0 − 0.2, −0.09 + 0.4)
    # = (0.68, −0.2, 0.31). Judged by the change from vₜ₋₁ = (0.2, 0, −0.1): 0.7 is 0.02 off a
    # change of 0.48 (4 %), 0.3 is 0.01 off 0.41 (2.4 %), −0.2 is exact.
    exercise = draw(
        spec(
            "momentum_step",
            ("v", "theta"),
            size=3,
            theta=[1, 0, -0.5],
            grad=[0.5, -0.2, 0.4],
            v=[0.2, 0, -0.1],
            lr=0.1,
            momentum=0.9,
        ),
        0,
    )
    # θₜ = θₜ₋₁ − 0.1·vₜ = (0.932, 0.02, −0.531); θ left as it was is wrong in every component.
    checked = check(exercise, {"v": "0.7, -0.2, 0.3", "theta": "1, 0, -0.5"})
    assert mark(checked.result("v")) == (
        "✗ component 1: expected 0.68, got 0.7\n  component 3: expected 0.31, got 0.3"
    )
    assert mark(checked.result("theta")) == "✗ expected (0.932, 0.02, −0.531)"


def test_a_component_missed_in_a_far_digit_is_shown_with_that_digit() -> None:
    # No tolerance: 0.50000001 is wrong, and printed with six digits it would read "0.5".
    exercise = weights_exercise((0.5, 0.5), rel_tol=0.0, abs_tol=0.0)
    result = check(exercise, {"weights": "0.5, 0.50000001"}).result("weights")
    assert mark(result) == "✗ component 2: expected 0.5, got 0.50000001"


def test_a_new_value_component_is_shown_with_the_digits_of_its_change() -> None:
    # θₜ₋₁ = (0.8, 0.1), α = 0.001, g = (0.2, 0.5), vₜ₋₁ = 0, μ = 0.9: vₜ = g, so
    # θₜ = (0.8 − 0.0002, 0.1 − 0.0005) = (0.7998, 0.0995): 0.800 to 3 figures, so 0.799 is
    # off in its 3rd figure, and the expected value shows the step's digits.
    exercise = draw(
        spec(
            "momentum_step",
            ("theta",),
            size=2,
            theta=[0.8, 0.1],
            grad=[0.2, 0.5],
            v=[0, 0],
            lr=0.001,
            momentum=0.9,
        ),
        0,
    )
    assert check(exercise, {"theta": "0.8, 0.0995"}).result("theta").right
    result = check(exercise, {"theta": "0.799, 0.0995"}).result("theta")
    assert mark(result) == "✗ component 1: expected 0.7998, got 0.799"

"""The generators by name, and the three things done with an exercise card: check, draw, check.

- `check_spec(spec)` lists what is wrong with a card's `generator`, `params`, `ask` and
  `tolerance` (the deck loader turns each `SpecProblem.field` into a file position);
- `draw(spec, seed)` draws the inputs with ``numpy.random.default_rng(seed)`` and works the
  exercise out, keeping the givens the asked quantities need (`Generator.needs`): the same spec
  and seed always give the same exercise, which is how a past review is shown again from the
  seed the session stored;
- `check(exercise, answers)` marks each typed answer and the whole (a `Mark`).

Every quantity is judged by its own value to `SIGNIFICANT_FIGURES` = 3 significant figures: an
answer is right when it is within half a unit of the expected value's 3rd significant figure, so
the expected value rounded to 3 figures is right (0.98 for 0.9798: a trailing zero may be left
out) and a value off in the 3rd figure is wrong. `DEFAULT_ABS_TOL` = 10⁻⁹ lets an expected 0
accept a typed 0 whatever float dust it carries. A card's `tolerance: {rel: …}` replaces the
significant figures with |answer − expected| ≤ max(abs, rel·|expected|). Class numbers must
match exactly. A wrong answer matching one of the question's `pitfalls` gets its explanation.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from quizapp.exercises import adaboost, adam, bias_variance, bootstrap, momentum, rmsprop, voting
from quizapp.exercises.answers import AnswerError, parse_class, parse_number, parse_vector
from quizapp.exercises.exercise import (
    Checked,
    Exercise,
    Number,
    Question,
    Result,
    Status,
)
from quizapp.exercises.generator import Generator, Sentence, SpecProblem, as_number
from quizapp.exercises.params import Fixed, Form, draw_components, draw_one, parse_form
from quizapp.model import ExerciseSpec
from quizapp.scheduling.base import Mark

__all__ = [
    "DEFAULT_ABS_TOL",
    "GENERATORS",
    "SIGNIFICANT_FIGURES",
    "SpecError",
    "SpecProblem",
    "check",
    "check_spec",
    "draw",
]

#: Significant figures an answer needs when the card sets no relative tolerance.
SIGNIFICANT_FIGURES = 3
#: Float dust: an expected value that is really 0 (1e−17) accepts a typed 0. Far below the 3rd
#: figure of any value an exercise asks (v = 0.00004 needs its 0.0000001s).
DEFAULT_ABS_TOL = 1e-9

#: Every generator, by the name decks give in `generator:`.
GENERATORS: dict[str, Generator] = {
    g.name: g
    for g in (
        adam.GENERATOR,
        momentum.GENERATOR,
        rmsprop.GENERATOR,
        voting.GENERATOR,
        bootstrap.GENERATOR,
        adaboost.GENERATOR,
        bias_variance.GENERATOR,
    )
}


class SpecError(ValueError):
    """`draw()` was given a spec with problems, listed in `problems` (as check_spec gives them)."""

    def __init__(self, problems: Sequence[SpecProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(p.message for p in problems))


def _did_you_mean(name: str, known: Sequence[str], what: str) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    listing = f"{what}: {', '.join(known)}"
    return f"did you mean {close[0]!r}? {listing}" if close else listing


@dataclass(frozen=True, slots=True)
class _Compiled:
    generator: Generator
    forms: dict[str, Form]
    ask: tuple[str, ...]
    rel_tol: float
    abs_tol: float
    figures: int | None


def _tolerance(value: object, key: str, default: float) -> tuple[float, list[SpecProblem]]:
    if value is None:
        return default, []
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        return default, [
            SpecProblem(("tolerance", key), f"tolerance {key} must be a number ≥ 0, got {value!r}")
        ]
    return float(value), []


def _compile(spec: ExerciseSpec) -> tuple[_Compiled | None, list[SpecProblem]]:
    generator = GENERATORS.get(spec.generator) if isinstance(spec.generator, str) else None
    if generator is None:
        return None, [
            SpecProblem(
                ("generator",),
                f"unknown exercise generator {spec.generator!r}",
                _did_you_mean(str(spec.generator), sorted(GENERATORS), "generators"),
            )
        ]
    problems: list[SpecProblem] = []
    params: Mapping[Any, Any] = {}
    if isinstance(spec.params, Mapping):
        params = spec.params
    else:
        problems.append(SpecProblem(("params",), "params must map parameter names to values"))
    known = [p.name for p in generator.params]
    for key in params:
        if key not in known:
            problems.append(
                SpecProblem(
                    ("params", str(key)),
                    f"{generator.name} has no parameter {key!r}",
                    _did_you_mean(str(key), known, "parameters"),
                )
            )
    forms: dict[str, Form] = {}
    for param in generator.params:
        form, found = parse_form(
            param, params.get(param.name, param.default), ("params", param.name)
        )
        problems += found
        if form is not None:
            forms[param.name] = form
    problems += _check_lists(generator, forms)

    ask: list[str] = []
    names = [q.name for q in generator.quantities]
    for index, name in enumerate(spec.ask):
        if not isinstance(name, str) or name not in names:
            problems.append(
                SpecProblem(
                    ("ask", index),
                    f"{generator.name} cannot ask {name!r}",
                    _did_you_mean(str(name), names, "quantities"),
                )
            )
        elif name in ask:
            problems.append(SpecProblem(("ask", index), f"{name!r} is asked twice"))
        else:
            ask.append(name)

    rel_tol, found = _tolerance(spec.rel_tol, "rel", 0.0)
    problems += found
    abs_tol, found = _tolerance(spec.abs_tol, "abs", DEFAULT_ABS_TOL)
    problems += found
    if problems:
        return None, problems
    figures = SIGNIFICANT_FIGURES if spec.rel_tol is None else None
    asked = tuple(ask) or generator.default_ask
    return _Compiled(generator, forms, asked, rel_tol, abs_tol, figures), []


def _check_lists(generator: Generator, forms: Mapping[str, Form]) -> list[SpecProblem]:
    """A fixed list for a per-component parameter needs a fixed size of the same length."""
    problems: list[SpecProblem] = []
    size_form = forms.get(generator.size_param) if generator.size_param else None
    for param in generator.params:
        form = forms.get(param.name)
        if not (param.per_component and isinstance(form, Fixed)):
            continue
        if not isinstance(form.value, tuple):
            continue
        field = ("params", param.name)
        if not isinstance(size_form, Fixed):
            problems.append(
                SpecProblem(
                    field,
                    f"a list for {param.name} needs a fixed {generator.size_param}",
                    f"write {generator.size_param}: {len(form.value)}",
                )
            )
        elif size_form.value != len(form.value):
            problems.append(
                SpecProblem(
                    field,
                    f"{param.name} has {len(form.value)} values "
                    f"but {generator.size_param} is {size_form.value}",
                    f"give {size_form.value} values, or write {generator.size_param}: "
                    f"{len(form.value)}",
                )
            )
    return problems


def check_spec(spec: ExerciseSpec) -> list[SpecProblem]:
    """Everything wrong with an exercise card (an empty list when it can be drawn)."""
    return _compile(spec)[1]


def draw(spec: ExerciseSpec, seed: int) -> Exercise:
    """The exercise `spec` gives for `seed`; raises `SpecError` when the spec has problems."""
    compiled, problems = _compile(spec)
    if compiled is None:
        raise SpecError(problems)
    generator = compiled.generator
    rng = np.random.default_rng(seed)
    inputs: dict[str, object] = {}
    for param in generator.params:
        form = compiled.forms[param.name]
        if param.per_component and generator.size_param is not None:
            size = inputs[generator.size_param]
            assert isinstance(size, int), "the size parameter is declared before the vectors"
            inputs[param.name] = draw_components(form, rng, size)
        else:
            inputs[param.name] = draw_one(form, rng)
    worked = generator.work(inputs, rng)
    questions = []
    for name in compiled.ask:
        quantity = generator.quantity(name)
        assert quantity is not None
        expected = worked.values[name]
        shape = (len(expected),) if isinstance(expected, tuple) else ()
        baseline: Number | None = worked.baselines.get(name)
        if baseline is None and quantity.baseline is not None:
            previous = inputs[quantity.baseline]
            assert isinstance(previous, float | int | tuple), "a baseline is a number parameter"
            baseline = as_number(previous)
        questions.append(
            Question(
                name,
                quantity.label,
                shape,
                expected,
                quantity.exact,
                quantity.description,
                baseline,
                quantity.whole,
                worked.pitfalls.get(name, ()),
            )
        )
    # Only the givens the asked quantities need: the others would be read as clues (or have
    # the learner look for a use for them). Likewise the worked solution has the steps of the
    # asked quantities and of those they build on, and no number the learner never saw.
    shown = generator.needs(compiled.ask)
    worked_out = generator.worked_out(compiled.ask)
    return Exercise(
        generator=generator.name,
        seed=seed,
        intro=_intro(worked.intro, shown),
        given=tuple(given for given in worked.given if given.name in shown),
        questions=tuple(questions),
        solution=tuple(s for s in worked.solution if not s.about or s.about in worked_out),
        rel_tol=compiled.rel_tol,
        abs_tol=compiled.abs_tol,
        figures=compiled.figures,
    )


def _intro(intro: str | tuple[Sentence, ...], shown: frozenset[str]) -> str:
    if isinstance(intro, str):
        return intro
    return " ".join(s.text for s in intro if not s.about or not shown.isdisjoint(s.about))


#: Relative size of differences that are floating-point rounding rather than a wrong answer.
FLOAT_DUST = 1e-12


def half_unit(expected: float, figures: int) -> float:
    """Half a unit in the `figures`-th significant figure of `expected` (0 for 0).

    0.9798 to 3 figures: its 3rd figure is the thousandths, so half a unit is 0.0005 and every
    answer in [0.9793, 0.9803] — 0.98 and 0.980 among them — is right.
    """
    if expected == 0 or not math.isfinite(expected):
        return 0.0
    exponent = math.floor(math.log10(abs(expected)))
    return 0.5 * 10.0 ** (exponent - figures + 1)


#: Significant figures of a given previous value (θₜ₋₁) that bound the precision of its new
#: value: θₜ = 0.1 − 0.1·0.2/(√0.04 + 10⁻⁸) = 5·10⁻⁹ is 0 for a learner working to 6 figures.
BASELINE_FIGURES = 6


def close(
    answer: float,
    expected: float,
    rel_tol: float,
    abs_tol: float,
    figures: int | None,
    baseline: float = 0.0,
) -> bool:
    """Whether `answer` is within the tolerance of `expected` (see `Exercise.rel_tol`).

    With significant figures, a new value that nearly cancels its given previous value (θₜ
    far smaller than θₜ₋₁) needs no more precision than `BASELINE_FIGURES` of θₜ₋₁.
    """
    allowed = max(abs_tol, rel_tol * abs(expected))
    if figures is not None:
        allowed = max(allowed, half_unit(expected, figures), half_unit(baseline, BASELINE_FIGURES))
    # Float dust: a value exactly half a unit away (0.832 for 0.8315, a tie that rounds either
    # way) is right, whatever the binary rounding of the subtraction.
    return abs(answer - expected) <= allowed + FLOAT_DUST * abs(expected)


def _matches(exercise: Exercise, question: Question, value: Number, target: Number) -> bool:
    """Whether `value` is within the tolerance of `target`, component by component."""
    rel, tol, figures = exercise.rel_tol, exercise.abs_tol, exercise.figures
    if isinstance(value, tuple) and isinstance(target, tuple):
        return len(value) == len(target) and all(
            close(a, t, rel, tol, figures, b)
            for a, t, b in zip(value, target, question.baselines, strict=True)
        )
    if isinstance(value, float) and isinstance(target, float):
        return close(value, target, rel, tol, figures, question.baselines[0])
    return False


def _hint(exercise: Exercise, question: Question, value: Number) -> str | None:
    """The explanation of a known pitfall the wrong answer `value` matches, if any."""
    for pitfall in question.pitfalls:
        if _matches(exercise, question, value, pitfall.value):
            return pitfall.says
    return None


def _check_one(exercise: Exercise, question: Question, answer: str) -> Result:
    if not answer.strip():
        return Result(question, answer, Status.BLANK)
    value: Number
    try:
        if question.exact:
            value = float(parse_class(answer))
        elif question.shape:
            value = parse_vector(answer, question.shape[0])
        else:
            value = parse_number(answer)
    except AnswerError as exc:
        return Result(question, answer, Status.INVALID, error=str(exc))
    expected = question.expected
    components: tuple[bool, ...] = ()
    if question.exact:
        right = value == expected
    elif isinstance(value, tuple) and isinstance(expected, tuple):
        rel, tol, figures = exercise.rel_tol, exercise.abs_tol, exercise.figures
        components = tuple(
            close(a, e, rel, tol, figures, b)
            for a, e, b in zip(value, expected, question.baselines, strict=True)
        )
        right = all(components)
    else:
        right = _matches(exercise, question, value, expected)
    if right:
        return Result(question, answer, Status.RIGHT, value=value, components=components)
    hint = _hint(exercise, question, value)
    return Result(question, answer, Status.WRONG, value=value, components=components, hint=hint)


def _text(answer: object) -> str:
    # Answers read back from a review log may be numbers rather than the text typed.
    return "" if answer is None else str(answer)


def check(exercise: Exercise, answers: Mapping[str, str]) -> Checked:
    """Mark each answer (typed text by question name); an unreadable one is reported, not raised."""
    results = tuple(_check_one(exercise, q, _text(answers.get(q.name))) for q in exercise.questions)
    right = sum(r.right for r in results)
    if right == len(results):
        mark = Mark.PERFECT
    elif right:
        mark = Mark.PARTLY
    else:
        mark = Mark.WRONG
    return Checked(results, mark, exercise.solution)

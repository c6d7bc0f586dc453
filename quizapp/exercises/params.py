"""The three ways a deck writes a parameter, checked, and drawn from with a seeded generator.

- a fixed value: ``lr: 0.1`` (per-component parameters also take a list, one value each);
- a grid: ``theta: {range: [-1, 1], step: 0.1}``; the draw is a grid point, rounded to the digits
  the deck wrote, so 0.1·3 comes out as 0.3 and the numbers stay easy to work by hand. Without
  `step`, integers step by 1 and numbers by the power of ten just under a tenth of the range;
- choices: ``grad: {choices: [-0.5, 0.2, 0.4]}``, one picked uniformly.

Numbers may also be written as strings a learner could type (``"1e-8"``, ``"1/3"``): PyYAML
reads ``1e-8`` without a dot as a string, and a deck author should not have to know that.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from quizapp.exercises import formatting
from quizapp.exercises.answers import AnswerError, parse_number
from quizapp.exercises.generator import Kind, Param, SpecProblem

Scalar = float | int | str


@dataclass(frozen=True, slots=True)
class Fixed:
    value: Scalar | tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Grid:
    low: float
    high: float
    step: float
    #: Round draws to this many decimals (None: leave them as computed).
    decimals: int | None
    integer: bool


@dataclass(frozen=True, slots=True)
class Choices:
    values: tuple[Scalar, ...]


Form = Fixed | Grid | Choices

FORMS_HINT = "write a value, {range: [low, high], step: s} or {choices: [a, b, ...]}"
#: Draws above this many grid points pick a point from a uniform float instead (same grid).
_EXACT_POINTS = 2**53


def _scalar(
    param: Param, raw: object, field: tuple[str | int, ...]
) -> tuple[Scalar | None, list[SpecProblem]]:
    """One value of `param`, converted and checked against its kind and bounds."""
    where = f"{param.name}"
    if param.kind is Kind.TEXT:
        if isinstance(raw, str) and raw in param.options:
            return raw, []
        return None, [
            SpecProblem(
                field,
                f"{where} must be one of {', '.join(param.options)}, got {raw!r}",
            )
        ]
    value: float
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return None, [SpecProblem(field, f"{where} must be a number, got {raw!r}", FORMS_HINT)]
    if isinstance(raw, str):
        try:
            value = parse_number(raw)
        except AnswerError:
            return None, [SpecProblem(field, f"{where} must be a number, got {raw!r}", FORMS_HINT)]
    else:
        value = float(raw)
    if not math.isfinite(value):
        return None, [SpecProblem(field, f"{where} must be a finite number, got {raw!r}")]
    if param.kind is Kind.INTEGER and not value.is_integer():
        return None, [SpecProblem(field, f"{where} must be a whole number, got {raw!r}")]
    if param.bounds is not None and value not in param.bounds:
        return None, [
            SpecProblem(field, f"{where} must be in {param.bounds}, got {raw!r}"),
        ]
    return (int(value) if param.kind is Kind.INTEGER else value), []


def parse_form(
    param: Param, raw: object, field: tuple[str | int, ...]
) -> tuple[Form | None, list[SpecProblem]]:
    """The form `raw` gives `param` (None when it has problems, which are returned)."""
    if isinstance(raw, Mapping):
        keys = set(raw)
        if "range" in keys:
            return _parse_grid(param, raw, field)
        if "choices" in keys:
            extra = sorted(str(k) for k in keys - {"choices"})
            if extra:
                return None, [
                    SpecProblem(field, f"unexpected key {extra[0]!r} beside choices", FORMS_HINT)
                ]
            return _parse_choices(param, raw["choices"], (*field, "choices"))
        return None, [
            SpecProblem(field, f"{param.name}: a mapping needs `range` or `choices`", FORMS_HINT)
        ]
    if isinstance(raw, Sequence) and not isinstance(raw, str):
        if not param.per_component:
            return None, [
                SpecProblem(
                    field,
                    f"{param.name} takes one value, not a list",
                    "use {choices: [...]} to draw one of several values",
                )
            ]
        values: list[float] = []
        problems: list[SpecProblem] = []
        if not raw:
            problems.append(SpecProblem(field, f"{param.name}: the list is empty"))
        for index, item in enumerate(raw):
            value, found = _scalar(param, item, (*field, index))
            problems += found
            if value is not None:
                values.append(float(value))
        return (None if problems else Fixed(tuple(values))), problems
    value, problems = _scalar(param, raw, field)
    return (None if value is None else Fixed(value)), problems


def _parse_choices(
    param: Param, raw: object, field: tuple[str | int, ...]
) -> tuple[Form | None, list[SpecProblem]]:
    if isinstance(raw, str) or not isinstance(raw, Sequence) or not raw:
        return None, [SpecProblem(field, "choices must be a non-empty list of values")]
    values: list[Scalar] = []
    problems: list[SpecProblem] = []
    for index, item in enumerate(raw):
        value, found = _scalar(param, item, (*field, index))
        problems += found
        if value is not None:
            values.append(value)
    return (None if problems else Choices(tuple(values))), problems


def _parse_grid(
    param: Param, raw: Mapping[object, object], field: tuple[str | int, ...]
) -> tuple[Form | None, list[SpecProblem]]:
    if param.kind is Kind.TEXT:
        return None, [
            SpecProblem(field, f"{param.name} is a word: use a value or {{choices: [...]}}")
        ]
    extra = sorted(str(k) for k in set(raw) - {"range", "step"})
    if extra:
        return None, [SpecProblem(field, f"unexpected key {extra[0]!r} beside range", FORMS_HINT)]
    bounds = raw["range"]
    range_field = (*field, "range")
    if isinstance(bounds, str) or not isinstance(bounds, Sequence) or len(bounds) != 2:
        return None, [SpecProblem(range_field, "range must be a list of two numbers [low, high]")]
    low, low_problems = _scalar(param, bounds[0], (*range_field, 0))
    high, high_problems = _scalar(param, bounds[1], (*range_field, 1))
    problems = low_problems + high_problems
    if low is None or high is None:
        return None, problems
    low_f, high_f = float(low), float(high)
    if low_f > high_f:
        return None, [
            SpecProblem(range_field, f"range goes from {low} down to {high}", "write [low, high]")
        ]
    integer = param.kind is Kind.INTEGER
    step_field = (*field, "step")
    if "step" in raw:
        step_raw = raw["step"]
        if isinstance(step_raw, bool) or not isinstance(step_raw, int | float | str):
            return None, [SpecProblem(step_field, f"step must be a number, got {step_raw!r}")]
        try:
            step = parse_number(step_raw) if isinstance(step_raw, str) else float(step_raw)
        except AnswerError:
            return None, [SpecProblem(step_field, f"step must be a number, got {step_raw!r}")]
        if not math.isfinite(step) or step <= 0:
            return None, [SpecProblem(step_field, f"step must be above 0, got {step_raw!r}")]
        if integer and not step.is_integer():
            return None, [SpecProblem(step_field, f"step must be a whole number, got {step_raw!r}")]
    elif integer or high_f == low_f:
        step = 1.0
    else:
        tenth = (high_f - low_f) / 10
        step = 10.0 ** math.floor(math.log10(tenth)) if tenth > 0 else 0.0
        if not step > 0:  # a range so narrow that a tenth of it underflows
            step = high_f - low_f
    decimals = max(formatting.decimals(low_f), formatting.decimals(step))
    return Grid(low_f, high_f, step, decimals if decimals <= 15 else None, integer), []


def draw_one(form: Form, rng: np.random.Generator) -> Scalar | tuple[float, ...]:
    """One value from `form` (a fixed list is returned whole)."""
    if isinstance(form, Fixed):
        return form.value
    if isinstance(form, Choices):
        return form.values[int(rng.integers(0, len(form.values)))]
    points = (form.high - form.low) / form.step + 1e-9
    if math.isfinite(points) and points < _EXACT_POINTS:
        x = form.low + int(rng.integers(0, math.floor(points) + 1)) * form.step
    else:  # a grid this fine is as good as continuous
        x = form.low + rng.random() * (form.high - form.low)
    if form.decimals is not None:
        x = round(x, form.decimals)
    x = min(max(x, form.low), form.high)
    return round(x) if form.integer else x


def draw_components(form: Form, rng: np.random.Generator, size: int) -> tuple[float, ...]:
    """`size` values from `form`, one per component (a fixed list gives them all)."""
    if isinstance(form, Fixed) and isinstance(form.value, tuple):
        return form.value
    if isinstance(form, Fixed):
        return (_number(form.value),) * size
    return tuple(_number(draw_one(form, rng)) for _ in range(size))


def _number(value: Scalar | tuple[float, ...]) -> float:
    if isinstance(value, int | float):
        return float(value)
    raise TypeError(f"a per-component parameter must be a number, got {value!r}")

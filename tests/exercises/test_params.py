"""Parameter forms: fixed values, grids and choices, checked and drawn."""

from __future__ import annotations

import numpy as np
import pytest

from quizapp.exercises.formatting import decimals
from quizapp.exercises.generator import Bounds, Kind, Param
from quizapp.exercises.params import Choices, Fixed, Grid, draw_components, draw_one, parse_form

NUMBER = Param("x", "x", "a number", 0, bounds=Bounds(-10, 10))
INTEGER = Param("n", "n", "a count", 1, kind=Kind.INTEGER, bounds=Bounds(1, 100))
WORD = Param("w", "w", "a word", "a", kind=Kind.TEXT, options=("a", "b"))
PER_COMPONENT = Param("g", "g", "per component", 0, bounds=Bounds(-10, 10), per_component=True)


def test_grid_points_are_round_and_cover_the_range() -> None:
    form, problems = parse_form(NUMBER, {"range": [-1, 1], "step": 0.1}, ("params", "x"))
    assert problems == []
    assert isinstance(form, Grid)
    rng = np.random.default_rng(7)
    seen = {draw_one(form, rng) for _ in range(2000)}
    # 21 points, each exactly a tenth: -1.0, -0.9, ..., 1.0 (no 0.30000000000000004).
    assert seen == {k / 10 for k in range(-10, 11)}


def test_default_steps() -> None:
    # A number range steps by the power of ten under a tenth of its width; integers by 1.
    form, _ = parse_form(NUMBER, {"range": [0, 0.3]}, ())
    assert isinstance(form, Grid)
    assert form.step == pytest.approx(0.01, rel=1e-12)
    form, _ = parse_form(INTEGER, {"range": [3, 5]}, ())
    assert isinstance(form, Grid)
    assert form.step == 1
    rng = np.random.default_rng(0)
    assert {draw_one(form, rng) for _ in range(200)} == {3, 4, 5}


def test_a_huge_number_of_grid_points_is_fine() -> None:
    form, problems = parse_form(NUMBER, {"range": [-10, 10], "step": 1e-300}, ())
    assert problems == []
    assert form is not None
    value = draw_one(form, np.random.default_rng(1))
    assert isinstance(value, float)
    assert -10 <= value <= 10


def test_numbers_written_as_text() -> None:
    # PyYAML reads 1e-8 (no dot) as a string; the deck author meant a number.
    assert parse_form(NUMBER, "1e-8", ()) == (Fixed(1e-8), [])
    assert parse_form(NUMBER, "1/4", ()) == (Fixed(0.25), [])


def test_choices() -> None:
    form, problems = parse_form(NUMBER, {"choices": [0.2, "0.4"]}, ())
    assert problems == []
    assert form == Choices((0.2, 0.4))
    rng = np.random.default_rng(3)
    assert {draw_one(form, rng) for _ in range(100)} == {0.2, 0.4}


def test_per_component_lists_and_repeats() -> None:
    form, problems = parse_form(PER_COMPONENT, [0.1, -0.2], ())
    assert problems == []
    assert form is not None
    rng = np.random.default_rng(0)
    assert draw_components(form, rng, 2) == (0.1, -0.2)
    assert draw_components(Fixed(0.5), rng, 3) == (0.5, 0.5, 0.5)


@pytest.mark.parametrize(
    ("param", "raw", "field", "message"),
    [
        (NUMBER, {"range": [1, 0]}, ("p", "range"), "range goes from 1.0 down to 0.0"),
        (NUMBER, {"range": [0, 1], "step": 0}, ("p", "step"), "step must be above 0"),
        (NUMBER, {"range": [0, 1], "step": -0.1}, ("p", "step"), "step must be above 0"),
        (NUMBER, {"range": [0]}, ("p", "range"), "range must be a list of two numbers"),
        (NUMBER, {"range": [0, 1], "stp": 1}, ("p",), "unexpected key 'stp'"),
        (NUMBER, {"choices": []}, ("p", "choices"), "non-empty list"),
        (NUMBER, {"low": 1}, ("p",), "needs `range` or `choices`"),
        (NUMBER, "abc", ("p",), "x must be a number, got 'abc'"),
        (NUMBER, True, ("p",), "x must be a number, got True"),
        (NUMBER, 11, ("p",), "x must be in [-10, 10], got 11"),
        (NUMBER, [1, 2], ("p",), "x takes one value, not a list"),
        (NUMBER, {"choices": [1, 20]}, ("p", "choices", 1), "x must be in [-10, 10], got 20"),
        (INTEGER, 2.5, ("p",), "n must be a whole number"),
        (INTEGER, {"range": [1, 5], "step": 0.5}, ("p", "step"), "step must be a whole number"),
        (WORD, "c", ("p",), "w must be one of a, b, got 'c'"),
        (WORD, {"range": [1, 2]}, ("p",), "w is a word"),
        (PER_COMPONENT, [1, "x"], ("p", 1), "g must be a number, got 'x'"),
    ],
)
def test_problems(param: Param, raw: object, field: tuple[str, ...], message: str) -> None:
    form, problems = parse_form(param, raw, ("p",))
    assert form is None
    assert [p.field for p in problems] == [field]
    assert message in problems[0].message


@pytest.mark.parametrize(
    ("x", "expected"), [(0.25, 2), (1e-08, 8), (300.0, 0), (1.5e-5, 6), (-0.1, 1), (2, 0)]
)
def test_decimals(x: float, expected: int) -> None:
    assert decimals(x) == expected

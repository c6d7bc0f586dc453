"""The answer parser: what it accepts, what it refuses, and that it never fails any other way."""

from __future__ import annotations

import contextlib
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.exercises.answers import AnswerError, parse_class, parse_number, parse_vector


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.04", 0.04),
        ("  -1.5 ", -1.5),
        ("1e-3", 0.001),
        ("1.6E-4", 0.00016),
        ("1/4", 0.25),
        ("-3/4", -0.75),
        ("1 / 8", 0.125),
        ("2.5/5", 0.5),
        ("\u22120.5", -0.5),  # the Unicode minus the solutions print
        ("1e\u22122", 0.01),
        (".5", 0.5),
        ("5.", 5.0),
        ("+2", 2.0),
        ("0", 0.0),
    ],
)
def test_accepted_numbers(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected, rel=1e-15)


def test_a_third() -> None:
    assert parse_number("1/3") == pytest.approx(0.3333333333333333, rel=1e-15)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "2**10",
        "__import__('os')",
        "1/0",
        "1e999",
        "0x10",
        "nan",
        "inf",
        "1/3/4",
        "--1",
        "1e",
        "\u0663",  # ARABIC-INDIC DIGIT THREE: float() would take it, we do not
        "1_000",
        "1" * 300,
    ],
)
def test_refused_entries_say_what_is_accepted(text: str) -> None:
    with pytest.raises(AnswerError) as info:
        parse_number(text)
    assert "type a number such as" in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.1, -0.2", (0.1, -0.2)),
        ("(0.1, \u22120.2)", (0.1, -0.2)),
        ("0.1 -0.2", (0.1, -0.2)),
        ("[1/2; 3]", (0.5, 3.0)),
        ("1 / 2, 3", (0.5, 3.0)),
    ],
)
def test_vectors(text: str, expected: tuple[float, ...]) -> None:
    assert parse_vector(text, 2) == pytest.approx(expected, rel=1e-15)


def test_vector_with_the_wrong_count() -> None:
    with pytest.raises(AnswerError, match="expected 3 numbers separated by commas, got 2"):
        parse_vector("1, 2", 3)


def test_vector_names_the_bad_component() -> None:
    with pytest.raises(AnswerError, match="number 2: 'x' is not a number"):
        parse_vector("1, x, 3", 3)


@pytest.mark.parametrize(("text", "expected"), [("2", 2), (" 3.0 ", 3), ("1", 1)])
def test_class_numbers(text: str, expected: int) -> None:
    assert parse_class(text) == expected


@pytest.mark.parametrize("text", ["2.5", "two", ""])
def test_bad_class_numbers(text: str) -> None:
    with pytest.raises(AnswerError, match="class"):
        parse_class(text)


@given(st.text())
def test_parse_number_fails_only_with_answer_error(text: str) -> None:
    try:
        value = parse_number(text)
    except AnswerError as exc:
        assert str(exc)
    else:
        assert math.isfinite(value)


@given(st.text(alphabet=st.sampled_from(list("0123456789.eE+-/−, ;()[]x \t"))))
def test_parse_number_on_number_like_text(text: str) -> None:
    # Text made of number characters reaches the regular expressions' corner cases more often.
    with contextlib.suppress(AnswerError):
        assert math.isfinite(parse_number(text))


@given(st.text(), st.integers(min_value=1, max_value=5))
def test_parse_vector_fails_only_with_answer_error(text: str, size: int) -> None:
    try:
        values = parse_vector(text, size)
    except AnswerError:
        return
    assert len(values) == size
    assert all(math.isfinite(v) for v in values)


@pytest.mark.parametrize(
    ("text", "dotted"), [("0,999", "0.999"), ("1,5", "1.5"), ("-1,5e-3", "-1.5e-3")]
)
def test_a_decimal_comma_is_refused_with_the_way_to_write_it(text: str, dotted: str) -> None:
    with pytest.raises(AnswerError, match=f"has a comma: write the decimal point as '{dotted}'"):
        parse_number(text)

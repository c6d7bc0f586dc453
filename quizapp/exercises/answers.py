"""A small, safe parser for the numbers a learner types as an exercise's answer.

Accepted: decimals (``0.04``, ``.5``, ``3.``), scientific notation (``1e-3``, ``1.6E-4``), simple
fractions (``1/3``, ``-2.5/4``), a leading sign, and spaces around it all. The Unicode minus
(``−``, as the solutions print it) counts as a minus, so a value copied from the screen parses.
The text is matched against a regular expression and only then handed to `float()`: nothing is
ever evaluated, so ``2**10`` or ``__import__('os')`` is just a wrong answer with a clear message.
"""

from __future__ import annotations

import math
import re

#: What the learner is told whenever an entry cannot be read.
ACCEPTED = "type a number such as 0.04, -1.5, 1e-3 or 1/3"

#: Longer entries are refused outright: no answer needs them, and it bounds the work done.
MAX_LENGTH = 200

_DECIMAL = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_NUMBER = re.compile(rf"([+-]?)({_DECIMAL}(?:[eE][+-]?[0-9]+)?)")
_FRACTION = re.compile(rf"([+-]?)({_DECIMAL})/({_DECIMAL})")
# Vector entries: components separated by commas, semicolons or spaces, optionally in brackets.
_SEPARATORS = re.compile(r"[,;\s]+")
_SPACED_SLASH = re.compile(r"\s*/\s*")


class AnswerError(ValueError):
    """An entry that is not a number we accept; the message says what is accepted."""


def _normalise(text: str) -> str:
    # The solutions print U+2212 MINUS SIGN; a learner may paste it back.
    return text.replace("\u2212", "-").strip()


def parse_number(text: str) -> float:
    """The number typed in `text`; raises `AnswerError` for anything else."""
    if len(text) > MAX_LENGTH:
        raise AnswerError(f"that entry is too long; {ACCEPTED}")
    cleaned = _SPACED_SLASH.sub("/", _normalise(text))
    if not cleaned:
        raise AnswerError(f"the entry is empty; {ACCEPTED}")
    match = _NUMBER.fullmatch(cleaned)
    if match is not None:
        value = float(match.group(2))
        if math.isinf(value):
            raise AnswerError(f"{cleaned!r} is too large; {ACCEPTED}")
        return -value if match.group(1) == "-" else value
    match = _FRACTION.fullmatch(cleaned)
    if match is not None:
        numerator, denominator = float(match.group(2)), float(match.group(3))
        if denominator == 0:
            raise AnswerError(f"{cleaned!r} divides by zero; {ACCEPTED}")
        value = numerator / denominator
        if math.isinf(value):
            raise AnswerError(f"{cleaned!r} is too large; {ACCEPTED}")
        return -value if match.group(1) == "-" else value
    if _NUMBER.fullmatch(cleaned.replace(",", ".", 1)):
        # 0,999: a decimal comma (a comma separates the numbers of a vector, so it is not read
        # as a decimal point here); the learner is told how to write it.
        dotted = cleaned.replace(",", ".", 1)
        raise AnswerError(f"{cleaned!r} has a comma: write the decimal point as {dotted!r}")
    raise AnswerError(f"{cleaned!r} is not a number; {ACCEPTED}")


def parse_vector(text: str, size: int) -> tuple[float, ...]:
    """`size` numbers separated by commas or spaces, optionally in brackets: ``(0.1, -0.2)``."""
    if len(text) > MAX_LENGTH * max(size, 1):
        raise AnswerError(f"that entry is too long; type {size} numbers separated by commas")
    cleaned = _SPACED_SLASH.sub("/", _normalise(text))
    if cleaned[:1] in "([" and cleaned[-1:] in ")]" and len(cleaned) >= 2:
        cleaned = cleaned[1:-1].strip()
    parts = [part for part in _SEPARATORS.split(cleaned) if part]
    if len(parts) != size:
        raise AnswerError(
            f"expected {size} numbers separated by commas, got {len(parts)}; "
            "each one may be written like 0.04, -1.5, 1e-3 or 1/3"
        )
    values: list[float] = []
    for position, part in enumerate(parts, start=1):
        try:
            values.append(parse_number(part))
        except AnswerError as exc:
            raise AnswerError(f"number {position}: {exc}") from None
    return tuple(values)


def parse_class(text: str) -> int:
    """A class number such as ``2`` (``2.0`` is accepted too); raises `AnswerError` otherwise."""
    try:
        value = parse_number(text)
    except AnswerError:
        raise AnswerError(
            f"{_normalise(text)!r} is not a class number; type one such as 2"
        ) from None
    if not value.is_integer():
        raise AnswerError(f"{_normalise(text)!r} is not a whole number; type a class such as 2")
    return int(value)

"""Numbers as the exercises print them: short, with a Unicode minus and subscripts.

Drawn inputs are grid points with few digits, so they print exactly; derived values print with
six significant digits (more than the 3 an answer needs) and a solution step says "≈" when
the printed value is rounded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

MINUS = "\u2212"
_SUBSCRIPTS = str.maketrans("0123456789+-", "₀₁₂₃₄₅₆₇₈₉₊₋")
_SUPERSCRIPTS = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")

#: Significant digits of derived values in solutions and expected answers.
DIGITS = 6
#: Significant digits of drawn inputs: enough that a grid point always prints exactly.
GIVEN_DIGITS = 12


def num(x: float, digits: int = DIGITS) -> str:
    """`x` with up to `digits` significant digits, no trailing zeros: 0.04, −1.5, 1.6e−5."""
    if x == 0:
        return "0"  # also for -0.0, which would otherwise print as "−0"
    text = f"{x:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", MINUS)


def factor(x: float, digits: int = DIGITS) -> str:
    """`x` ready to be multiplied: a negative number goes in parentheses, 0.1·(−0.4)."""
    text = num(x, digits)
    return f"({text})" if text.startswith(MINUS) else text


def vec(values: Sequence[float], digits: int = DIGITS) -> str:
    """A vector as (0.1, −0.2, 0.3)."""
    return "(" + ", ".join(num(v, digits) for v in values) + ")"


def value(x: float | Sequence[float], digits: int = DIGITS) -> str:
    """A scalar as `num`, a vector as `vec`."""
    if isinstance(x, int | float):
        return num(float(x), digits)
    return vec(x, digits)


def term(x: float | Sequence[float], digits: int = DIGITS) -> str:
    """A scalar as `factor`, a vector as `vec` (already bracketed)."""
    if isinstance(x, int | float):
        return factor(float(x), digits)
    return vec(x, digits)


def is_rounded(x: float | Sequence[float], digits: int = DIGITS) -> bool:
    """True when printing `x` with `digits` significant digits loses more than float dust.

    0.1·0.2 is 0.020000000000000004 in binary floating point: printed as 0.02, it is exact for
    the learner, so it gets "=", while 1/6 printed as 0.166667 gets "≈".
    """
    values = [x] if isinstance(x, int | float) else list(x)
    return any(
        not math.isclose(float(num(float(v), digits).replace(MINUS, "-")), float(v), rel_tol=1e-12)
        for v in values
    )


def change_digits(x: float | Sequence[float], baseline: float | Sequence[float]) -> int:
    """Significant digits that show `x` with its change from `baseline` to `DIGITS` digits.

    θₜ = 0.800001 after a step of 0.00000123 needs 12 digits, or the printed θₜ would be off by
    more than the tolerance, which is relative to the step. At most 15, which prints any grid
    point exactly without binary dust.
    """
    values = [x] if isinstance(x, int | float) else list(x)
    bases = [baseline] * len(values) if isinstance(baseline, int | float) else list(baseline)
    digits = DIGITS
    for v, b in zip(values, bases, strict=True):
        change = abs(float(v) - float(b))
        if v == 0:
            continue
        if change == 0:
            return 15
        ratio = abs(float(v)) / change
        if ratio > 1:  # the value is larger than its change: it needs more digits
            digits = max(digits, DIGITS + math.ceil(math.log10(ratio)))
    return min(digits, 15)


def sub(n: int | str) -> str:
    """Subscript digits: sub(12) == "₁₂"; letters other than t are left as they are."""
    return str(n).translate(_SUBSCRIPTS)


def sup(n: int | str) -> str:
    """Superscript digits: sup(3) == "³"."""
    return str(n).translate(_SUPERSCRIPTS)


def decimals(x: float) -> int:
    """Decimals in the shortest text of `x`: 0.25 → 2, 1e-08 → 8, 300.0 → 0."""
    text = repr(float(x))
    exponent = 0
    if "e" in text:
        text, exp_text = text.split("e")
        exponent = int(exp_text)
    fraction = text.split(".")[1].rstrip("0") if "." in text else ""
    return max(0, len(fraction) - exponent)

"""Bootstrap sampling odds, and the `bootstrap` exercise built on them.

A bootstrap sample draws n times with replacement from n samples. A given sample is left out of
it with probability (1 − 1/n)ⁿ, which tends to 1/e ≈ 0.368 as n grows; so a bootstrap sample
holds n·(1 − (1 − 1/n)ⁿ) distinct samples on average (about 63.2 %), and the rest, about
n·(1 − 1/n)ⁿ, are "out of bag".
"""

from __future__ import annotations

import math

import numpy as np

from quizapp.exercises.exercise import Given, Pitfall
from quizapp.exercises.formatting import factor, num, sup
from quizapp.exercises.generator import (
    Bounds,
    Generator,
    Inputs,
    Kind,
    Param,
    Quantity,
    Worked,
    step,
)

#: The limit of (1 − 1/n)ⁿ as n → ∞.
LIMIT = 1 / math.e


def p_left_out(n: int) -> float:
    """The chance that one given sample is not drawn in n draws with replacement from n."""
    if n < 1:
        raise ValueError(f"a bootstrap sample needs n ≥ 1, got {n}")
    return (1 - 1 / n) ** n


def expected_distinct(n: int) -> float:
    """The expected number of distinct samples in a bootstrap sample of size n."""
    return n * (1 - p_left_out(n))


def expected_out_of_bag(n: int) -> float:
    """The expected number of samples a bootstrap sample of size n leaves out."""
    return n * p_left_out(n)


def _work(inputs: Inputs, rng: np.random.Generator) -> Worked:
    del rng  # every input is a parameter
    n: int = inputs["n"]
    out = p_left_out(n)
    keep = 1 - 1 / n
    solution = (
        step(
            "P(a sample is left out) = (1 − 1/n)ⁿ",
            f"(1 − 1/{n}){sup(n)} = {factor(keep)}{sup(n)}",
            out,
            about="p_out",
        ),
        step("P(a sample is drawn) = 1 − (1 − 1/n)ⁿ", f"1 − {num(out)}", 1 - out, "p_in"),
        step(
            "E[distinct samples] = n·(1 − (1 − 1/n)ⁿ)",
            f"{n}·{factor(1 - out)}",
            n * (1 - out),
            "distinct",
        ),
        step("E[out-of-bag samples] = n·(1 − 1/n)ⁿ", f"{n}·{factor(out)}", n * out, "oob"),
        step("lim (1 − 1/n)ⁿ as n → ∞ = 1/e", "", LIMIT, "limit"),
    )
    values = {
        "p_out": out,
        "p_in": 1 - out,
        "distinct": expected_distinct(n),
        "oob": expected_out_of_bag(n),
        "limit": LIMIT,
    }
    intro = f"A bootstrap sample draws n = {n} times, with replacement, from {n} samples."
    return Worked(intro, (Given("n", str(n), "n"),), values, solution, pitfalls=_pitfalls(n))


def _pitfalls(n: int) -> dict[str, tuple[Pitfall, ...]]:
    """The large-n values, wrong for this n wherever they differ from it at 3 figures."""
    which = f"for n = {n}, work out (1 − 1/n)ⁿ itself"
    return {
        "p_out": (Pitfall(LIMIT, f"that is the limit 1/e ≈ 0.368; {which}"),),
        "p_in": (Pitfall(1 - LIMIT, f"that is the limit 1 − 1/e ≈ 0.632; {which}"),),
        "distinct": (Pitfall(n * (1 - LIMIT), f"that is n·(1 − 1/e), the large-n value; {which}"),),
        "oob": (Pitfall(n * LIMIT, f"that is n/e, the large-n value; {which}"),),
    }


GENERATOR = Generator(
    name="bootstrap",
    title="Bootstrap sampling",
    params=(
        Param(
            "n",
            "n",
            "number of samples, and of draws",
            {"choices": [2, 3, 4, 5, 10]},
            kind=Kind.INTEGER,
            bounds=Bounds(1, 1_000_000),
        ),
    ),
    quantities=(
        Quantity("p_out", "(1 − 1/n)ⁿ", "chance that a given sample is left out", needs=("n",)),
        Quantity("p_in", "1 − (1 − 1/n)ⁿ", "chance that a given sample is drawn", needs=("n",)),
        Quantity("distinct", "E[distinct]", "expected number of distinct samples", needs=("n",)),
        Quantity("oob", "E[out of bag]", "expected number of samples left out", needs=("n",)),
        # 1/e, whatever n is.
        Quantity("limit", "lim (1 − 1/n)ⁿ", "the limit as n grows (1/e)"),
    ),
    default_ask=("p_out", "distinct"),
    work=_work,
)

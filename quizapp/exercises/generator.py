"""How a generator declares itself: its parameters, the quantities it can ask, and its maths.

Each generator module (adam.py, voting.py, ...) ends with a `GENERATOR` built from these pieces;
`registry.py` collects them, checks deck specs against the declarations and draws exercises.
Each quantity names the givens its formula takes and the quantities it builds on, so that a card
shows only what its asked quantities need.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from quizapp.exercises import formatting
from quizapp.exercises.exercise import Given, Number, Pitfall, SolutionStep


@dataclass(frozen=True, slots=True)
class SpecProblem:
    """Something wrong with an exercise card, at `field` inside the card.

    `field` is the path the deck file uses: ``("params", "grad")``, ``("ask", 2)``,
    ``("tolerance", "rel")``; the deck loader turns it into a line and column.
    """

    field: tuple[str | int, ...]
    message: str
    hint: str | None = None


class Kind(StrEnum):
    """What values a parameter takes."""

    NUMBER = "number"
    INTEGER = "integer"
    #: One of a few words (`Param.options`), fixed or as ``{choices: [...]}``.
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Bounds:
    """The values a parameter may take, so that every draw gives finite, meaningful numbers."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def __contains__(self, x: float) -> bool:
        above = x > self.low if self.low_open else x >= self.low
        below = x < self.high if self.high_open else x <= self.high
        return above and below

    def __str__(self) -> str:
        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        return f"{left}{self.low:g}, {self.high:g}{right}"


@dataclass(frozen=True, slots=True)
class Param:
    """One input of a generator, as a deck's `params` names it."""

    name: str
    #: The symbol shown to the learner (``β₁``).
    label: str
    description: str
    #: Used when the deck does not give the parameter: a form as a deck would write it.
    default: object
    kind: Kind = Kind.NUMBER
    bounds: Bounds | None = None
    #: TEXT parameters: the words allowed.
    options: tuple[str, ...] = ()
    #: Drawn once per component of the exercise's vectors (a fixed list gives every component).
    per_component: bool = False


@dataclass(frozen=True, slots=True)
class Quantity:
    """Something the learner may be asked to work out, as a deck's `ask` names it."""

    name: str
    label: str
    description: str
    vector: bool = False
    #: A class number, compared exactly rather than within a tolerance.
    exact: bool = False
    #: For a quantity that is a new value of a given input (θₜ from θₜ₋₁, mₜ from mₜ₋₁): that
    #: input's parameter name. The answer is judged by its own value all the same; the baseline
    #: only decides how many digits the expected value prints with (enough to show the change)
    #: and is always shown with the quantity.
    baseline: str | None = None
    #: Counts (votes per class): the input's hint asks for whole numbers (see `Question.whole`).
    whole: bool = False
    #: The givens (`Given.name`) its formula takes directly; with those of the quantities it
    #: `builds_on`, the only ones shown when it is asked (see `Generator.needs`).
    needs: tuple[str, ...] = ()
    #: The quantities its formula takes (m̂ₜ builds on mₜ), whether asked or not.
    builds_on: tuple[str, ...] = ()


#: Drawn inputs by parameter name: float, int, str, or a tuple of floats per component.
Inputs = Mapping[str, Any]


class Sentence(NamedTuple):
    """A sentence of an intro that is about some givens: left out when none of them is shown."""

    text: str
    #: `Given.name`s; empty: always kept.
    about: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Worked:
    """A generator's work on drawn inputs: what to show, every quantity's value, the solution."""

    #: Plain text, or sentences kept by the givens shown (see `Sentence`).
    intro: str | tuple[Sentence, ...]
    #: Every given; those no asked quantity needs are left out of the exercise.
    given: tuple[Given, ...]
    values: Mapping[str, Number]
    solution: tuple[SolutionStep, ...]
    #: Baselines that are no single parameter (AdaBoost's Z from Σwᵢ = 1), by quantity name;
    #: they take the place of `Quantity.baseline` (see there).
    baselines: Mapping[str, Number] = field(default_factory=dict)
    #: Values wrong for a known reason, by quantity name (see `Exercise.pitfalls`).
    pitfalls: Mapping[str, tuple[Pitfall, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Generator:
    """A kind of computed exercise."""

    name: str
    title: str
    params: tuple[Param, ...]
    quantities: tuple[Quantity, ...]
    #: Asked when a card's `ask` is empty.
    default_ask: tuple[str, ...]
    #: Works the exercise out from drawn inputs; `rng` is for any further structure it draws
    #: (which samples are misclassified, ...), so the seed decides everything.
    work: Callable[[Inputs, np.random.Generator], Worked]
    #: The INTEGER parameter giving the number of components of per-component parameters.
    size_param: str | None = None

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def quantity(self, name: str) -> Quantity | None:
        return next((q for q in self.quantities if q.name == name), None)

    def worked_out(self, ask: Iterable[str]) -> frozenset[str]:
        """The quantities `ask` and every one they build on, however far down."""
        done: set[str] = set()
        todo = list(ask)
        while todo:
            name = todo.pop()
            if name in done:
                continue
            quantity = self.quantity(name)
            if quantity is None:
                raise KeyError(f"{self.name} has no quantity {name!r}")
            done.add(name)
            todo.extend(quantity.builds_on)
        return frozenset(done)

    def needs(self, ask: Iterable[str]) -> frozenset[str]:
        """The givens the learner needs to work out the quantities `ask`.

        Those each asked quantity takes, and those of every quantity it builds on, however far
        down: θₜ of an Adam step needs m̂ₜ and so β₁, g and mₜ₋₁, even when m̂ₜ is not asked.
        """
        needed: set[str] = set()
        todo = list(ask)
        done: set[str] = set()
        while todo:
            name = todo.pop()
            if name in done:
                continue
            done.add(name)
            quantity = self.quantity(name)
            if quantity is None:
                raise KeyError(f"{self.name} has no quantity {name!r}")
            needed.update(quantity.needs)
            todo.extend(quantity.builds_on)
        return frozenset(needed)


def step(formula: str, substituted: str, x: Number, about: str = "") -> SolutionStep:
    """A solution line whose value is `x`, marked approximate when printing rounds it.

    `about` names the quantity the line works out (see `SolutionStep.about`).
    """
    return SolutionStep(
        formula, substituted, formatting.value(x), formatting.is_rounded(x), about=about
    )


def as_number(values: ArrayLike) -> Number:
    """A one-component array as a float, a longer one as a tuple of floats."""
    flat = np.asarray(values, dtype=np.float64).reshape(-1)
    if flat.size == 1:
        return float(flat[0])
    return tuple(float(x) for x in flat)

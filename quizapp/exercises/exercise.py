"""What an exercise is once drawn, and what checking the learner's answers gives back.

An `Exercise` holds the drawn inputs the questions need as text (`given`), the questions with
their expected values, and the worked solution (every step, whatever was asked); `Checked`
marks each answer right, wrong, blank or unreadable. Both are plain frozen data, so the TUI can
show them and the session can log them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from quizapp.exercises import formatting
from quizapp.scheduling.base import Mark

#: An expected value or a parsed answer: a number, or one number per component.
Number = float | tuple[float, ...]


#: Example components in a vector's hint: different from each other, so they read as separate
#: values, and never a set of probabilities or weights (those are ≥ 0 and sum to 1).
NUMBER_EXAMPLES = ("0.1", "-0.2", "0.3", "-0.4")
WHOLE_EXAMPLES = ("2", "0", "1", "3")
#: Longer vectors get no example in their hint, only their count.
HINT_EXAMPLES = len(NUMBER_EXAMPLES)


class Given(NamedTuple):
    """One drawn input as shown to the learner: a symbol or label and its value as text."""

    label: str
    value: str
    #: The input it shows, as the quantities' `needs` name it: a parameter (``theta``) or
    #: something drawn from it (``predictions``). Several givens may share one (a table's rows).
    name: str


class Pitfall(NamedTuple):
    """A value a learner may give for a known wrong reason, and what to tell them."""

    value: Number
    says: str


@dataclass(frozen=True, slots=True)
class Question:
    """One quantity the learner works out."""

    #: The quantity's name, as decks write it in `ask` (``m_hat``).
    name: str
    #: How it is shown (``m̂ₜ``).
    label: str
    #: ``()`` for a number, ``(n,)`` for n components typed as ``0.1, -0.2``.
    shape: tuple[int, ...]
    expected: Number
    #: True for class numbers, which must match exactly; other numbers get the tolerance.
    exact: bool = False
    #: A few words on what it is ("bias-corrected first moment").
    description: str = ""
    #: The given previous value when the quantity is "previous value + change" (θₜ₋₁ for θₜ):
    #: the answer is judged by the change it implies (see `Exercise`). None: judged directly.
    baseline: Number | None = None
    #: True for counts (votes per class): whole numbers, so the hint shows whole ones. They are
    #: judged like any number all the same.
    whole: bool = False
    #: Values that are wrong for a known reason: a wrong answer that matches one (within the
    #: tolerance) gets its explanation (the limit 1/e given for a finite n).
    pitfalls: tuple[Pitfall, ...] = ()

    @property
    def expected_text(self) -> str:
        """The expected value as the solution prints it."""
        if self.exact and isinstance(self.expected, float):
            return str(int(self.expected))
        if self.baseline is not None:
            # Enough digits that the printed value implies the step within the tolerance.
            digits = formatting.change_digits(self.expected, self.baseline)
            return formatting.value(self.expected, digits)
        return formatting.value(self.expected)

    @property
    def baselines(self) -> tuple[float, ...]:
        """The baseline of each component (0 for a quantity without one)."""
        size = self.shape[0] if self.shape else 1
        if self.baseline is None:
            return (0.0,) * size
        if isinstance(self.baseline, tuple):
            return self.baseline
        return (self.baseline,) * size

    @property
    def hint(self) -> str:
        """What to type, for an input's placeholder: how many numbers, of which kind.

        The example has as many components as the answer, up to `HINT_EXAMPLES`; a longer
        vector is only counted, so the placeholder stays short enough to fit its field.
        """
        if self.exact:
            return "a class number, e.g. 2"
        if self.shape:
            size = self.shape[0]
            what = ("whole number" if self.whole else "number") + ("" if size == 1 else "s")
            if size > HINT_EXAMPLES:
                return f"{size} {what} separated by commas"
            examples = WHOLE_EXAMPLES if self.whole else NUMBER_EXAMPLES
            return f"{size} {what}, e.g. " + ", ".join(examples[:size])
        if self.whole:
            return "a whole number, e.g. 3"
        return "a number, e.g. 0.04, 1e-3 or 1/3"


@dataclass(frozen=True, slots=True)
class SolutionStep:
    """One line of the worked solution: formula = numbers substituted = value."""

    formula: str
    substituted: str
    value: str
    #: True when `value` is rounded for display ("≈" rather than "=").
    approximate: bool = False
    #: The quantity this line works out (``m_hat``); empty: a line every draw shows. A line is
    #: shown only when its quantity is asked or built on by one that is, so the solution never
    #: shows a number the question did not give and the learner did not work out.
    about: str = ""

    def __str__(self) -> str:
        sign = "≈" if self.approximate else "="
        parts = [self.formula]
        # A substitution that repeats the step before it or the value adds nothing: a single
        # misclassified sample gives "w₁ = 0.1" for ε = 0.1: "= w₁ = 0.1", not "= w₁ = 0.1 = 0.1".
        chain: list[str] = []
        for part in self.substituted.split(" = ") if self.substituted else []:
            if not chain or part != chain[-1]:
                chain.append(part)
        if chain and chain[-1] == self.value:
            chain.pop()
        parts += [f"= {part}" for part in chain]
        if self.value:
            parts.append(f"{sign} {self.value}")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Exercise:
    """One draw of an exercise: the same generator, parameters and seed give the same one."""

    generator: str
    seed: int
    #: One or two sentences setting the scene ("One Adam step on a single weight, t = 1.").
    intro: str
    given: tuple[Given, ...]
    questions: tuple[Question, ...]
    solution: tuple[SolutionStep, ...]
    #: An answer x is right when |x − expected| ≤ max(abs_tol, rel_tol·|expected|, h), where h
    #: is half a unit in the `figures`-th significant figure of the expected value (0 when
    #: `figures` is None): with 3, every value rounded to 3 significant figures is right
    #: (0.98 for 0.9798) and one off in its 3rd figure is wrong. Each quantity is judged by its
    #: own value, θₜ included.
    rel_tol: float
    abs_tol: float
    figures: int | None = None

    def question(self, name: str) -> Question:
        for question in self.questions:
            if question.name == name:
                return question
        raise KeyError(name)


class Status(StrEnum):
    """How one answer fared."""

    RIGHT = "right"
    WRONG = "wrong"
    #: Nothing typed: counted as wrong.
    BLANK = "blank"
    #: Not a number we can read: counted as wrong, and the learner may retype it.
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class Result:
    """The learner's answer to one question, checked."""

    question: Question
    #: As typed.
    answer: str
    status: Status
    #: The parsed answer (None when blank or unreadable).
    value: Number | None = None
    #: For an unreadable answer: what is wrong and what is accepted.
    error: str | None = None
    #: For a vector answer that could be read: whether each component is within the tolerance
    #: (the answer is right when all are). Empty for a number, or when blank or unreadable.
    components: tuple[bool, ...] = ()
    #: For a wrong answer that matches a known pitfall: what it is ("that is the limit 1/e").
    hint: str | None = None

    @property
    def name(self) -> str:
        return self.question.name

    @property
    def right(self) -> bool:
        return self.status is Status.RIGHT


@dataclass(frozen=True, slots=True)
class Checked:
    """Every answer checked, the mark they give, and the worked solution."""

    results: tuple[Result, ...]
    #: Every asked quantity right: perfect; some: partly right; none: wrong.
    mark: Mark
    solution: tuple[SolutionStep, ...]

    @property
    def right(self) -> int:
        """How many answers are right."""
        return sum(result.right for result in self.results)

    @property
    def all_right(self) -> bool:
        return all(result.right for result in self.results)

    @property
    def errors(self) -> dict[str, str]:
        """Question name → message, for each answer that could not be read."""
        return {r.name: r.error for r in self.results if r.error is not None}

    @property
    def complete(self) -> bool:
        """True when every answer could be read (blank answers count as read: they are wrong)."""
        return not self.errors

    def result(self, name: str) -> Result:
        for result in self.results:
            if result.name == name:
                return result
        raise KeyError(name)

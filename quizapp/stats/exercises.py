"""Exercise accuracy: how often each generator's quantities were worked out right.

The input has one row per quantity asked in an exercise answer (an Adam step asking m, v, m̂ and
v̂ gives four rows), so a learner sees which step they keep getting wrong ("v̂ₜ: 58% right").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

from quizapp.model import ExerciseSpec
from quizapp.stats.history import BoolArray, IntArray
from quizapp.stats.retention import Tally


@dataclass(frozen=True, slots=True)
class QuantityAnswers:
    """Answered quantities: one row per quantity of each exercise answer."""

    #: Names of the generators and of the quantities, indexed by the columns below.
    generators: tuple[str, ...]
    quantities: tuple[str, ...]
    generator: IntArray
    quantity: IntArray
    right: BoolArray
    #: Study day of the answer (for the period filter).
    day: IntArray
    #: Index of the answered card (for the deck and tag filters).
    card: IntArray
    #: Learner-facing label of each (generator, quantity name), e.g. ("adam_step", "m_hat",
    #: "m̂ₜ"), when known: two generators may give the same name different meanings.
    labels: tuple[tuple[str, str, str], ...] = ()

    @classmethod
    def build(
        cls,
        *,
        generators: Sequence[str],
        quantities: Sequence[str],
        generator: npt.ArrayLike,
        quantity: npt.ArrayLike,
        right: npt.ArrayLike,
        day: npt.ArrayLike,
        card: npt.ArrayLike,
        labels: Sequence[tuple[str, str, str]] = (),
    ) -> QuantityAnswers:
        return cls(
            generators=tuple(generators),
            quantities=tuple(quantities),
            generator=np.asarray(generator, dtype=np.int64),
            quantity=np.asarray(quantity, dtype=np.int64),
            right=np.asarray(right, dtype=np.bool_),
            day=np.asarray(day, dtype=np.int64),
            card=np.asarray(card, dtype=np.int64),
            labels=tuple(labels),
        )

    @classmethod
    def empty(cls) -> QuantityAnswers:
        return cls.build(
            generators=(), quantities=(), generator=[], quantity=[], right=[], day=[], card=[]
        )

    def __len__(self) -> int:
        return len(self.generator)

    def select(self, mask: BoolArray) -> QuantityAnswers:
        columns = {"generator", "quantity", "right", "day", "card"}
        values = {
            f.name: getattr(self, f.name)[mask] if f.name in columns else getattr(self, f.name)
            for f in fields(self)
        }
        return QuantityAnswers(**values)


@dataclass(frozen=True, slots=True)
class Accuracy(Tally):
    """Right answers to one asked quantity (e.g. m_hat) of one generator."""

    name: str
    label: str


@dataclass(frozen=True, slots=True)
class GeneratorAccuracy(Tally):
    """Right answers to every quantity of one generator, and per quantity."""

    generator: str
    #: Per quantity, in the order of `QuantityAnswers.quantities`.
    quantities: tuple[Accuracy, ...]


def exercise_accuracy(answers: QuantityAnswers) -> list[GeneratorAccuracy]:
    """Accuracy per generator (over all its quantities) and per quantity, by generator name."""
    n_gen, n_q = len(answers.generators), len(answers.quantities)
    if n_gen == 0 or len(answers) == 0:
        return []
    pair = answers.generator * n_q + answers.quantity
    total = np.bincount(pair, minlength=n_gen * n_q).reshape(n_gen, n_q)
    right = np.bincount(pair, weights=answers.right, minlength=n_gen * n_q).reshape(n_gen, n_q)
    labels = {(generator, name): label for generator, name, label in answers.labels}
    result = []
    for g in np.argsort(np.asarray(answers.generators)):
        asked = np.flatnonzero(total[g])
        if asked.size == 0:
            continue
        per_quantity = [
            Accuracy(
                name=answers.quantities[q],
                label=labels.get(
                    (answers.generators[g], answers.quantities[q]), answers.quantities[q]
                ),
                right=int(right[g, q]),
                total=int(total[g, q]),
            )
            for q in asked
        ]
        result.append(
            GeneratorAccuracy(
                generator=answers.generators[g],
                right=int(right[g].sum()),
                total=int(total[g].sum()),
                quantities=tuple(per_quantity),
            )
        )
    return result


@dataclass(frozen=True, slots=True)
class ExerciseAnswer:
    """One stored answer to an exercise card: the seed its numbers were drawn with, and what the
    learner typed for each quantity (name -> text)."""

    card: int
    day: int
    seed: int
    given: object


def check_stored_answers(
    answers: Sequence[ExerciseAnswer], specs: Mapping[int, ExerciseSpec]
) -> QuantityAnswers:
    """Mark each stored exercise answer again, quantity by quantity.

    The review log keeps the seed and the typed text, not the marks, so each answer's exercise
    is drawn again from its card's spec and checked (`quizapp.exercises`). This is the one loop
    over individual answers in the statistics, and it runs over exercise answers only. Answers
    whose card has no spec any more, or whose spec no longer draws, are left out.
    """
    from quizapp.exercises.registry import SpecError, check, draw

    generators: dict[str, int] = {}
    quantities: dict[str, int] = {}
    labels: dict[tuple[str, str], str] = {}
    rows: list[tuple[int, int, bool, int, int]] = []
    for answer in answers:
        spec = specs.get(answer.card)
        if spec is None or not isinstance(answer.given, Mapping):
            continue
        try:
            exercise = draw(spec, answer.seed)
        except (SpecError, ValueError, ArithmeticError):
            continue
        typed = {str(k): str(v) for k, v in answer.given.items()}
        g = generators.setdefault(exercise.generator, len(generators))
        for result in check(exercise, typed).results:
            q = quantities.setdefault(result.name, len(quantities))
            labels.setdefault((exercise.generator, result.name), result.question.label)
            rows.append((g, q, result.right, answer.day, answer.card))
    if not rows:
        return QuantityAnswers.empty()
    g_col, q_col, right, day, card = zip(*rows, strict=True)
    return QuantityAnswers.build(
        generators=list(generators),
        quantities=list(quantities),
        generator=g_col,
        quantity=q_col,
        right=right,
        day=day,
        card=card,
        labels=[(generator, name, label) for (generator, name), label in labels.items()],
    )

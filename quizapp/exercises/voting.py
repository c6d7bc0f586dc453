"""Hard and soft voting over classifiers' class probabilities, and the `voting` exercise.

Hard voting: each classifier votes for its most probable class; the class with most votes wins.
Soft voting: the class probabilities are averaged; the class with the highest mean wins. Ties go
to the lowest class, as numpy's argmax (and scikit-learn's VotingClassifier) does; the exercise
draws cases without ties, so the answer never hangs on that convention.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from quizapp.exercises.exercise import Given, SolutionStep
from quizapp.exercises.formatting import sub, vec
from quizapp.exercises.generator import (
    Bounds,
    Generator,
    Inputs,
    Kind,
    Param,
    Quantity,
    Worked,
    as_number,
    step,
)


def _probas(probas: ArrayLike) -> NDArray[np.float64]:
    array = np.asarray(probas, dtype=np.float64)
    if array.ndim != 2 or array.shape[0] < 1 or array.shape[1] < 2:
        raise ValueError("give one row of class probabilities per classifier, 2 classes or more")
    return array


def vote_counts(probas: ArrayLike) -> NDArray[np.int64]:
    """Votes per class: each classifier (a row) votes for its most probable class."""
    array = _probas(probas)
    return np.bincount(np.argmax(array, axis=1), minlength=array.shape[1]).astype(np.int64)


def hard_vote(probas: ArrayLike) -> int:
    """The 0-based class with most votes."""
    return int(np.argmax(vote_counts(probas)))


def average_proba(probas: ArrayLike) -> NDArray[np.float64]:
    """The classifiers' mean probability of each class."""
    mean: NDArray[np.float64] = _probas(probas).mean(axis=0)
    return mean


def soft_vote(probas: ArrayLike) -> int:
    """The 0-based class with the highest mean probability."""
    return int(np.argmax(average_proba(probas)))


# The exercise. Probabilities are drawn in tenths (integers 0..10 below), so the averages are
# easy sums and ties can be detected exactly.

TENTHS = 10
_ATTEMPTS = 2000
CASES = ("mixed", "differ", "agree")


def _unique_max(row: NDArray[np.int64]) -> bool:
    return int(np.sum(row == row.max())) == 1


def _draw_row(rng: np.random.Generator, classes: int) -> NDArray[np.int64]:
    while True:
        cuts = np.sort(rng.integers(0, TENTHS + 1, classes - 1))
        row = np.diff(np.concatenate(([0], cuts, [TENTHS]))).astype(np.int64)
        if _unique_max(row):
            return row


def _draw_table(
    rng: np.random.Generator, classifiers: int, classes: int, differ: bool
) -> NDArray[np.int64]:
    """Tenths per classifier and class, no ties, hard and soft votes differing as asked."""
    for _ in range(_ATTEMPTS):
        table = np.stack([_draw_row(rng, classes) for _ in range(classifiers)])
        votes = np.bincount(np.argmax(table, axis=1), minlength=classes)
        sums = table.sum(axis=0)
        if not (_unique_max(votes) and _unique_max(sums)):
            continue
        if (int(np.argmax(votes)) != int(np.argmax(sums))) == differ:
            return table
    return fallback_table(rng, classifiers, classes, differ)


def fallback_table(
    rng: np.random.Generator, classifiers: int, classes: int, differ: bool
) -> NDArray[np.int64]:
    """A table built to order, in case drawing at random keeps missing (it practically never does).

    Differ: a bare majority says 0.6 for class h and 0.4 for class s; the rest say 1.0 for s.
    Hard vote h; the soft sums are 6·m for h against 4·m + 10·(k − m) for s, more for k = 3..5.
    """
    h, s = (int(c) for c in rng.choice(classes, 2, replace=False))
    majority = classifiers // 2 + 1
    table = np.zeros((classifiers, classes), dtype=np.int64)
    if differ:
        table[:majority, h], table[:majority, s] = 6, 4
        table[majority:, s] = TENTHS
    else:
        table[:, h] = TENTHS
    return table[rng.permutation(classifiers)]


def _work(inputs: Inputs, rng: np.random.Generator) -> Worked:
    classifiers: int = inputs["classifiers"]
    classes: int = inputs["classes"]
    case: str = inputs["case"]
    differ = bool(rng.integers(0, 2)) if case == "mixed" else case == "differ"
    table = _draw_table(rng, classifiers, classes, differ)
    probas = table / TENTHS
    votes = vote_counts(probas)
    average = average_proba(probas)
    hard, soft = hard_vote(probas) + 1, soft_vote(probas) + 1  # classes are shown from 1

    def row_text(row: NDArray[np.float64]) -> str:
        return vec([float(x) for x in row])

    given = (
        Given("classes", ", ".join(str(c) for c in range(1, classes + 1)), "classes"),
        *(
            Given(f"P from classifier {i}", row_text(row), "probas")
            for i, row in enumerate(probas, start=1)
        ),
    )
    picks = ", ".join(str(int(np.argmax(row)) + 1) for row in probas)
    solution = (
        SolutionStep("each classifier votes for its most probable class", "", picks),
        step("votes per class", "", as_number(votes)),
        step("hard vote = the class with most votes", "", float(hard)),
        step(
            f"P̄ = (P₁ + … + P{sub(classifiers)}) / {classifiers}",
            "(" + " + ".join(row_text(row) for row in probas) + f") / {classifiers}",
            as_number(average),
        ),
        step("soft vote = the class with the highest P̄", "", float(soft)),
    )
    values = {
        "hard": float(hard),
        "soft": float(soft),
        "votes": as_number(votes),
        "average": as_number(average),
    }
    intro = (
        f"{classifiers} classifiers give these class probabilities for one sample "
        f"(classes numbered from 1). Which class wins a hard vote, and which a soft vote?"
    )
    return Worked(intro, given, values, solution)


GENERATOR = Generator(
    name="voting",
    title="Hard and soft voting",
    params=(
        Param(
            "classifiers",
            "k",
            "number of classifiers (3 to 5)",
            {"range": [3, 5]},
            kind=Kind.INTEGER,
            bounds=Bounds(3, 5),
        ),
        Param(
            "classes",
            "C",
            "number of classes (2 to 4)",
            {"choices": [2, 3]},
            kind=Kind.INTEGER,
            bounds=Bounds(2, 4),
        ),
        Param(
            "case",
            "case",
            "differ: hard and soft votes disagree; agree: they agree; mixed: either, at random",
            "mixed",
            kind=Kind.TEXT,
            options=CASES,
        ),
    ),
    quantities=(
        # Every vote is read off the table of probabilities, its classes numbered from 1.
        Quantity(
            "hard",
            "hard vote",
            "the class with most votes",
            exact=True,
            needs=("classes", "probas"),
        ),
        Quantity(
            "soft",
            "soft vote",
            "the class with the highest mean probability",
            exact=True,
            needs=("classes", "probas"),
        ),
        Quantity(
            "votes",
            "votes",
            "the number of votes for each class",
            vector=True,
            whole=True,
            needs=("classes", "probas"),
        ),
        Quantity(
            "average",
            "P̄",
            "the mean probability of each class",
            vector=True,
            needs=("classes", "probas"),
        ),
    ),
    default_ask=("hard", "soft"),
    work=_work,
)

"""Hard and soft voting, against votes counted by hand."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.exercises.voting import (
    average_proba,
    fallback_table,
    hard_vote,
    soft_vote,
    vote_counts,
)

# Two lukewarm votes for class 0 against one confident vote for class 1: the classic case where
# the votes differ. Hard: 2 votes to 1 → class 0. Soft: means (0.4, 0.6) → class 1.
DIFFER = [[0.6, 0.4], [0.6, 0.4], [0.0, 1.0]]


def test_hard_and_soft_differ_worked_by_hand() -> None:
    assert vote_counts(DIFFER).tolist() == [2, 1]
    assert hard_vote(DIFFER) == 0
    np.testing.assert_allclose(average_proba(DIFFER), [0.4, 0.6], rtol=1e-12)
    assert soft_vote(DIFFER) == 1


def test_three_classes_worked_by_hand() -> None:
    # argmaxes 2, 2, 0, 1 → votes (1, 1, 2) → hard 2; means (0.325, 0.425, 0.25) → soft 1
    probas = [[0.3, 0.2, 0.5], [0.1, 0.4, 0.5], [0.8, 0.2, 0.0], [0.1, 0.9, 0.0]]
    assert vote_counts(probas).tolist() == [1, 1, 2]
    assert hard_vote(probas) == 2
    np.testing.assert_allclose(average_proba(probas), [0.325, 0.425, 0.25], rtol=1e-12)
    assert soft_vote(probas) == 1


def test_ties_go_to_the_lowest_class() -> None:
    assert hard_vote([[0.9, 0.1], [0.1, 0.9]]) == 0


def test_malformed_input_is_refused() -> None:
    with pytest.raises(ValueError):
        hard_vote([0.5, 0.5])


@given(
    winner=st.integers(0, 2),
    rows=st.lists(st.lists(st.floats(0, 0.45), min_size=3, max_size=3), min_size=3, max_size=5),
)
def test_soft_and_hard_agree_when_every_classifier_agrees(
    winner: int, rows: list[list[float]]
) -> None:
    # Every classifier puts its largest probability on `winner`: both votes must pick it.
    probas = np.array(rows)
    probas[:, winner] = 0.5 + probas.max(axis=1)
    assert hard_vote(probas) == winner
    assert soft_vote(probas) == winner


@pytest.mark.parametrize("classifiers", [3, 4, 5])
@pytest.mark.parametrize("classes", [2, 3, 4])
def test_fallback_tables_differ_as_asked(classifiers: int, classes: int) -> None:
    rng = np.random.default_rng(0)
    table = fallback_table(rng, classifiers, classes, differ=True)
    assert table.sum(axis=1).tolist() == [10] * classifiers
    assert hard_vote(table) != soft_vote(table)
    agree = fallback_table(rng, classifiers, classes, differ=False)
    assert hard_vote(agree) == soft_vote(agree)
